from django.urls import path

from articles.api import fhir, views

app_name = "api"

urlpatterns = [
    path("api/v1/articles/", views.article_list, name="articles"),
    path("api/v1/articles/<slug:slug>/", views.article_detail, name="article"),
    path("api/v1/openapi.json", views.openapi, name="openapi"),
    path("fhir/DocumentReference", fhir.search, name="fhir_search"),
    path("fhir/DocumentReference/<slug:slug>", fhir.read, name="fhir_read"),
]
