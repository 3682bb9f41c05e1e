from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles.public import feedback, views
from articles.seo.feeds import feed
from articles.seo.sitemaps import sitemap, sitemap_section
from articles.translation.languages import english_only as en

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("topics/"), views.topic_list, name="topic_list"),
    path(_("topics/<slug:slug>/"), views.topic_detail, name="topic"),
    path(_("articles/<slug:slug>/"), views.article_detail, name="article"),
    path(_("articles/<slug:slug>/handout/"), views.handout, name="handout"),
    path("articles/<slug:slug>/feedback/", feedback.submit, name="feedback"),
    path(_("glossary/"), views.glossary, name="glossary"),
    path("a-z/", views.a_to_z, name="a_z"),
    path(_("search/"), views.search_page, name="search"),
    path("feed/", feed, name="feed"),
    path("sitemap.xml", en(sitemap), name="sitemap"),
    path("sitemap-<section>.xml", en(sitemap_section), name="sitemap_section"),
    path("robots.txt", en(views.robots_txt), name="robots"),
    path("healthz", en(views.healthz), name="healthz"),
]
