"""Which articles search may show at a moment, read once per library change, for the
backends that find matches outside the article table (SQLite's FTS5 index; PostgreSQL's
concept page lists, postgres._concept_pages)."""

from django.utils import timezone

from articles import rules
from articles.caching.memo import per_stamp
from articles.models import Article


def hidden(now):
    """The articles that are not live at `now`: few rows (drafts, scheduled ones)."""
    built, rows = _not_live()
    if now < built:  # a moment before the list was read: the rule asked of the table itself
        rows = Article.objects.exclude(rules.published_q(now=now)).only(*rules.PUBLICATION_FIELDS)
    return frozenset(row.id for row in rows if not rules.is_published(row, now))


@per_stamp
def _not_live():
    """(when read, the articles not live then), once per library change: a live article
    stays live until it is changed (the rule's only clock is a publication time that has
    come), and a scheduled one is checked against each search's moment (hidden)."""
    built = timezone.now()
    return built, list(Article.objects.exclude(rules.published_q(now=built)).only(*rules.PUBLICATION_FIELDS))
