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
from array import array
from functools import lru_cache

from django.db import connection
from django.utils import timezone

from articles import rules
from articles.caching.memo import per_stamp_by_key
from articles.library.words import BODY_PARTS_FILE, SYNONYMS_FILE, read_body_parts, read_synonyms
from articles.search import PAGE_SIZE, Hit, Results, answers
from articles.search.backends.postgres import through_the_index
from articles.search.highlight import highlight, mark
from articles.search.query import (
    _word_file,
    clean_query,
    concepts,
    first_terms,
    merged_names,
    questions_asked,
    section_questions,
)
from articles.search.ranking import ASKED, ASKED_BY_PATIENTS, HEADING, asked_weight, summary_factor, within_page
from articles.search.spelling import by_initial, suggest
from articles.translation import reads
from articles.translation.search_index import POSTGRES_RANK_WEIGHTS, SQLITE_BM25_WEIGHTS, TABLE
from articles.translation.stemming import POSTGRES_CONFIG, STOPWORDS, key, words

# Fewer pages than this match every concept: those that match some follow.
ENOUGH = 5
GLOSSARY_CARDS = 3
# The database's best candidates that are weighed again here (POOL), and ordered (CANDIDATES).
POOL = 300
CANDIDATES = 100
# PostgreSQL ranks every matching page by its whole text up to this many (see _rank_postgres).
FULLY_RANKED = 100
# How much the title counts beside the concepts a page holds and the database's rank.
TITLE_WEIGHT = 2.0
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
            with through_the_index(cursor):
                cursor.execute(
                    f"SELECT count(*) FROM {TABLE} WHERE language = %s AND search_vector @@ to_tsquery('simple', %s)",
                    [language, stem],  # the stored vector holds the configuration's stems; see _pg_stem
                )
                row = cursor.fetchone()
        else:
            cursor.execute(f"SELECT doc FROM {TABLE}_fts_vocab WHERE term = %s", [stem])
            row = cursor.fetchone()
    return int(row[0]) if row else 0


@lru_cache(maxsize=65536)
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
    def __init__(self, small, suggestable, pairs, names):
        self.small, self.suggestable, self.pairs, self.names = small, suggestable, pairs, names


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
    names = merged_names(pairs, synonyms(language))
    return _Vocabulary(small, by_initial(w for w in suggestable if len(w) > 3), pairs, names)


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


@per_stamp_by_key(maxsize=8)
def _live(language):
    """id -> listed row of every live translation in the language, once per library change."""
    return {row.pk: row for row in reads.all_published(language).values()}


def _quoted(stem):
    return '"' + stem.replace('"', "") + '"'


def _content_words(phrase, language):
    """A phrase's words without its small words ("en la espalda": "espalda"), on both
    databases: FTS5 would read the small words' entries in every page to match them, and
    PostgreSQL's own list of small words is not ours ("tantos")."""
    stop = STOPWORDS.get(language, frozenset())
    words_ = phrase.split()
    return [w for w in words_ if w not in stop] or words_


def _content_stems(phrase, language):
    return [key(w, language) for w in _content_words(phrase, language)], len(phrase.split())


def _loose(phrase, language):
    """The words the patient typed, anywhere in the page (as English search matches them)."""
    stems_, _ = _content_stems(phrase, language)
    return _quoted(stems_[0]) if len(stems_) == 1 else "(" + " AND ".join(_quoted(s) for s in stems_) + ")"


def _together(phrase, language):
    """A phrase's words together: its content words within the phrase's own length."""
    stems_, length = _content_stems(phrase, language)
    if len(stems_) == 1:
        return _quoted(stems_[0])
    return "NEAR(" + " ".join(_quoted(s) for s in stems_) + f", {max(length - len(stems_), 0) + 1})"


def _expression(groups, require_all, language):
    """The FTS5 expression for a query: every term quoted (no user text reaches the FTS5
    parser); each concept is its typed words, or one of its phrases with the words together."""
    joiner = " AND " if require_all else " OR "
    return joiner.join(
        "(" + " OR ".join([_loose(group[0], language), *(_together(p, language) for p in group[1:])]) + ")" for group in groups
    )


def _rank_sqlite(groups, require_all, language, live, limit):
    """(the best `limit` live ids, best first; how many pages match in all)."""
    expression = _expression(groups, require_all, language)
    weights = ", ".join(str(w) for w in SQLITE_BM25_WEIGHTS)
    with connection.cursor() as cursor:
        # Pages that are not live are few: asked for in excess, then dropped.
        cursor.execute(
            f"SELECT rowid FROM {TABLE}_fts WHERE {TABLE}_fts MATCH %s ORDER BY bm25({TABLE}_fts, {weights}) LIMIT %s",
            [expression, limit + 50],
        )
        found = [row[0] for row in cursor.fetchall() if row[0] in live][:limit]
        if len(found) < limit:
            return found, len(found)
        # All the matches, for "N found": a count (pages not live among them are few).
        cursor.execute(f"SELECT count(*) FROM {TABLE}_fts WHERE {TABLE}_fts MATCH %s", [expression])
        return found, max(cursor.fetchone()[0], len(found))


def _common_word(word, language, pages):
    stem = _index_stem(word, language)
    return _doc_freq(f"{language}:{stem}") > COMMON_SHARE * pages


def _tsquery(groups, require_all, language, together=False):
    """A tsquery for the concepts, as SQLite's expression: the words the patient typed
    anywhere in the page, or one of the concept's other phrases with its words together
    (with `together`, the typed words too)."""
    config = POSTGRES_CONFIG[language]
    parts, params = [], []
    for group in groups:
        alternatives = []
        for index, phrase in enumerate(group):
            if together or index:
                alternatives.append("phraseto_tsquery(%s::regconfig, %s)")
                params += [config, phrase]
            else:
                alternatives.append("plainto_tsquery(%s::regconfig, %s)")
                params += [config, " ".join(_content_words(phrase, language))]
        parts.append("(" + " || ".join(alternatives) + ")")
    return (" && " if require_all else " || ").join(parts), params


def _rank_postgres(groups, require_all, language, now, limit):
    """(the best `limit` live ids, best first; how many pages match in all).

    Ranking reads each matching page's whole vector: when more than FULLY_RANKED pages match,
    only the pages whose names or summary match are ranked (search_head, small), and
    the rest of the pool is filled from the other matches as the index gives them; _order
    weighs them all again."""
    query, params = _tsquery(groups, require_all, language)
    live_sql, live_params = rules.published_sql("a", now)
    weights = "{" + ", ".join(str(w) for w in POSTGRES_RANK_WEIGHTS) + "}"
    source = f"""FROM {TABLE} t JOIN articles_article a ON a.id = t.article_id, (SELECT {query} AS q) query
                 WHERE t.language = %s AND t.status = 'published' AND {live_sql}"""
    every = [*params, language, *live_params]
    total = _matches(groups, require_all, language)
    with connection.cursor() as cursor, through_the_index(cursor):
        if total <= FULLY_RANKED:
            cursor.execute(
                f"SELECT t.id {source} AND t.search_vector @@ query.q"
                f" ORDER BY ts_rank_cd('{weights}', t.search_vector, query.q) DESC, t.id LIMIT %s",
                [*every, limit],
            )
            found = [row[0] for row in cursor.fetchall()]
            return found, len(found) if len(found) < limit else total
        cursor.execute(
            f"SELECT t.id {source} AND t.search_head @@ query.q"
            f" ORDER BY ts_rank_cd('{weights}', t.search_head, query.q) DESC, t.id LIMIT %s",
            [*every, limit],
        )
        found = [row[0] for row in cursor.fetchall()]
        if len(found) < limit:
            cursor.execute(
                f"SELECT t.id {source} AND t.search_vector @@ query.q AND NOT t.search_head @@ query.q LIMIT %s",
                [*every, limit - len(found)],
            )
            found += [row[0] for row in cursor.fetchall()]
        return found, total


def _matches(groups, require_all, language):
    """How many published pages match (every concept, or any), from each concept's pages: a
    count of every match on each search was most of a search's time for a common word."""
    pages = [set(_pages(group, language)) for group in groups]
    if not pages:
        return 0
    return len(set.intersection(*pages) if require_all else set.union(*pages))


def _pages(group, language, together=False):
    """The published pages (translation ids) that have a concept, as _tsquery matches it (with
    `together`, the words the patient typed together too), on PostgreSQL."""
    return _concept_pages("\x1f".join([language, "together" if together else "apart", *group]))


@per_stamp_by_key(maxsize=1024)
def _concept_pages(key):
    """_pages, read once per library change for each concept asked about: 4 bytes a page, so
    at most 40 MB a worker at 10,000 pages, far less in practice (most concepts are rare)."""
    language, together, *group = key.split("\x1f")
    query, params = _tsquery([group], True, language, together=together == "together")
    with connection.cursor() as cursor, through_the_index(cursor):
        cursor.execute(
            f"SELECT t.id FROM {TABLE} t, (SELECT {query} AS q) query"
            " WHERE t.language = %s AND t.status = 'published' AND t.search_vector @@ query.q",
            [*params, language],
        )
        return array("i", (row[0] for row in cursor.fetchall()))


def _rank(groups, require_all, language, live, now, limit=10**9):
    if connection.vendor == "postgresql":
        found, total = _rank_postgres(groups, require_all, language, now, limit)
        return [i for i in found if i in live], total
    return _rank_sqlite(groups, require_all, language, live, limit)


def _ranked(groups, language, live, now, limit):
    """The best `limit` pages that hold any concept (_order puts those holding more of them
    first), and how many there are.

    When more pages match than the pool can take (a large library), the pages are those of
    the rarer concepts only, as English search does when few pages have every word: ranking
    thousands of pages for a word most of them use ("inyección") costs most of a search and
    brings nothing the pool keeps. In a library smaller than the pool, every page that
    matches is weighed."""
    counts = [_concept_freq("\x1f".join([language, *group])) for group in groups]
    if sum(counts) > POOL:
        # The rarest concepts first, while their pages fit the pool (at least the rarest one
        # that some page has: a word no page has, "soy", would find nothing at all).
        rare, room = [], POOL
        for count, group in sorted(zip(counts, groups, strict=True), key=lambda pair: pair[0]):
            if not count:
                continue
            if rare and count > room:
                break
            rare.append(group)
            room -= count
        # A synonym's phrase with a word most pages use ("dolor radicular") is costly to
        # match everywhere; its concept still has the words the patient typed. Only the words
        # that are matched count (_content_words: not "de").
        groups = [
            [
                group[0],
                *(p for p in group[1:] if not any(_common_word(w, language, len(live)) for w in _content_words(p, language))),
            ]
            for group in (rare or groups)
        ]
    return _rank(groups, False, language, live, now, limit)


@per_stamp_by_key(maxsize=4096)
def _concept_freq(language_and_group):
    """How many published pages hold a concept (a word; or one of a synonym's phrases, words
    together): counted once per library change for each concept asked about. On PostgreSQL,
    from the concept's pages, which the search reads anyway (one statement, not two)."""
    language, *group = language_and_group.split("\x1f")
    if connection.vendor == "postgresql":
        return len(_pages(group, language, together=len(group) > 1))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}_fts WHERE {TABLE}_fts MATCH %s", [_exact(group, language)])
        return int(cursor.fetchone()[0])


def _exact(group, language):
    """An FTS5 expression for a concept: its word, or any of its phrases with the words together."""
    if len(group) == 1:
        return _loose(group[0], language)
    return " OR ".join(_together(p, language) for p in group)


# Added to each concept's idf, so a word on every page still weighs a little.
IDF_FLOOR = 0.05


def _weights(groups, language, pages):
    """Each concept's weight: the fewer pages hold it, the more it says (its idf)."""
    counts = [_concept_freq("\x1f".join([language, *group])) for group in groups]
    return [math.log((pages + 1) / (count + 1)) + IDF_FLOOR for count in counts]


def _stem_sets(groups, language):
    return [{" ".join(key(w, language) for w in phrase.split()) for phrase in group} for group in groups]


def _covered(text_stems, concepts_stems, weights):
    padded = f" {text_stems} "
    return sum(w for concept, w in zip(concepts_stems, weights, strict=True) if any(f" {p} " in padded for p in concept))


def _sections(row, concept_stems, weights, language, answering=frozenset(), patients=None):
    """(share of the query's weight a section holds, the heading counting double, and its
    anchor, heading, text and lead), the section that answers best first.

    Which section answers best goes by English's rule (search/ranking.py, within_page): a
    concept counts more the fewer of the page's sections have it, and hardly at all when it is
    the page's name, so "¿cuánto dura el alivio de quemar los nervios de la rodilla?" goes to
    "¿Qué tan bien funciona?", not to "¿Qué es la ablación … de la rodilla?". What patients ask
    that the section answers (`patients`: anchor -> their stems, from
    content/section_questions.<lang>.yaml) counts ASKED_BY_PATIENTS times; a heading that
    answers the kind of question asked (content/questions.<lang>.yaml) counts as if it named
    the weightiest concept. The share (item 0) is on one scale for every page: the answer card
    compares pages by it."""
    total = sum(weights) or 1.0
    phrases = [[f" {phrase} " for phrase in concept] for concept in concept_stems]

    def held(stems):
        """Which concepts stemmed text holds (any of a concept's phrases, whole words)."""
        holds = f" {stems} ".__contains__
        return [any(map(holds, concept)) for concept in phrases]

    parts = []
    for passage in row.passages or []:
        heading = passage.get("heading_stems") or " ".join(key(w, language) for w in words(passage.get("heading", "")))
        text = passage.get("text_stems") or " ".join(key(w, language) for w in words(passage.get("text", "")))
        asked = (patients or {}).get(passage.get("anchor"), "")
        parts.append((passage, held(heading), held(text), held(asked) if asked else [False] * len(phrases)))
    if not parts:
        return []
    own = [[HEADING * h + t for h, t in zip(in_heading, in_text, strict=True)] for _, in_heading, in_text, _ in parts]
    found = [
        [mine + ASKED_BY_PATIENTS * q for mine, q in zip(row_own, in_asked, strict=True)]
        for row_own, (_, _, _, in_asked) in zip(own, parts, strict=True)
    ]
    within, named = within_page(found, own, weights, held(row.stems_title), parts[0][1])
    # What a heading that answers the kind of question asked adds: to the share, and within the page.
    asked_share, asked = ASKED * max(weights, default=0.0), asked_weight(within, named)
    ranked = []
    for (passage, in_heading, in_text, in_asked), row_found in zip(parts, found, strict=True):
        share = sum(
            w * (2 * h + t + ASKED_BY_PATIENTS * q) for w, h, t, q in zip(weights, in_heading, in_text, in_asked, strict=True)
        )
        value = sum(w * c for w, c in zip(within, row_found, strict=True))
        heading_text = passage.get("heading", "")
        if answering and " ".join(words(heading_text)) in answering:
            share += asked_share
            value += asked
        value *= summary_factor(heading_text)
        item = (share / (3 * total), passage.get("anchor", ""), heading_text, passage.get("text", ""), passage.get("lead", ""))
        ranked.append((value, item))
    return [item for _, item in sorted(ranked, key=lambda r: (-r[0], -r[1][0]))]


def _holding(group, language, pool, common):
    """(the pages that hold a concept, the pages that hold only its typed words apart).

    A synonym is held by one of its phrases with its words together: a page with "propia"
    here and "sangre" there does not mean "inyección de mi propia sangre" (platelet-rich
    plasma), though it has the words the patient typed (held loosely: half the weight)."""
    if common:
        # Most pages hold it, and its weight is small: not worth reading thousands of ids.
        return set(pool), set()
    if connection.vendor == "postgresql":  # PostgreSQL matches each phrase whole
        among = set(pool)
        loose = among.intersection(_pages(group[:1], language))
        held = among.intersection(_pages(group, language, together=True)) if len(group) > 1 else loose
    else:
        loose = _matching(_loose(group[0], language), pool)
        if len(group) == 1:
            return loose, set()
        held = _matching(_exact(group, language), pool)
    return held, loose - held


def _matching(expression, pool):
    """Which of the pool's rowids an FTS5 expression matches. (All its matches, then the
    pool's: FTS5 answers `rowid IN (…)` one row at a time, many times slower.)"""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {TABLE}_fts WHERE {TABLE}_fts MATCH %s", [expression])
        return {row[0] for row in cursor.fetchall()} & set(pool)


def _order(ranked, groups, language, live, now):
    """Among the database's best candidates, pages that hold more of the query's rare concepts
    first (each concept weighed by how few pages use it), and the page whose names hold them;
    the database's rank breaks ties. Returns the order and the weights used."""
    pool = ranked[:POOL]
    weights = _weights(groups, language, len(live))
    total = sum(weights) or 1.0
    concept_stems = _stem_sets(groups, language)
    # A concept most pages hold ("inyección") does not make "the page about the thing".
    shares = [math.exp(-(w - IDF_FLOOR)) for w in weights]  # back from the idf: about the share of pages
    counted = [0.0 if share > COMMON_SHARE else 1.0 for share in shares]
    holdings = [_holding(group, language, pool, not use) for group, use in zip(groups, counted, strict=True)]

    def coverage(row_id):
        held = sum(w for (full, _), w in zip(holdings, weights, strict=True) if row_id in full)
        loosely = sum(w for (_, part), w in zip(holdings, weights, strict=True) if row_id in part)
        return (held + loosely / 2) / total

    head = sorted(pool, key=lambda i: -coverage(i))[:CANDIDATES]
    chosen = set(head)
    scores = {}
    for position, row_id in enumerate(head):
        base = BASE_WEIGHT * (1 - position / max(len(head), 1))
        names = live[row_id].stems_title
        title = (_covered(names, concept_stems, weights) / total + _covered(names, concept_stems, counted) / len(groups)) / 2
        scores[row_id] = COV * coverage(row_id) + base + TITLE_WEIGHT * title
    return sorted(head, key=lambda i: -scores[i]) + [i for i in ranked if i not in chosen], weights


def _best_sections(ids, groups, weights, language, answering=frozenset()):
    """Each shown result's best section: {id: (score, anchor, heading, text, lead)}."""
    from articles.models import ArticleTranslation

    concept_stems = _stem_sets(groups, language)
    asked_by_patients = section_questions(language)
    found = {}
    rows = ArticleTranslation.objects.filter(pk__in=ids).select_related("article")
    for row in rows.only("id", "passages", "stems_title", "article__slug"):  # stems_title: the page's names
        best = _sections(row, concept_stems, weights, language, answering, asked_by_patients.get(row.article.slug))[:1]
        if best and best[0][0] > 0:
            found[row.pk] = best[0]
    return found


# A question: "¿…", "…?", or a first word that asks (accents folded, as words() gives them).
QUESTION_WORDS = frozenset(
    """que como cuando donde cuanto cuanta cuantos cuantas quien quienes cual cuales por para
    puedo puede pueden podria debo debe deben es son esta estan hay tengo tiene necesito sirve""".split()
)


def is_question(raw, query_words):
    raw = raw.strip()
    return raw.startswith("¿") or raw.endswith("?") or (bool(query_words) and query_words[0] in QUESTION_WORDS)


def _answer(shown, sections, groups, weights, language, live):
    """The answer card, by English's rule (search/answers.py): the first result's best section
    is the best of all shown, covers most of the question (its page's names counting), and its
    heading names something asked beyond the page's name, and not a word on nearly every page
    (answers.telling). Otherwise none."""
    if not shown or shown[0] not in sections:
        return None
    top = shown[0]
    score, anchor, heading, _, lead = sections[top]
    if any(sections[i][0] > score for i in shown[1:] if i in sections):
        return None
    concept_stems = _stem_sets(groups, language)
    total = sum(weights) or 1.0
    from articles.models import ArticleTranslation

    row = live[top]
    stored = ArticleTranslation.objects.filter(pk=top).values_list("passages", flat=True).first() or []
    passage = next((p for p in stored if p.get("anchor") == anchor), {})
    head, text, title = passage.get("heading_stems", ""), passage.get("text_stems", ""), row.stems_title
    held = [
        w
        for concept, w in zip(concept_stems, weights, strict=True)
        if any(_covered(place, [concept], [1.0]) for place in (head, text, title))
    ]
    if sum(held) / total < ANSWER_COVERAGE:
        return None
    if not any(
        answers.telling(w - IDF_FLOOR) and _covered(head, [c], [1.0]) and not _covered(title, [c], [1.0])
        for c, w in zip(concept_stems, weights, strict=True)
    ):
        return None
    if not lead:
        return None
    from articles.translation.rendering import localise_links

    return answers.Answer(row.article.slug, row.title, anchor, heading, localise_links(lead, language))


ANSWER_COVERAGE = answers.COVERAGE


def _run(groups, query_words, language, now, page, question=False):
    live = _live(language)
    found, total = _ranked(groups, language, live, now, max(POOL, page * PAGE_SIZE))
    ranked, weights = _order(found, groups, language, live, now)
    parts = body_parts(language)
    padded = f" {' '.join(query_words)} "
    named = {slug for word, slugs in parts.items() if f" {word} " in padded for slug in slugs}
    if named:
        # The pages about treating the body part the query names come first, in that order.
        ranked = sorted(ranked, key=lambda i: live[i].article.slug not in named)
    shown = ranked[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    sections = _best_sections(shown, groups, weights, language, questions_asked(query_words, language))
    hits = []
    for row_id in shown:
        row = live[row_id]
        _, anchor, heading, text, _ = sections.get(row_id, (0.0, "", "", "", ""))
        snippet = mark(highlight(text, groups, stopwords=STOPWORDS.get(language, frozenset())) or row.summary)
        topic = reads.topic(row.article.topic.slug, language)
        topic_title = topic.title if topic else ""
        hits.append(Hit(row.article.slug, row.title, row.summary, topic_title, row.article.topic.slug, snippet, anchor, heading))
    answer = _answer(shown, sections, groups, weights, language, live) if question and page == 1 else None
    return total, hits, answer


def search(raw_query, language, page=1, now=None):
    from articles.translation.rendering import glossary_index

    now = now or timezone.now()
    query = clean_query(raw_query)
    results = Results(query=query, page=max(1, page))
    # An age or a count ("tengo 78 años") says nothing about which page is meant.
    typed = words(query)
    query_words = [w for w in typed if not w.isdigit()] or typed
    query_words = first_terms(query_words, STOPWORDS.get(language, frozenset()))
    if not query_words:
        return results
    vocabulary = _vocabulary(language)
    known = _Known(vocabulary.small, language)
    stop = STOPWORDS.get(language, frozenset())
    groups = concepts(query_words, vocabulary.pairs, vocabulary.small, stopwords=stop, names=vocabulary.names)
    question = is_question(raw_query or "", query_words)
    results.total, results.hits, results.answer = _run(groups, query_words, language, now, results.page, question)
    results.glossary = glossary_index(language).find(" ".join(query_words))[:GLOSSARY_CARDS]
    content_words = [w for w in query_words if w not in stop]
    suggestion = _respelled(query_words, known, stop) or suggest(content_words, known, vocabulary.suggestable)
    if suggestion:
        results.suggestion = suggestion
        unknown = [w for w in content_words if w not in known]
        if results.total == 0 or len(unknown) * 2 >= len(content_words):
            corrected_words = words(suggestion)
            corrected = concepts(corrected_words, vocabulary.pairs, vocabulary.small, stopwords=stop, names=vocabulary.names)
            total, hits, answer = _run(corrected, corrected_words, language, now, results.page, question)
            if total:
                results.total, results.hits, results.corrected, results.answer = total, hits, True, answer
    return results
