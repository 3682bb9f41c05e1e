"""What the public pages read, through the ORM; what every page shows (the topic menu,
each topic's reading order) is kept per process until the library stamp moves."""

from articles.caching.memo import per_stamp
from articles.models import Article, Topic


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


def published_article(slug):
    """The published article with this slug, its topic attached, or None."""
    article = Article.objects.published().filter(slug=slug).first()
    if article is not None:
        article.topic = next(t for t in topics() if t.pk == article.topic_id)
    return article


def siblings(article):
    """The published articles of the article's topic, in reading order."""
    return _reading_orders().get(article.topic_id, [])


def related(article):
    return list(article.related.published().order_by("title").only("id", "slug", "title", "summary"))
