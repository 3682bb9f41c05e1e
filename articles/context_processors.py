from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import clinic as clinic_settings
from .models import Topic


def site(request):
    clinic = SimpleLazyObject(lambda: clinic_settings.current(request))
    return {
        "clinic": clinic,
        "clinic_name": SimpleLazyObject(lambda: clinic.clinic_name),
        "clinic_phone": SimpleLazyObject(lambda: clinic.phone),
        "emergency_number": SimpleLazyObject(lambda: clinic.emergency_number),
        "site_url": settings.SITE_URL,
        # Lazy: pages that never show the menu (admin, healthz) never query for it.
        "menu_topics": SimpleLazyObject(lambda: list(Topic.objects.only("slug", "title"))),
    }
