from django.urls import path

from articles.public import feedback, views
from articles.seo.feeds import feed
from articles.seo.sitemaps import sitemap, sitemap_section

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("articles/<slug:slug>/handout/", views.handout, name="handout"),
    path("articles/<slug:slug>/feedback/", feedback.submit, name="feedback"),
    path("glossary/", views.glossary, name="glossary"),
    path("a-z/", views.a_to_z, name="a_z"),
    path("search/", views.search_page, name="search"),
    path("feed/", feed, name="feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
]
