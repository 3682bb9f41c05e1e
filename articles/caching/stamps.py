"""The library's last change, from indexed maxima: cheap enough to ask on every request.

Every public page shows more than its own row (the topic menu, related articles, the
glossary), so one stamp for the whole library keeps validators and caches simply correct.
Within a request the stamp is read once: the page cache middleware opens a request scope
(`request_scope`), and everything the page reads after that shares the one answer.
"""

import contextvars
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles import rules


@dataclass(frozen=True)
class Stamp:
    """The stamp query's row: newest modification times and row counts."""

    row: tuple[Any, ...]

    def key(self) -> str:
        # The row as the database gave it: any change to any value is a new key. (Read on
        # every request, cached pages included, so the times are not parsed for it.)
        return "|".join(map(str, self.row))

    @cached_property
    def time(self) -> datetime.datetime:
        """The newest change anywhere: for Last-Modified."""
        # SQLite hands back text; PostgreSQL datetimes. (Text the database wrote always
        # parses: parse_datetime gives no None here.)
        times: list[datetime.datetime] = [
            t if not isinstance(t, str) else cast(datetime.datetime, parse_datetime(t))
            for t in (*self.row[:5], *self.row[8:11], self.row[13], *self.row[15:19])
            if t
        ]
        times = [t if timezone.is_aware(t) else timezone.make_aware(t, datetime.UTC) for t in times]
        return max(times) if times else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


_in_request: contextvars.ContextVar[dict[str, Stamp] | None] = contextvars.ContextVar("library_stamp", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Read the stamp at most once inside this block (one request)."""
    token = _in_request.set({})
    try:
        yield
    finally:
        _in_request.reset(token)


def forget() -> None:
    """Read the stamp again on the next call: for work done after a commit inside a request
    (the request's stamp was read before the change)."""
    held = _in_request.get()
    if held is not None:
        held.clear()


def last_change() -> Stamp:
    held = _in_request.get()
    if held is None:
        return _last_change()
    if "stamp" not in held:
        held["stamp"] = _last_change()
    return held["stamp"]


_STAMP_SQL = """SELECT (SELECT max(modified_at) FROM articles_article),
    (SELECT max(modified_at) FROM articles_topic),
    (SELECT max(modified_at) FROM articles_glossaryterm),
    (SELECT max(created_at) FROM articles_redirect),
    (SELECT max(a.published_at) FROM articles_article a WHERE {live}),
    (SELECT count(*) FROM articles_article),
    (SELECT count(*) FROM articles_glossaryterm),
    (SELECT count(*) FROM articles_topic),
    (SELECT max(modified_at) FROM articles_clinicsettings),
    (SELECT max(modified_at) FROM articles_reviewer),
    (SELECT max(modified_at) FROM articles_image),
    (SELECT count(*) FROM articles_reviewer),
    (SELECT count(*) FROM articles_image),
    (SELECT max(modified_at) FROM articles_clinicpolicy),
    (SELECT count(*) FROM articles_clinicpolicy),
    (SELECT max(modified_at) FROM articles_articletranslation),
    (SELECT max(modified_at) FROM articles_topictranslation),
    (SELECT max(modified_at) FROM articles_glossarytranslation),
    (SELECT max(modified_at) FROM articles_policytranslation),
    (SELECT count(*) FROM articles_articletranslation),
    (SELECT count(*) FROM articles_topictranslation),
    (SELECT count(*) FROM articles_glossarytranslation),
    (SELECT count(*) FROM articles_policytranslation)"""


def _query(sql: str, params: list[object]) -> tuple[Any, ...]:
    """One row, straight from the database driver.

    The stamp is read on every request, cached pages included, where Django's cursor wrapper
    cost twice the query itself (19 of 28 us on SQLite: placeholder rewriting and
    bookkeeping). Django still opens, checks and closes the connection, and turns the
    driver's errors into Django's (so a database that is down still answers 503).
    """
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql if connection.vendor != "sqlite" else sql.replace("%s", "?"), params)
            return tuple(cursor.fetchone())
        finally:
            cursor.close()


def _last_change() -> Stamp:
    """One query: the newest change anywhere, and row counts so that deletions count too."""
    live, params = rules.published_sql("a")
    # Reviewers and pictures are named and shown on pages: their changes and deletions count.
    return Stamp(_query(_STAMP_SQL.format(live=live), params))
