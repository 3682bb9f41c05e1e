"""Which languages the site speaks, and how a page's address names its language.

English addresses never change (printed QR codes keep working); another language lives under
its own prefix (/es/), with the path's words translated by its .po file ("articulos"). The
language comes from the path alone: no cookie, no Accept-Language, so shared caches keep one
copy of each address.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from articles.caching.urls import url

DEFAULT = settings.LANGUAGE_CODE


def codes() -> tuple[str, ...]:
    return tuple(code for code, _ in settings.LANGUAGES)


def name_of(code: str) -> str:
    """The language's name in itself ("Español"), as the switcher shows it."""
    return dict(settings.LANGUAGES)[code]


def from_path(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in codes() and first != DEFAULT else DEFAULT


def current() -> str:
    return translation.get_language() or DEFAULT


def article_url(slug: str, language: str) -> str:
    with translation.override(language):
        return url("articles:article", slug)


def topic_url(slug: str, language: str) -> str:
    with translation.override(language):
        return url("articles:topic", slug)


def named_url(name: str, language: str, *args: object) -> str:
    with translation.override(language):
        return url(name, *args)


def same_page_in(path: str, language: str) -> str:
    """This address in another language (the path's words translated)."""
    return translate_url(path, language)


def english_only(view):
    """A page that exists in English only (the A–Z, the feed, the sitemap…): under another
    language's prefix it is not found, rather than English under a Spanish address."""
    from functools import wraps

    from django.http import Http404

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if current() != DEFAULT:
            raise Http404("Not in this language")
        return view(request, *args, **kwargs)

    return wrapped
