"""The Atom feed of new and updated articles; every address in it from SITE_URL."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, ClinicSettings
from articles.seo.structured_data import absolute


class RecentArticlesFeed(Feed):
    feed_type = Atom1Feed

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
