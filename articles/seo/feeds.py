"""The Atom feed of new and updated articles, in each language; every address in it from SITE_URL.

Its <id> is its `link` (Django uses the link when no feed_guid is given), and each entry's
<id> is the entry's link: all from SITE_URL, whatever Host the request named. The feed is a
page of the page cache (keyed on the library stamp), built once per change.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles.caching.page_cache import public_page
from articles.models import Article, ArticleTranslation, ClinicSettings
from articles.seo.structured_data import absolute
from articles.translation import languages, reads
from articles.translation.languages import named_url


class PlainTextSummaryAtom1Feed(Atom1Feed):
    """Summaries are plain text as written: Django's Atom1Feed labels them type="html", so a
    reader would decode a "<" or "&" in them a second time and show it as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class RecentArticlesFeed(Feed):
    """The newest articles in the request's language (its address says which: /feed/,
    /es/feed/): a translation's own title, summary and address; only live pages."""

    feed_type = PlainTextSummaryAtom1Feed

    def link(self):
        return absolute(named_url("articles:home", languages.current()))

    def feed_url(self):
        return absolute(named_url("articles:feed", languages.current()))

    def title(self):
        return _("%(clinic)s: new and updated articles") % {"clinic": ClinicSettings.current().clinic_name}

    def subtitle(self):
        return _("Plain-language articles about interventional pain treatments.")

    def items(self):
        language = languages.current()
        if language == languages.DEFAULT:
            return Article.objects.published().select_related("topic").order_by("-modified_at")[:30]
        rows = ArticleTranslation.objects.published().filter(language=language).select_related("article__topic")
        return rows.order_by("-modified_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute(languages.article_url(_article(item).slug, languages.current()))

    def item_pubdate(self, item):
        return _article(item).published_at

    def item_updateddate(self, item):
        return max(item.modified_at, _article(item).modified_at)

    def item_categories(self, item):
        topic = _article(item).topic
        translated = reads.topic(topic.slug, languages.current()) if languages.current() != languages.DEFAULT else None
        return [(translated or topic).title]


def _article(item):
    return item.article if isinstance(item, ArticleTranslation) else item


feed = public_page(RecentArticlesFeed())
