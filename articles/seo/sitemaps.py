"""The sitemap: one file while the site fits in one (10,000 URLs), an index after.

Both are pages of the page cache (keyed on the library stamp): a sitemap of thousands of
articles takes most of a second to build, so it is built once per change. They read one
parameter, `p` (a file's page); any other query string is answered from the same entry.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.caching.page_cache import page_number, public_page
from articles.models import Article, GlossaryTerm, Topic
from articles.seo.structured_data import absolute, site_scheme_and_host
from articles.translation import reads as translated


class SiteSitemap(Sitemap):
    """Absolute URLs from SITE_URL, not from whatever Host header a request carried."""

    # Search engines take up to 50,000 URLs a file; 10,000 (about 1.4 MB at 136 bytes a URL)
    # keeps every file under the page cache's MAX_PAGE_BYTES, so each is built once per change.
    limit = 10_000

    def get_domain(self, site=None):
        return site_scheme_and_host()[1]

    def get_protocol(self, protocol=None):
        return site_scheme_and_host()[0]

    # Each page in every language it exists in, with its alternates (and x-default, the
    # English page): the same languages as the page's own hreflang links.
    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        return [settings.LANGUAGE_CODE]


def _newest_article():
    return Article.objects.published().aggregate(m=Max("modified_at"))["m"]


class PagesSitemap(SiteSitemap):
    def items(self):
        return ["articles:home", "articles:topic_list", "articles:a_z", "articles:glossary"]

    def get_languages_for_item(self, name):
        return [code for code, _ in settings.LANGUAGES]

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

    def get_languages_for_item(self, topic):
        return [settings.LANGUAGE_CODE, *(code for code, _ in settings.LANGUAGES if translated.topic(topic.slug, code))]

    def lastmod(self, topic):
        return max(filter(None, [topic.modified_at, topic.newest]), default=None)


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().order_by("pk").only("slug", "modified_at")

    def lastmod(self, article):
        return article.modified_at

    def get_languages_for_item(self, article):
        return [settings.LANGUAGE_CODE, *translated.translations_of(article.slug)]


SITEMAPS = {"pages": PagesSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}


@public_page(query={"p": page_number})
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


@public_page(query={"p": page_number})
def sitemap_section(request, section):
    """One file of the index (`sitemap-articles.xml?p=2`)."""
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
