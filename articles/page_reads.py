"""What an article page reads, written out as plain SQL.

An article page rendered without the page cache spent more time in the ORM building its
queries (about 1.2 ms) than the database spent answering them (about 0.1 ms). These reads
are the ones every uncached article view makes; the staff preview of drafts and every
other page keep the ORM. "Published" here is the same rule as ArticleQuerySet.published().
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from . import stamps
from .models import Article, Topic

_PUBLISHED = "a.status = 'published' AND a.published_at <= %s"
_READING_ORDER = 'a."order" IS NULL, a."order", a.title'  # ArticleQuerySet.READING_ORDER


@dataclass(frozen=True, slots=True)
class Link:
    """Another article, as a page links to it."""

    id: int
    slug: str
    title: str
    summary: str = ""

    def get_absolute_url(self):
        return Article.url_for(self.slug)


_topics = {}


def topics(request=None):
    """Every topic, in menu order; re-read by each process only when the library changes."""
    stamp = stamps.last_change(request).key()
    if _topics.get("stamp") != stamp:
        _topics.update(stamp=stamp, topics=list(Topic.objects.all()))
    return _topics["topics"]


def published_article(slug, request=None):
    now = timezone.now()
    found = list(Article.objects.raw(f"SELECT a.* FROM articles_article a WHERE a.slug = %s AND {_PUBLISHED}", [slug, now]))
    if not found:
        return None
    article = found[0]
    article.topic = next(t for t in topics(request) if t.pk == article.topic_id)
    return article


def _links(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Link(*row) for row in cursor.fetchall()]


def siblings(article):
    """The published articles of the article's topic, in reading order."""
    return _links(
        f"SELECT a.id, a.slug, a.title FROM articles_article a WHERE a.topic_id = %s AND {_PUBLISHED} ORDER BY {_READING_ORDER}",
        [article.topic_id, timezone.now()],
    )


def related(article):
    return _links(
        f"""SELECT a.id, a.slug, a.title, a.summary FROM articles_article a
            JOIN articles_article_related r ON r.to_article_id = a.id
            WHERE r.from_article_id = %s AND {_PUBLISHED} ORDER BY a.title""",
        [article.pk, timezone.now()],
    )
