from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("glossary/", views.glossary, name="glossary"),
    path("a-z/", views.a_to_z, name="a_z"),
    path("search/", views.search_page, name="search"),
    path("healthz", views.healthz, name="healthz"),
]
