from django.conf import settings

from articles.models import ClinicSettings
from articles.public import reads


def site(request):
    """What every public page shows: the clinic's details and the topic menu.

    Only the public pages' engine (Jinja2) uses this, and every one of those pages shows
    both: both are per-process copies refreshed when the library stamp moves.
    """
    clinic = ClinicSettings.current()
    return {
        "clinic": clinic,
        "clinic_name": clinic.clinic_name,
        "clinic_phone": clinic.phone,
        "emergency_number": clinic.emergency_number,
        "site_url": settings.SITE_URL,
        "menu_topics": reads.topics(),
    }
