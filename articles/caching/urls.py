"""reverse(), remembered: a page names the same few dozen addresses every time it renders,
and reverse() cost more than the rest of building those links. The language is part of the
key: each language has its own addresses (/es/articulos/…)."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _reverse(prefix: str, language: str | None, name: str, args: tuple[object, ...]) -> str:
    return reverse(name, args=args)


def url(name: str, *args: object) -> str:
    return _reverse(get_script_prefix(), get_language(), name, args)
