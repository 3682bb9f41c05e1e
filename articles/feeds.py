from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import Article


class RecentArticlesFeed(Feed):
    feed_type = Atom1Feed
    link = "/"
    feed_url = "/feed/"

    def title(self):
        from .models import ClinicSettings

        return f"{ClinicSettings.load().clinic_name}: new and updated articles"

    def subtitle(self):
        return "Plain-language articles about interventional pain treatments."

    def items(self):
        return Article.objects.published().select_related("topic").order_by("-modified_at")[:30]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_absolute_url()

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_categories(self, article):
        return [article.topic.title]

    def get_feed(self, obj, request):
        # Links absolute from SITE_URL rather than from the request's Host header.
        feed = super().get_feed(obj, request)
        base = request.build_absolute_uri("/").rstrip("/")
        for item in feed.items:
            item["link"] = item["link"].replace(base, settings.SITE_URL, 1)
            item["unique_id"] = item["link"]
        feed.feed["link"] = feed.feed["link"].replace(base, settings.SITE_URL, 1)
        feed.feed["feed_url"] = (feed.feed.get("feed_url") or "").replace(base, settings.SITE_URL, 1)
        return feed
