"""The strict floor: a bare Django project with one view, a one-line template, no
middleware and no database, served by gunicorn with the site's own gunicorn settings.

    gunicorn -c painsite/gunicorn.conf.py bench.strict_floor:application
"""

from pathlib import Path

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-not-a-secret",  # noqa: S106 (nothing is signed here)
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [Path(__file__).parent / "templates"]}],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402 (after settings)
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402

urlpatterns = [path("bench/floor/", lambda request: render(request, "bench_floor.html"))]
application = get_wsgi_application()
