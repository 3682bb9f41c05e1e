"""Search in another language, over that language's published pages only (/es/buscar/).

The same steps as English (search/__init__.py): the query cut into words, accents folded;
patient phrases from content/synonyms.<lang>.yaml and the glossary's names as concepts; every
concept required, then any when few pages match; body parts from body_parts.<lang>.yaml;
"did you mean" from the language's own words (with Spanish sound-alike slips first); each
result linked to its best section. Words are stemmed with the language's Snowball stemmer
(SQLite: pre-stemmed columns) or its PostgreSQL configuration (search_index.py).

The database ranks; then, among its best candidates, the query's rare words count: in the
title (the page about the thing) and in one section (the page that answers). A word most
pages use ("inyección") says little about which page is meant.
"""

import math

from django.db import connection
from django.utils import timezone

from articles import rules
from articles.caching.memo import per_stamp_by_key
from articles.library.words import BODY_PARTS_FILE, SYNONYMS_FILE, read_body_parts, read_synonyms
from articles.search import PAGE_SIZE, Hit, Results
from articles.search.highlight import highlight, mark
from articles.search.query import MAX_TERMS, _word_file, clean_query, concepts
from articles.search.spelling import by_initial, suggest
from articles.translation import reads
from articles.translation.search_index import POSTGRES_RANK_WEIGHTS, SQLITE_BM25_WEIGHTS, TABLE
from articles.translation.stemming import POSTGRES_CONFIG, STOPWORDS, key, words

# Fewer pages than this match every concept: those that match some follow.
ENOUGH = 5
GLOSSARY_CARDS = 3
# The database's best candidates that are ranked again here, and those whose sections are read.
CANDIDATES = 100
SECTIONS_READ = 20
# How much the title and the best section count beside the database's rank (0 to 1 each).
TITLE_WEIGHT = 2.0
SECTION_WEIGHT = 0
# How much holding more of the rare concepts counts.
COV = 2.0
# A concept held by more than this share of pages is common.
COMMON_SHARE = 0.5
# How much the database's own order counts (bm25 or ts_rank_cd): ties and near-ties.
BASE_WEIGHT = 0.3


def _folded_map(entries, source, target):
    mapping = {}
    for entry in entries:
        for phrase in entry[source]:
            mapping.setdefault(" ".join(words(phrase)), []).extend(" ".join(words(t)) for t in entry[target])
    return mapping


def synonyms(language):
    name = SYNONYMS_FILE.replace(".yaml", f".{language}.yaml")
    return _word_file(name, read_synonyms, lambda entries: _folded_map(entries, "patient", "clinical"))


def body_parts(language):
    name = BODY_PARTS_FILE.replace(".yaml", f".{language}.yaml")
    return _word_file(name, read_body_parts, lambda entries: _folded_map(entries, "words", "articles"))


@per_stamp_by_key(maxsize=4096)
def _doc_freq(language_and_stem):
    """How many pages (of every language, on SQLite; of this one, on PostgreSQL) use a stem."""
    language, stem = language_and_stem.split(":", 1)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} WHERE language = %s AND search_vector @@ to_tsquery('simple', %s)",
                [language, stem],  # the stored vector holds the configuration's stems; see _pg_stem
            )
        else:
            cursor.execute(f"SELECT doc FROM {TABLE}_fts_vocab WHERE term = %s", [stem])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _pg_stem(word, language):
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s))", [POSTGRES_CONFIG[language], word])
        row = cursor.fetchone()
    return row[0] if row else ""


def _index_stem(word, language):
    return _pg_stem(word, language) if connection.vendor == "postgresql" else key(word, language)


class _Known:
    """The words "did you mean" never corrects: every word of the titles, other names and
    summaries, the glossary and the synonyms, and any word the index holds."""

    def __init__(self, small, language):
        self.small, self.language = small, language

    def __contains__(self, word):
        if word in self.small:
            return True
        stem = _index_stem(word, self.language)
        return bool(stem) and _doc_freq(f"{self.language}:{stem}") > 0


class _Vocabulary:
    def __init__(self, small, suggestable, pairs):
        self.small, self.suggestable, self.pairs = small, suggestable, pairs


@per_stamp_by_key(maxsize=8)
def _vocabulary(language):
    from articles.translation.rendering import glossary_index

    small, suggestable = set(), set()
    for row in reads.all_published(language).values():
        names = words(" ".join([row.title, *(row.also_called or [])]))
        suggestable.update(names)
        small.update(names, words(row.summary))
    pairs = {}
    for entry in glossary_index(language).entries:
        names = [" ".join(words(n)) for n in entry.names]
        for name in names:
            pairs.setdefault(name, []).extend(n for n in names if n != name)
    for name in [*pairs, *synonyms(language)]:
        suggestable.update(name.split())
    small |= suggestable
    return _Vocabulary(small, by_initial(w for w in suggestable if len(w) > 3), pairs)


# Spelling slips that sound the same in Spanish ("siatica" for "ciatica", "inyecion",
# "ernia"): tried before "did you mean" looks for a close word, which needs the first letter.
_SOUND_ALIKE = (
    ("ci", "si"), ("si", "ci"), ("ce", "se"), ("se", "ce"), ("z", "s"), ("s", "z"), ("v", "b"), ("b", "v"),
    ("y", "ll"), ("ll", "y"), ("cion", "ccion"), ("ccion", "cion"), ("k", "c"), ("q", "c"),
)  # fmt: skip


def _sound_alike(word, known):
    variants = {word.replace(a, b) for a, b in _SOUND_ALIKE if a in word}
    variants |= {"h" + word, word[1:] if word.startswith("h") else word}
    return next((v for v in sorted(variants) if v != word and v in known), None)


def _respelled(query_words, known, stop):
    """The query with each unknown word that sounds like a known one replaced, or None."""
    out, changed = [], False
    for word in query_words:
        alike = None if word in stop or word in known else _sound_alike(word, known)
        out.append(alike or word)
        changed |= alike is not None
    return " ".join(out) if changed else None


def _stemmed(groups, language):
    return [[" ".join(key(w, language) for w in phrase.split()) for phrase in group] for group in groups]


def _rank_sqlite(groups, require_all, language, live):
    from articles.search.backends.sqlite import match_expression

    weights = ", ".join(str(w) for w in SQLITE_BM25_WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {TABLE}_fts WHERE {TABLE}_fts MATCH %s ORDER BY bm25({TABLE}_fts, {weights})",
            [match_expression(_stemmed(groups, language), require_all)],
        )
        return [row[0] for row in cursor.fetchall() if row[0] in live]


def _rank_postgres(groups, require_all, language, now):
    config = POSTGRES_CONFIG[language]
    parts, params = [], []
    for group in groups:
        alternatives = []
        for phrase in group:
            alternatives.append("phraseto_tsquery(%s::regconfig, %s)")
            params += [config, phrase]
        parts.append("(" + " || ".join(alternatives) + ")")
    query = (" && " if require_all else " || ").join(parts)
    live_sql, live_params = rules.published_sql("a", now)
    weights = "{" + ", ".join(str(w) for w in POSTGRES_RANK_WEIGHTS) + "}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT t.id FROM {TABLE} t JOIN articles_article a ON a.id = t.article_id, (SELECT {query} AS q) query
                WHERE t.language = %s AND t.status = 'published' AND {live_sql} AND t.search_vector @@ query.q
                ORDER BY ts_rank_cd('{weights}', t.search_vector, query.q) DESC, t.id LIMIT %s""",
            [*params, language, *live_params, CANDIDATES * 2],
        )
        return [row[0] for row in cursor.fetchall()]


def _rank(groups, require_all, language, live, now):
    if connection.vendor == "postgresql":
        return [i for i in _rank_postgres(groups, require_all, language, now) if i in live]
    return _rank_sqlite(groups, require_all, language, live)


def _ranked(groups, language, live, now):
    """Every page that holds any concept: _order puts those holding more of them first."""
    return _rank(groups, False, language, live, now)


def _weights(holders, pages):
    """Each concept's weight: the fewer pages hold it, the more it says (its idf)."""
    return [math.log((pages + 1) / (len(held) + 1)) + 0.05 for held in holders]


def _stem_sets(groups, language):
    return [{" ".join(key(w, language) for w in phrase.split()) for phrase in group} for group in groups]


def _covered(text_stems, concepts_stems, weights):
    padded = f" {text_stems} "
    return sum(w for concept, w in zip(concepts_stems, weights, strict=True) if any(f" {p} " in padded for p in concept))


def _sections(row, concept_stems, weights, language):
    """(share of the query's weight a section holds, the heading counting double, and its
    anchor, heading and text), best first."""
    total = sum(weights) or 1.0
    found = []
    for passage in row.passages or []:
        heading = " ".join(key(w, language) for w in words(passage.get("heading", "")))
        text = " ".join(key(w, language) for w in words(passage.get("text", "")))
        score = (2 * _covered(heading, concept_stems, weights) + _covered(text, concept_stems, weights)) / (3 * total)
        found.append((score, passage.get("anchor", ""), passage.get("heading", ""), passage.get("text", "")))
    return sorted(found, key=lambda item: -item[0])


def _holding(group, language, live, now):
    """(the pages that hold a concept, the pages that hold only its typed words apart).

    A synonym is held by one of its phrases with its words together: a page with "propia"
    here and "sangre" there does not mean "inyección de mi propia sangre" (platelet-rich
    plasma), though it has the words the patient typed (held loosely: half the weight)."""
    loose = set(_rank([group[:1]], True, language, live, now))
    if len(group) == 1:
        return loose, set()
    if connection.vendor == "postgresql":  # PostgreSQL matches each phrase whole
        held = set(_rank([group], True, language, live, now))
    else:
        phrases = " OR ".join('"' + p.replace('"', "") + '"' for p in _stemmed([group], language)[0])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {TABLE}_fts WHERE {TABLE}_fts MATCH %s", [phrases])
            held = {row[0] for row in cursor.fetchall() if row[0] in live}
    return held, loose - held


def _order(ranked, listing, groups, language, live, now):
    """Pages that hold more of the query's rare concepts first (each concept weighed by how
    few pages use it), then the title's share and the best section's; the database's rank
    breaks ties."""
    from articles.models import ArticleTranslation

    holdings = [_holding(group, language, live, now) for group in groups]
    holders = [held for held, _ in holdings]
    weights = _weights(holders, len(listing))
    total = sum(weights) or 1.0
    concept_stems = _stem_sets(groups, language)
    by_id = {row.pk: row for row in listing.values()}
    # For "the page about the thing", a concept most pages hold ("inyección") does not count.
    counted = [0.0 if len(held) > COMMON_SHARE * len(listing) else 1.0 for held in holders]

    def coverage(row_id):
        held = sum(w for (full, _), w in zip(holdings, weights, strict=True) if row_id in full)
        loosely = sum(w for (_, part), w in zip(holdings, weights, strict=True) if row_id in part)
        return (held + loosely / 2) / total

    head = (sorted(ranked, key=lambda i: -coverage(i)) if COV else ranked)[:CANDIDATES]
    rest = [i for i in ranked if i not in set(head)]
    read = {row.pk: row for row in ArticleTranslation.objects.filter(pk__in=head[:SECTIONS_READ]).only("id", "passages")}
    scores, sections = {}, {}
    for position, row_id in enumerate(head):
        base = BASE_WEIGHT * (1 - position / max(len(head), 1))
        # The page about the thing: how many of the query's concepts its names hold.
        names = by_id[row_id].stems_title
        title = (_covered(names, concept_stems, weights) / total + _covered(names, concept_stems, counted) / len(groups)) / 2
        best = _sections(read[row_id], concept_stems, weights, language)[:1] if row_id in read else []
        if best:
            sections[row_id] = best[0][1:]
        section = best[0][0] if best else 0.0
        scores[row_id] = COV * coverage(row_id) + base + TITLE_WEIGHT * title + SECTION_WEIGHT * section
    return sorted(head, key=lambda i: -scores[i]) + rest, sections


def _run(groups, query_words, language, now, page):
    listing = reads.all_published(language)
    by_id = {row.pk: row for row in listing.values()}
    live = set(by_id)
    ranked, sections = _order(_ranked(groups, language, live, now), listing, groups, language, live, now)
    parts = body_parts(language)
    padded = f" {' '.join(query_words)} "
    named = {slug for word, slugs in parts.items() if f" {word} " in padded for slug in slugs}
    if named:
        # The pages about treating the body part the query names come first, in that order.
        ranked = sorted(ranked, key=lambda i: by_id[i].article.slug not in named)
    shown = ranked[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    hits = []
    for row_id in shown:
        row = by_id[row_id]
        anchor, heading, text = sections.get(row_id, ("", "", ""))
        snippet = mark(highlight(text, groups) or row.summary)
        topic = reads.topic(row.article.topic.slug, language)
        topic_title = topic.title if topic else ""
        hits.append(Hit(row.article.slug, row.title, row.summary, topic_title, row.article.topic.slug, snippet, anchor, heading))
    return len(ranked), hits


def search(raw_query, language, page=1, now=None):
    from articles.translation.rendering import glossary_index

    now = now or timezone.now()
    query = clean_query(raw_query)
    results = Results(query=query, page=max(1, page))
    query_words = words(query)[:MAX_TERMS]
    # An age or a count ("tengo 78 años") says nothing about which page is meant.
    query_words = [w for w in query_words if not w.isdigit()] or query_words
    if not query_words:
        return results
    vocabulary = _vocabulary(language)
    known = _Known(vocabulary.small, language)
    stop = STOPWORDS.get(language, frozenset())
    groups = concepts(query_words, vocabulary.pairs, vocabulary.small, synonyms(language), stop)
    results.total, results.hits = _run(groups, query_words, language, now, results.page)
    results.glossary = glossary_index(language).find(" ".join(query_words))[:GLOSSARY_CARDS]
    content_words = [w for w in query_words if w not in stop]
    suggestion = _respelled(query_words, known, stop) or suggest(content_words, known, vocabulary.suggestable)
    if suggestion:
        results.suggestion = suggestion
        unknown = [w for w in content_words if w not in known]
        if results.total == 0 or len(unknown) * 2 >= len(content_words):
            corrected_words = words(suggestion)
            corrected = concepts(corrected_words, vocabulary.pairs, vocabulary.small, synonyms(language), stop)
            total, hits = _run(corrected, corrected_words, language, now, results.page)
            if total:
                results.total, results.hits, results.corrected = total, hits, True
    return results
