"""The template engine for the public pages.

Jinja2 renders the patient-facing pages several times faster than Django's own engine,
which is most of the work of a page the page cache has not seen yet. The admin, the editor
and the error pages that must render with the database down stay on Django templates.
"""

from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.template import defaultfilters
from django.templatetags.static import static
from django.utils import translation
from jinja2 import ChainableUndefined, Environment

from articles.caching.urls import url

if TYPE_CHECKING:
    # django-stubs leave out template_localtime, which Django's own templates call. It gives a
    # datetime in the current time zone when it should convert it, and anything else as it is.
    _T = TypeVar("_T")

    def template_localtime(value: _T, use_tz: bool | None = None) -> _T: ...
else:
    from django.utils.timezone import template_localtime


@lru_cache(maxsize=256)
def static_url(path):
    # Hashed names are fixed until collectstatic and a restart; the storage's lookup is not free.
    return static(path)


def date(value, fmt):
    """Django's date filter, in the site's time zone; nothing for no date."""
    if value in (None, ""):
        return ""
    return defaultfilters.date(template_localtime(value), fmt)


def environment(**options):
    # Like Django's templates, a missing variable or attribute prints as nothing.
    options["undefined"] = ChainableUndefined
    # {{ _("…") }} in the templates: Django's gettext, in the request's language (locale/).
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)  # noqa: S701 (Django's backend passes autoescape=True)
    if not env.autoescape:
        raise ImproperlyConfigured("The public pages' templates must escape what they show.")
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(static=static_url, url=url)
    env.filters.update(date=date, linebreaksbr=defaultfilters.linebreaksbr, pluralize=defaultfilters.pluralize)
    return env
