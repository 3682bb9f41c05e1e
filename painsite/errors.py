import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database may be what failed, and the menu
    # and other context processors would query it.
    html = loader.get_template("500.html").render(
        {"clinic_name": settings.CLINIC_NAME, "emergency_number": settings.EMERGENCY_NUMBER}
    )
    return HttpResponseServerError(html)


class DatabaseUnavailableMiddleware:
    """While the database is briefly unreachable (a restart, a failover), answer 503 with a
    calm page and Retry-After, so browsers, proxies and crawlers know to come back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logging.getLogger("painsite.errors").error("Database unavailable: %s", exception)
        html = loader.get_template("503.html").render(
            {"clinic_name": settings.CLINIC_NAME, "emergency_number": settings.EMERGENCY_NUMBER}
        )
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "10"
        response["Cache-Control"] = "no-store"
        return response
