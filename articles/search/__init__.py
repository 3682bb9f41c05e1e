"""Full-text search over published articles: one interface, a backend per database.

query.py turns a patient's words into concepts (synonyms, glossary names, words typed
apart); backends/ ranks articles on SQLite (FTS5) or PostgreSQL (tsvector); spelling.py
offers "did you mean"; highlight.py marks the snippet.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from articles.caching.memo import per_stamp
from articles.models import Article
from articles.rendering.glossary import Entry
from articles.rendering.site import glossary_index
from articles.search import answers
from articles.search.backends import backend, page_rows
from articles.search.highlight import MARK_START, highlight, mark
from articles.search.query import (
    MAX_QUERY_CHARS,
    STOPWORDS,
    body_part_map,
    clean_query,
    concepts,
    first_terms,
    synonym_map,
    tokens,
)
from articles.search.ranking import CANDIDATES, best_sections, names, order
from articles.search.spelling import by_initial, english_words, suggest

__all__ = ["MARK_START", "MAX_QUERY_CHARS", "Hit", "Results", "clean_query", "highlight", "search"]

PAGE_SIZE = 10
# Glossary definitions shown above the results.
GLOSSARY_CARDS = 3
# Fewer articles than this match every concept: those that match some follow (a weak word
# such as "baby" in "is baby aspirin a blood thinner" must not hide the page about the rest).
ENOUGH = 10
# The same for sections (each article's sections then score every word: few are needed here).
ENOUGH_PASSAGES = 5
# Sections ranked per query: enough to find the best section of each result on the first pages.
PASSAGES = 300


@dataclass
class Hit:
    slug: str
    title: str
    summary: str
    topic_title: str
    topic_slug: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    anchor: str = ""  # the best-matching section's id on the article page ("" for none)
    section: str = ""  # its heading


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    suggestion: str = ""  # "Did you mean" text, when the query as typed found little
    corrected: bool = False  # hits are for the suggestion, not the query as typed
    glossary: list[Entry] = field(default_factory=list)
    answer: answers.Answer | None = None  # for a question, the section that clearly answers it

    @property
    def pages(self):
        return max(1, -(-self.total // PAGE_SIZE))


def _ranked(groups, rank, enough, key=lambda row: row):
    """Articles (or sections) that match every concept; when fewer than `enough` do, those that
    match any follow them (a patient's question has words no page uses)."""
    found = rank(groups, True)
    if len(found) < enough and len(groups) > 1:
        seen = {key(row) for row in found}
        found = found + [row for row in rank(groups, False) if key(row) not in seen]
    return found


def _body_part_articles(query_tokens, groups, now):
    """The articles content/body_parts.yaml gives for a body part the query names, that match
    the rest of the query ("nerve block for foot pain": the foot's procedures that are nerve blocks)."""
    parts = body_part_map()
    padded = " " + " ".join(query_tokens) + " "
    named = [word for word in parts if f" {word} " in padded]
    if not named:
        return set()
    ids = names().ids
    wanted = {ids[slug] for word in named for slug in parts[word] if slug in ids}
    rest = [g for g in groups if not any(" ".join(tokens(p)) in named for p in g)]
    if not rest:
        return wanted
    return set(_ranked(rest, lambda g, every: backend().rank(g, every, now, wanted), ENOUGH))


def _run(groups, now, page, query_tokens=()):
    if not groups:
        return 0, [], None
    engine = backend()
    ranked = _ranked(groups, lambda g, every: engine.rank(g, every, now), ENOUGH)
    among = ranked[:CANDIDATES]
    passages = _ranked(
        groups, lambda g, every: engine.rank_passages(g, every, now, PASSAGES, among), ENOUGH_PASSAGES, key=lambda row: row[0]
    )
    rarity = engine.idf(groups)
    ranking = order(ranked, passages, groups, _body_part_articles(query_tokens, groups, now), rarity)
    offset = (page - 1) * PAGE_SIZE
    shown = ranking.ids[offset : offset + PAGE_SIZE]
    # Each result's best section among its own (the answer card, too, uses the first's).
    ranking.sections.update(best_sections(engine.article_passages(shown), groups, rarity, query_tokens))
    hits = []
    for a in page_rows(shown):
        anchor, heading, text = ranking.sections.get(a.id, ("", "", ""))
        snippet = mark(highlight(text, groups) or highlight(a.plain_text, groups) or a.summary)
        hits.append(Hit(a.slug, a.title, a.summary, a.topic.title, a.topic.slug, snippet, anchor, heading))
    return len(ranking.ids), hits, ranking


def _answer(raw, query_tokens, ranking, groups):
    if ranking is None or not answers.is_question(raw, query_tokens):
        return None
    chosen = answers.choose(ranking, groups)
    if chosen is None:
        return None
    article_id, anchor, heading = chosen
    article = Article.objects.published().filter(pk=article_id).only("slug", "title", "passages").first()
    html = next((p.get("lead", "") for p in (article.passages if article else []) if p.get("anchor") == anchor), "")
    if not html:
        return None
    return answers.Answer(article.slug, article.title, anchor, heading, html)


@dataclass(frozen=True)
class _Vocabulary:
    known: set[str]  # every word in the library: never "corrected"
    suggestable: dict[str, list[str]]  # words patients try to spell, by first letter
    pairs: dict[str, list[str]]  # glossary name -> the term's other names


@per_stamp
def _vocabulary():
    """Suggestions come from titles, other names, the glossary and the synonym file."""
    suggestable, known = set(), set()
    rows = Article.objects.published().values_list("title", "also_called", "summary", "plain_text")
    for title, other_names, summary, text in rows.iterator(chunk_size=500):
        words = tokens(" ".join([title, *(other_names or [])]))
        suggestable.update(words)
        known.update(words, tokens(summary), tokens(text))
    pairs = {}
    for entry in glossary_index().entries:
        names = [" ".join(tokens(n)) for n in entry.names]
        for name in names:
            pairs.setdefault(name, []).extend(n for n in names if n != name)
    for name in [*pairs, *synonym_map()]:
        suggestable.update(tokens(name))
    known |= suggestable
    return _Vocabulary(known, by_initial(w for w in suggestable if len(w) > 3), pairs)


def _with_corrections(groups, query_tokens, suggestion):
    """A misspelt word also stands for its correction ("pregnent": pregnant too), so one typo
    among known words does not lose its concept."""
    fixed = tokens(suggestion)
    if len(fixed) != len(query_tokens):
        return groups
    fixes = {typed: right for typed, right in zip(query_tokens, fixed, strict=True) if typed != right}
    return [[*group, fixes[group[0]]] if group[0] in fixes else group for group in groups]


def search(raw_query, page=1, now=None):
    now = now or timezone.now()
    query = clean_query(raw_query)
    results = Results(query=query, page=max(1, page))
    query_tokens = first_terms(tokens(query))
    if not query_tokens:
        return results
    words = _vocabulary()
    suggestion = suggest(query_tokens, words.known, words.suggestable, english_words())
    groups = _with_corrections(concepts(query_tokens, words.pairs, words.known), query_tokens, suggestion)
    results.total, results.hits, ranking = _run(groups, now, results.page, query_tokens)
    results.glossary = glossary_index().find(" ".join(query_tokens))[:GLOSSARY_CARDS]
    if suggestion:
        results.suggestion = suggestion
        # Search the correction when the words as typed are mostly unknown to the library.
        unknown = [t for t in query_tokens if t not in STOPWORDS and t not in words.known]
        if results.total == 0 or len(unknown) * 2 >= len([t for t in query_tokens if t not in STOPWORDS]):
            groups = concepts(tokens(suggestion), words.pairs, words.known)
            total, hits, corrected = _run(groups, now, results.page, tokens(suggestion))
            if total:
                results.total, results.hits, results.corrected, ranking = total, hits, True, corrected
                results.glossary = results.glossary or glossary_index().find(suggestion)[:GLOSSARY_CARDS]
    if results.page == 1:
        results.answer = _answer(raw_query or "", query_tokens, ranking, groups)
    return results
