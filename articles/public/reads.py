"""What the public pages read, through the ORM; what every page shows (the topic menu,
each topic's reading order) is kept per process until the library stamp moves."""

from articles.caching.memo import per_stamp, per_stamp_by_key
from articles.models import Article, Topic
from articles.rendering import site as rendering


@per_stamp
def topics():
    """Every topic, in menu order."""
    return list(Topic.objects.all())


def topic(slug):
    return next((t for t in topics() if t.slug == slug), None)


@per_stamp
def _reading_orders():
    """topic id -> its published articles (id, slug, title), in reading order."""
    orders = {}
    for article in Article.objects.published().in_reading_order().only("id", "slug", "title", "topic_id"):
        orders.setdefault(article.topic_id, []).append(article)
    return orders


# Articles a worker keeps between library changes (an article is some 50 KB in memory).
ARTICLES_KEPT = 256


@per_stamp_by_key(ARTICLES_KEPT)
def published_article(slug):
    """The published article with this slug, its topic attached, or None. Shared by the
    requests a worker serves until the library changes: read it, never change it."""
    try:
        article = Article.objects.published().select_related("reviewer").get(slug=slug)
    except Article.DoesNotExist:
        return None
    article.topic = next(t for t in topics() if t.pk == article.topic_id)
    context = rendering.Context.current()
    if article.rendered_with != context.key:
        # Stored before a glossary or clinic change that is still being rendered into the
        # library (rendering/triggers.py): render it afresh for the page, not the store.
        rendering.refresh(article, context)
    return article


def siblings(article):
    """The published articles of the article's topic, in reading order."""
    return _reading_orders().get(article.topic_id, [])


def siblings_of_topic(topic_id):
    return _reading_orders().get(topic_id, [])


@per_stamp
def _related_links():
    """article id -> the published articles it links to as related, by title: one query for
    the whole library, a few bytes an article."""
    links = {}
    through = Article.related.through.objects.filter(to_article__in=Article.objects.published())
    rows = through.order_by("to_article__title").values_list(
        "from_article_id", "to_article__id", "to_article__slug", "to_article__title", "to_article__summary"
    )
    for from_id, *fields in rows:
        links.setdefault(from_id, []).append(Article(**dict(zip(("id", "slug", "title", "summary"), fields, strict=True))))
    return links


def related(article):
    return _related_links().get(article.pk, [])


@per_stamp
def _changes():
    """article id -> its dated clinical changes for patients ("What changed"), newest first."""
    from articles.models import Revision

    return Revision.told_patients("article_id")


def changes(article):
    return _changes().get(article.pk, [])
