"""The Atom feed of new and updated articles; every address in it from SITE_URL.

Its <id> is its `link` (Django uses the link when no feed_guid is given), and each entry's
<id> is the entry's link: all from SITE_URL, whatever Host the request named. The feed is a
page of the page cache (keyed on the library stamp), built once per change.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from articles.caching.page_cache import public_page
from articles.models import Article, ClinicSettings
from articles.seo.structured_data import absolute


class PlainTextSummaryAtom1Feed(Atom1Feed):
    """Summaries are plain text as written: Django's Atom1Feed labels them type="html", so a
    reader would decode a "<" or "&" in them a second time and show it as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class RecentArticlesFeed(Feed):
    feed_type = PlainTextSummaryAtom1Feed

    def link(self):
        return absolute("/")

    def feed_url(self):
        return absolute("/feed/")

    def title(self):
        return f"{ClinicSettings.current().clinic_name}: new and updated articles"

    def subtitle(self):
        return "Plain-language articles about interventional pain treatments."

    def items(self):
        return Article.objects.published().select_related("topic").order_by("-modified_at")[:30]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return absolute(article.get_absolute_url())

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_categories(self, article):
        return [article.topic.title]


feed = public_page(RecentArticlesFeed())
