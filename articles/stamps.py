"""The library's last change, from indexed maxima: cheap enough to ask on every request.

Every public page shows more than its own row (the topic menu, related articles, the
glossary), so one stamp for the whole library keeps validators and caches simply correct.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime


@dataclass(frozen=True)
class Stamp:
    time: datetime.datetime
    counts: tuple
    clinic_at: object = None  # when the clinic's settings last changed

    def key(self):
        return f"{self.time.isoformat()}|{'-'.join(map(str, self.counts))}|{self.clinic_at}"


def last_change(request=None):
    if request is not None and hasattr(request, "_library_stamp"):
        return request._library_stamp
    stamp = _last_change()
    if request is not None:
        request._library_stamp = stamp
    return stamp


def etag(request, *args, **kwargs):
    from hashlib import sha1

    key = f"{request.path}|{last_change(request).key()}"
    return sha1(key.encode(), usedforsecurity=False).hexdigest()[:20]


def last_modified(request, *args, **kwargs):
    return last_change(request).time


def _last_change():
    """One query: the newest change anywhere, and row counts so that deletions count too."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT (SELECT max(modified_at) FROM articles_article),
                      (SELECT max(modified_at) FROM articles_topic),
                      (SELECT max(modified_at) FROM articles_glossaryterm),
                      (SELECT max(created_at) FROM articles_redirect),
                      (SELECT max(published_at) FROM articles_article WHERE status = 'published' AND published_at <= %s),
                      (SELECT count(*) FROM articles_article),
                      (SELECT count(*) FROM articles_glossaryterm),
                      (SELECT count(*) FROM articles_topic),
                      (SELECT max(modified_at) FROM articles_clinicsettings)""",
            [now],
        )
        row = cursor.fetchone()
    # SQLite hands back text; PostgreSQL datetimes. Both order the same as ISO strings.
    times = [t if not isinstance(t, str) else parse_datetime(t) for t in (*row[:5], row[8]) if t]
    times = [t if timezone.is_aware(t) else timezone.make_aware(t, datetime.UTC) for t in times]
    newest = max(times) if times else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    return Stamp(newest, row[5:8], row[8])
