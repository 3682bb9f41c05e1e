from django.urls import path

from articles.connect import views

app_name = "connect"

urlpatterns = [
    path("connect/service", views.service, name="service"),
    path("connect/", views.lookup_page, name="lookup"),
]
