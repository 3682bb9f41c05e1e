import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def _clinic_context():
    """The clinic's name and emergency number, read the one way; while the database is what
    failed, as the settings give them."""
    from articles.models import ClinicSettings

    try:
        clinic = ClinicSettings.current()
    except DatabaseError:
        clinic = ClinicSettings.from_settings()
    return {"clinic_name": clinic.clinic_name, "emergency_number": clinic.emergency_number}


def server_error(request):
    # Rendered without a request context: the database may be what failed, and the menu
    # and other context processors would query it.
    return HttpResponseServerError(loader.get_template("500.html").render(_clinic_context()))


class DatabaseUnavailableMiddleware:
    """While the database is briefly unreachable (a restart, a failover), answer 503 with a
    calm page and Retry-After, so browsers, proxies and crawlers know to come back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logging.getLogger("painsite.errors").error("Database unavailable: %s", exception)
        html = loader.get_template("503.html").render(_clinic_context())
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "10"
        response["Cache-Control"] = "no-store"
        return response
