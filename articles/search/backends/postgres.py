"""PostgreSQL: a weighted tsvector column kept by a trigger, with a GIN index (search/index.py).

ts_rank_cd counts how often and how close the words are, but not how rare they are, so a
page that repeats "back" and "pain" outranked the page about the query's one rare word.
Each concept's rank is therefore weighted by its inverse document frequency (BM25's idf,
as SQLite's bm25 uses), from one ts_stat pass over the library per change stamp.
"""

import contextlib
import json
import math
from array import array

from django.db import DatabaseError, connection

from articles import rules
from articles.caching.memo import per_stamp, per_stamp_by_key
from articles.search.backends import live
from articles.search.fallback import all_but_one, rarer
from articles.search.index import POSTGRES_RANK_WEIGHTS
from articles.search.ranking import CANDIDATES

# More matches than this, and only the likeliest are ranked by their whole text (rank): as
# many as Python orders again. Ranking twice as many changed no result measured at 10,000.
FULLY_RANKED = CANDIDATES
# The candidates whose sections are ranked (rank_passages).
SECTION_CANDIDATES = 50


def tsquery(groups, require_all):
    """SQL for a tsquery and its parameters: phrases OR'ed within a concept, concepts AND'ed.

    phraseto_tsquery takes any text and never raises; user text is only ever a parameter.
    """
    parts, params = [], []
    for group in groups:
        # What the patient typed: all its words, anywhere; the clinical phrases: exact.
        alternatives = ["plainto_tsquery('english', %s)"] + ["phraseto_tsquery('english', %s)"] * (len(group) - 1)
        parts.append("(" + " || ".join(alternatives) + ")")
        params.extend(group)
    return (" && " if require_all else " || ").join(parts), params


@per_stamp
def _document_frequencies():
    """(articles, {lexeme: articles that have it}) for the whole library."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_article")
        total = cursor.fetchone()[0]
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM articles_article')")
        return total, dict(cursor.fetchall())


def idf(groups):
    """Each concept's idf as a concept: that of its most common phrase (a page has the
    concept when it has any of them)."""
    return [min(scores, default=0.0) for scores in _phrase_idf(json.dumps(groups))]


def _weights(groups):
    """Each concept's weight in the rank: its rarest phrase's idf (the patient's word when the
    clinical one is everywhere). Kept per library stamp: a search asks up to five times."""
    return [max(scores, default=0.0) for scores in _phrase_idf(json.dumps(groups))]


@per_stamp_by_key(maxsize=64)
def _phrase_idf(groups_json):
    """Each phrase's idf: the mean over its words (stemmed by PostgreSQL)."""
    groups = json.loads(groups_json)
    total, frequencies = _document_frequencies()
    phrases = [phrase for group in groups for phrase in group]
    values = ", ".join(["(%s::int, tsvector_to_array(to_tsvector('english', %s)))"] * len(phrases))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM (VALUES {values}) AS v(i, words)", [x for i, p in enumerate(phrases) for x in (i, p)])  # noqa: S608
        lexemes = dict(cursor.fetchall())

    def of(words):
        scores = [math.log(1 + (total - frequencies.get(w, 0) + 0.5) / (frequencies.get(w, 0) + 0.5)) for w in words]
        return sum(scores) / len(scores) if scores else 0.0

    found, index = [], 0
    for group in groups:
        found.append([of(lexemes[index + k]) for k in range(len(group))])
        index += len(group)
    return found


def _fallback(groups, weights):
    """The tsquery (and its parameters) for when few pages have every concept (search/fallback.py)."""
    total, _ = _document_frequencies()
    parts, params = [], []
    for subset in all_but_one(groups):
        part, part_params = tsquery(subset, True)
        parts.append(f"({part})")
        params += part_params
    rare = rarer(groups, weights, idf(groups), total)
    if rare:
        part, part_params = tsquery(rare, False)
        parts.append(f"({part})")
        params += part_params
    return " || ".join(parts), params


def _ranking(groups, weights, alias):
    """SQL for the rarity-weighted rank of a row, and its parameters."""
    cover = "{" + ", ".join(str(w) for w in POSTGRES_RANK_WEIGHTS) + "}"
    parts, params = [], []
    for group, weight in zip(groups, weights, strict=True):
        if not weight:  # no word PostgreSQL searches ("after"): it ranks nothing, at a cost per row
            continue
        concept, concept_params = tsquery([group], True)
        parts.append(f"{weight:.6f} * ts_rank_cd('{cover}', {alias}.search_vector, {concept}, 1)")
        params += concept_params
    # Nothing to rank by: a constant, as an expression (a bare 0 would be ORDER BY's column 0).
    return " + ".join(parts) or "CAST(0 AS float8)", params


@contextlib.contextmanager
def through_the_index(cursor):
    """Matches found through the GIN index, never by reading every row.

    The planner prices a tsvector match like any comparison, so for a query that many pages
    match (the fallback's, a few hundred of 10,000) it reads the whole table instead, taking
    each page's whole tsvector out of TOAST storage: 80-110 ms where the index answers in 3.
    Only for the statement inside; other queries keep the planner's choice (with sequential
    scans off for a whole search, everything else got ten times slower)."""
    cursor.execute("SET enable_seqscan = off")
    try:
        yield
    finally:
        # In a transaction the failed statement aborted, the rollback undoes the SET anyway.
        with contextlib.suppress(DatabaseError):
            cursor.execute("RESET enable_seqscan")


def rank(groups, require_all, now, among=None):
    """Article ids, best first; of the articles `among` only, when given (a few ids: cheap).

    Ranking reads each match's whole vector, once for each concept: for a common word at
    10,000 articles (a thousand matches or more) that was 20-30 ms, most of a search. So the
    matches come from each concept's page list (_concept_pages, kept per library change),
    and when more than FULLY_RANKED match, only the likeliest are ranked by their text: those
    holding the most of the query's rarer concepts, in their names or summary above all.
    The rest follow in that order. Python orders the first CANDIDATES again (ranking.py)."""
    if among is not None:
        return _rank_among(groups, require_all, now, among)
    weights = _weights(groups)
    # Each concept's (pages, pages naming it) as sets, once a search; None: it asks nothing.
    pages = [None if p is None else (set(p[0]), set(p[1])) for p in (_concept_pages(json.dumps(g)) for g in groups)]
    hidden = live.hidden(now)
    ids = [i for i in _matches(groups, require_all, weights, pages) if i not in hidden]
    rest = []
    if len(ids) > FULLY_RANKED:
        held = [(w, *p) for w, p in zip(weights, pages, strict=True) if p is not None]

        def likely(i):
            return -sum(w * ((i in body) + (i in named)) for w, body, named in held), i

        ids.sort(key=likely)
        ids, rest = ids[:FULLY_RANKED], ids[FULLY_RANKED:]
    if not ids:
        return []
    order, order_params = _ranking(groups, weights, "a")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id FROM articles_article a WHERE a.id = ANY(%s) ORDER BY {order} DESC, a.title",  # noqa: S608
            [ids, *order_params],
        )
        return [row[0] for row in cursor.fetchall()] + rest


def _rank_among(groups, require_all, now, among):
    live_sql, live_params = rules.published_sql("a", now)
    weights = _weights(groups)
    query, params = tsquery(groups, True) if require_all else _fallback(groups, weights)
    if not query:
        return []
    order, order_params = _ranking(groups, weights, "a")
    with connection.cursor() as cursor, through_the_index(cursor):
        # The tsquery is written inline, not joined in: only a query the planner can see
        # lets it use the GIN index instead of reading every row.
        cursor.execute(
            f"""SELECT a.id FROM articles_article a
                WHERE a.search_vector @@ ({query}) AND {live_sql} AND a.id = ANY(%s)
                ORDER BY {order} DESC, a.title""",  # noqa: S608
            [*params, *live_params, list(among), *order_params],
        )
        return [row[0] for row in cursor.fetchall()]


def _matches(groups, require_all, weights, pages):
    """The articles (live or not) that match every concept; or the fallback's (_fallback), from
    the concepts' page sets (rank). A concept with no searchable word asks nothing, as in a
    tsquery."""

    def having(subset):
        found = [pages[i][0] for i in subset if pages[i] is not None]
        return set.intersection(*found) if found else set()

    every = range(len(groups))
    if require_all:
        return having(every)
    matched = set()
    for skipped, _ in enumerate(all_but_one(groups)):  # each subset leaves out one concept, in order
        matched |= having([i for i in every if i != skipped])
    rare = rarer(groups, weights, idf(groups), _document_frequencies()[0])
    for i in every:
        if any(groups[i] is group for group in rare):
            matched |= having([i])
    return matched


@per_stamp_by_key(maxsize=512)
def _concept_pages(group_json):
    """(the articles that have a concept as tsquery matches it, those whose names or summary
    have it: search_head), or None for a concept with no searchable word; one statement,
    through the indexes. 4 bytes an article: 40 MB a worker at most at 10,000 articles."""
    query, params = tsquery([json.loads(group_json)], True)
    with connection.cursor() as cursor, through_the_index(cursor):
        cursor.execute(
            f"""SELECT numnode({query}),
                       array(SELECT id FROM articles_article WHERE search_vector @@ ({query})),
                       array(SELECT id FROM articles_article WHERE search_head @@ ({query}))""",  # noqa: S608
            [*params, *params, *params],
        )
        asks, having, named = cursor.fetchone()
    return (array("i", having), array("i", named)) if asks else None


def rank_passages(groups, require_all, now, limit, among=None):
    """[(passage id, article id, anchor, heading, text)], best first, of live articles only;
    of the articles `among` when given (the candidates: found through the article index)."""
    query, params = tsquery(groups, require_all)
    order, order_params = _ranking(groups, _weights(groups), "p")
    with connection.cursor() as cursor:
        if among is not None:
            # Of the first candidates only: each section that matches is ranked once per
            # concept here (FTS5 ranks every match anyway). At 10,000 articles, all 100 cost
            # more and changed no result measured on PostgreSQL; on SQLite one, so it has 100.
            among = among[:SECTION_CANDIDATES]
            hidden = live.hidden(now)
            # The candidates' sections are a few hundred: read by article, then each matched.
            # Through the GIN index, a common word found most sections in the library first.
            cursor.execute(
                f"""WITH theirs AS MATERIALIZED (
                        SELECT id, article_id, anchor, heading, text, search_vector FROM articles_passage
                        WHERE article_id = ANY(%s))
                    SELECT p.id, p.article_id, p.anchor, p.heading, p.text FROM theirs p
                    WHERE p.search_vector @@ ({query})
                    ORDER BY {order} DESC, p.id
                    LIMIT %s""",  # noqa: S608
                [[i for i in among if i not in hidden], *params, *order_params, limit],
            )
            return cursor.fetchall()
        live_sql, live_params = rules.published_sql("a", now)
        cursor.execute(
            f"""SELECT p.id, p.article_id, p.anchor, p.heading, p.text
                FROM articles_passage p JOIN articles_article a ON a.id = p.article_id
                WHERE p.search_vector @@ ({query}) AND {live_sql}
                ORDER BY {order} DESC, p.id
                LIMIT %s""",  # noqa: S608
            [*params, *live_params, *order_params, limit],
        )
        return cursor.fetchall()


def article_passages(article_ids):
    """[(article id, anchor, heading, text)]: every section of these articles, in page order
    (which answers best is worked out in Python, among all of a page's sections)."""
    if not article_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT article_id, anchor, heading, text FROM articles_passage
               WHERE article_id = ANY(%s) ORDER BY article_id, position""",
            [list(article_ids)],
        )
        return cursor.fetchall()
