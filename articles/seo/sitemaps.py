"""The sitemap: one file while the site fits in one (50,000 URLs), an index after."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.models import Article, GlossaryTerm, Topic
from articles.seo.structured_data import absolute, site_scheme_and_host


class SiteSitemap(Sitemap):
    """Absolute URLs from SITE_URL, not from whatever Host header a request carried."""

    limit = 50_000

    def get_domain(self, site=None):
        return site_scheme_and_host()[1]

    def get_protocol(self, protocol=None):
        return site_scheme_and_host()[0]


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


def sitemap(request):
    total = sum(cls().paginator.count for cls in SITEMAPS.values())
    if total <= SiteSitemap.limit:
        return sitemap_views.sitemap(request, sitemaps=SITEMAPS)
    # Django's index names its files from the request's Host; ours from SITE_URL.
    items = []
    for section, cls in SITEMAPS.items():
        site = cls()
        location = absolute(reverse("articles:sitemap_section", kwargs={"section": section}))
        lastmod = site.get_latest_lastmod()
        items.append(sitemap_views.SitemapIndexItem(location, lastmod))
        items += [
            sitemap_views.SitemapIndexItem(f"{location}?p={page}", lastmod) for page in range(2, site.paginator.num_pages + 1)
        ]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")
