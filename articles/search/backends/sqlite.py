"""SQLite: an FTS5 table kept in step by triggers (search/index.py), ranked by bm25."""

import math
from functools import lru_cache

import snowballstemmer
from django.db import connection

from articles.caching.memo import per_stamp, per_stamp_by_key
from articles.search.backends import live
from articles.search.fallback import all_but_one, rarer
from articles.search.index import SQLITE_BM25_WEIGHTS, SQLITE_PASSAGE_WEIGHTS, SQLITE_VOCABULARY
from articles.search.query import tokens


def _quoted(phrase):
    return '"' + phrase.replace('"', "") + '"'


def _words(phrase):
    # The words a patient typed need not stand together in the text: all of them, anywhere.
    words = phrase.split()
    return _quoted(phrase) if len(words) == 1 else "(" + " AND ".join(_quoted(w) for w in words) + ")"


def match_expression(groups, require_all):
    # Every phrase is one quoted FTS5 string, so no operator, column filter or bracket in
    # user text can reach the FTS5 parser; only our own AND / OR join them. The first
    # phrase of a concept is what the patient typed; the rest are exact clinical phrases.
    joiner = " AND " if require_all else " OR "
    return joiner.join("(" + " OR ".join([_words(group[0]), *(_quoted(p) for p in group[1:])]) + ")" for group in groups)


def _expression(groups, require_all):
    """Every concept; or, when few pages have them all, the fallback's (search/fallback.py)."""
    return match_expression(groups, True) if require_all else _fallback_expression(groups) or match_expression(groups, False)


def rank(groups, require_all, now, among=None):
    """FTS5 ranks every match on its own; articles that are not live (or not `among`, when
    given) are dropped in Python.

    Joining every match to its article row reads each large row from disk, which is what
    made searches slow at 10,000 articles; unpublished articles are few.
    """
    with connection.cursor() as cursor:
        hidden = live.hidden(now)
        weights = ", ".join(str(w) for w in SQLITE_BM25_WEIGHTS)
        cursor.execute(
            f"""SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s
               ORDER BY bm25(articles_article_fts, {weights})""",  # noqa: S608
            [_expression(groups, require_all)],
        )
        found = [row[0] for row in cursor.fetchall() if row[0] not in hidden]
    if among is not None:
        wanted = set(among)
        found = [i for i in found if i in wanted]
    return found


def rank_passages(groups, require_all, now, limit, among=None):
    """[(passage id, article id, anchor, heading, text)], best first, of live articles only;
    of the articles `among` when given (FTS5 ranks every match anyway: filtered here)."""
    weights = ", ".join(str(w) for w in SQLITE_PASSAGE_WEIGHTS)
    with connection.cursor() as cursor:
        hidden = live.hidden(now)
        cursor.execute(
            f"""SELECT p.id, p.article_id, p.anchor, p.heading, p.text
                FROM (SELECT rowid AS id, bm25(articles_passage_fts, {weights}) AS score FROM articles_passage_fts
                      WHERE articles_passage_fts MATCH %s ORDER BY score LIMIT %s) m
                JOIN articles_passage p ON p.id = m.id ORDER BY m.score""",  # noqa: S608
            [_expression(groups, require_all), limit + len(hidden) * 20],
        )
        rows = [row for row in cursor.fetchall() if row[1] not in hidden]
        if among is not None:
            wanted = set(among)
            rows = [row for row in rows if row[1] in wanted]
        return rows[:limit]


def article_passages(article_ids):
    """[(article id, anchor, heading, text)]: every section of these articles, in page order
    (which answers best is worked out in Python, among all of a page's sections)."""
    if not article_ids:
        return []
    marks = ", ".join(["%s"] * len(article_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT article_id, anchor, heading, text FROM articles_passage
                WHERE article_id IN ({marks}) ORDER BY article_id, position""",  # noqa: S608
            list(article_ids),
        )
        return cursor.fetchall()


# FTS5's porter tokenizer is Porter's original algorithm: the vocabulary holds its stems.
_PORTER = snowballstemmer.stemmer("porter")


@lru_cache(maxsize=65536)
def _porter(word):
    return _PORTER.stemWord(word)


@per_stamp
def _articles():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_article")
        return cursor.fetchone()[0]


@per_stamp_by_key(maxsize=8192)
def _document_frequency(term):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT doc FROM {SQLITE_VOCABULARY} WHERE term = %s", [term])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def _phrase_idf(groups):
    """Each phrase's idf (BM25's, as PostgreSQL's backend works it out): the mean over its words."""
    total = _articles()

    def of(phrase):
        words = [_porter(w) for w in tokens(phrase)]
        scores = [math.log(1 + (total - df + 0.5) / (df + 0.5)) for df in map(_document_frequency, words)]
        return sum(scores) / len(scores) if scores else 0.0

    return [[of(phrase) for phrase in group] for group in groups]


def idf(groups):
    """Each concept's idf as a concept: that of its most common phrase (a page has the concept
    when it has any of them)."""
    return [min(scores, default=0.0) for scores in _phrase_idf(groups)]


def _fallback_expression(groups):
    """The FTS5 expression for when few pages have every concept (search/fallback.py)."""
    scores = _phrase_idf(groups)
    weights = [max(s, default=0.0) for s in scores]
    as_concept = [min(s, default=0.0) for s in scores]
    parts = [match_expression(subset, True) for subset in all_but_one(groups)]
    rare = rarer(groups, weights, as_concept, _articles())
    if rare:
        parts.append(match_expression(rare, False))
    return " OR ".join(f"({part})" for part in parts)
