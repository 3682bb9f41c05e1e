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
from articles.search.backends import backend, page_rows
from articles.search.highlight import MARK_START, highlight, mark
from articles.search.query import MAX_QUERY_CHARS, MAX_TERMS, STOPWORDS, clean_query, concepts, synonym_map, tokens
from articles.search.spelling import by_initial, suggest

__all__ = ["MARK_START", "MAX_QUERY_CHARS", "Hit", "Results", "clean_query", "highlight", "search"]

PAGE_SIZE = 10
# Glossary definitions shown above the results.
GLOSSARY_CARDS = 3


@dataclass
class Hit:
    slug: str
    title: str
    summary: str
    topic_title: str
    topic_slug: str
    snippet: str  # safe HTML: escaped text with <mark> around matches


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    suggestion: str = ""  # "Did you mean" text, when the query as typed found little
    corrected: bool = False  # hits are for the suggestion, not the query as typed
    glossary: list[Entry] = field(default_factory=list)

    @property
    def pages(self):
        return max(1, -(-self.total // PAGE_SIZE))


def _run(groups, now, page):
    """Articles that match every concept; if none do, those that match any."""
    if not groups:
        return 0, []
    rank = backend().rank
    ranked = rank(groups, True, now)
    if not ranked and len(groups) > 1:
        ranked = rank(groups, False, now)
    offset = (page - 1) * PAGE_SIZE
    hits = [
        Hit(a.slug, a.title, a.summary, a.topic.title, a.topic.slug, mark(highlight(a.plain_text, groups) or a.summary))
        for a in page_rows(ranked[offset : offset + PAGE_SIZE])
    ]
    return len(ranked), hits


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
    for title, names, summary, text in rows.iterator(chunk_size=500):
        words = tokens(" ".join([title, *(names or [])]))
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


def search(raw_query, page=1, now=None):
    now = now or timezone.now()
    query = clean_query(raw_query)
    results = Results(query=query, page=max(1, page))
    query_tokens = tokens(query)[:MAX_TERMS]
    if not query_tokens:
        return results
    words = _vocabulary()
    results.total, results.hits = _run(concepts(query_tokens, words.pairs, words.known), now, results.page)
    results.glossary = glossary_index().find(" ".join(query_tokens))[:GLOSSARY_CARDS]
    suggestion = suggest(query_tokens, words.known, words.suggestable)
    if suggestion:
        results.suggestion = suggestion
        # Search the correction when the words as typed are mostly unknown to the library.
        unknown = [t for t in query_tokens if t not in STOPWORDS and t not in words.known]
        if results.total == 0 or len(unknown) * 2 >= len([t for t in query_tokens if t not in STOPWORDS]):
            total, hits = _run(concepts(tokens(suggestion), words.pairs, words.known), now, results.page)
            if total:
                results.total, results.hits, results.corrected = total, hits, True
                results.glossary = results.glossary or glossary_index().find(suggestion)[:GLOSSARY_CARDS]
    return results
