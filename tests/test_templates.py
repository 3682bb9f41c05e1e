"""The two template engines keep apart: Jinja2 for public pages, Django's for staff and the
error pages that must render with the database down (settings.TEMPLATES)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "templates"
DJANGO_ALLOWED = ("admin/", "editorial/", "500.html", "503.html")


def _names(folder, skip=None):
    return {str(p.relative_to(folder)) for p in folder.rglob("*.html") if not (skip and skip in p.parents)}


def test_no_template_name_is_in_both_engines():
    # Jinja2 is asked first, so a name in both would silently resolve to the Jinja2 one.
    jinja = _names(ROOT / "jinja2")
    django = _names(ROOT, skip=ROOT / "jinja2")
    assert not jinja & django
    assert all(name.startswith(DJANGO_ALLOWED) for name in django), sorted(django)
