"""The site's URLs plus /bench/floor/: a one-line template through the site's whole stack."""

from django.shortcuts import render
from django.urls import path

from painsite.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/floor/", lambda request: render(request, "bench_floor.html")), *site_urlpatterns]
