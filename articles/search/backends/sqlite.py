"""SQLite: an FTS5 table kept in step by triggers (search/index.py), ranked by bm25."""

from django.db import connection

from articles import rules
from articles.search.index import SQLITE_BM25_WEIGHTS


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


def rank(groups, require_all, now):
    """FTS5 ranks every match on its own; articles that are not live are dropped in Python.

    Joining every match to its article row reads each large row from disk, which is what
    made searches slow at 10,000 articles; unpublished articles are few.
    """
    live, params = rules.published_sql("a", now)
    with connection.cursor() as cursor:
        # Few rows, read from the (status, published_at) index alone.
        cursor.execute(f"SELECT a.id FROM articles_article a WHERE NOT ({live})", params)  # noqa: S608
        hidden = {row[0] for row in cursor.fetchall()}
        weights = ", ".join(str(w) for w in SQLITE_BM25_WEIGHTS)
        cursor.execute(
            f"""SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s
               ORDER BY bm25(articles_article_fts, {weights})""",  # noqa: S608
            [match_expression(groups, require_all)],
        )
        return [row[0] for row in cursor.fetchall() if row[0] not in hidden]
