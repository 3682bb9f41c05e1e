from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Article, GlossaryTerm, Topic


class SiteSitemap(Sitemap):
    """Absolute URLs from SITE_URL, not from whatever Host header a request carried."""

    limit = 50_000

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


def _newest_article():
    return Article.objects.published().aggregate(m=Max("modified_at"))["m"]


class PagesSitemap(SiteSitemap):
    def items(self):
        return ["articles:home", "articles:topic_list", "articles:a_z", "articles:glossary"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name == "articles:glossary":
            return GlossaryTerm.objects.aggregate(m=Max("modified_at"))["m"]
        newest = _newest_article()
        if name == "articles:topic_list":
            topics = Topic.objects.aggregate(m=Max("modified_at"))["m"]
            return max(filter(None, [newest, topics]), default=None)
        return newest


class TopicSitemap(SiteSitemap):
    def items(self):
        return Topic.objects.annotate(newest=Max("articles__modified_at")).order_by("order", "pk")

    def lastmod(self, topic):
        return max(filter(None, [topic.modified_at, topic.newest]), default=None)


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().order_by("pk").only("slug", "modified_at")

    def lastmod(self, article):
        return article.modified_at


SITEMAPS = {"pages": PagesSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
