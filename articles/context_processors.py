from django.conf import settings

from . import clinic as clinic_settings
from . import page_reads


def site(request):
    """What every public page shows: the clinic's details and the topic menu.

    Only the public pages' engine (Jinja2) uses this, and every one of those pages shows
    both, so they are read at once: both come from per-process copies that are refreshed
    when the library stamp moves, and the stamp is read for the page's validators anyway.
    """
    clinic = clinic_settings.current(request)
    return {
        "clinic": clinic,
        "clinic_name": clinic.clinic_name,
        "clinic_phone": clinic.phone,
        "emergency_number": clinic.emergency_number,
        "site_url": settings.SITE_URL,
        "menu_topics": page_reads.topics(request),
    }
