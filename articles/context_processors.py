from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Topic


def site(request):
    return {
        "clinic_name": settings.CLINIC_NAME,
        "clinic_phone": settings.CLINIC_PHONE,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "site_url": settings.SITE_URL,
        # Lazy: pages that never show the menu (admin, healthz) never query for it.
        "menu_topics": SimpleLazyObject(lambda: list(Topic.objects.only("slug", "title"))),
    }
