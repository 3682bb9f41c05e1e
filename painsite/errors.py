from django.conf import settings
from django.http import HttpResponseServerError
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
