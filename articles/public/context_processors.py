from django.conf import settings
from django.utils.translation import gettext

from articles.models import ClinicSettings
from articles.translation import languages
from articles.translation import reads as translated

# The default footer text (ClinicSettings.footer_disclaimer's default), translated by the .po files.
DEFAULT_DISCLAIMER = ClinicSettings._meta.get_field("footer_disclaimer").default


def site(request):
    """What every public page shows: the clinic's details and the topic menu.

    Only the public pages' engine (Jinja2) uses this, and every one of those pages shows
    both: both are per-process copies refreshed when the library stamp moves.
    """
    clinic = ClinicSettings.current()
    language = languages.current()
    disclaimer = clinic.footer_disclaimer
    if language != languages.DEFAULT and disclaimer == DEFAULT_DISCLAIMER:
        disclaimer = gettext(DEFAULT_DISCLAIMER)  # the clinic's own wording stays as written
    return {
        "language": language,
        "disclaimer": disclaimer,
        "clinic": clinic,
        "clinic_name": clinic.clinic_name,
        "clinic_phone": clinic.phone,
        "emergency_number": clinic.emergency_number,
        "site_url": settings.SITE_URL,
        "menu_topics": translated.menu(language),
    }
