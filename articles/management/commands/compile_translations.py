"""Compile locale/<lang>/LC_MESSAGES/django.po into the .mo files gettext reads.

Babel does it in Python, so a clean clone needs no GNU gettext (Django's compilemessages
would). `make setup` and the test run call it; the .mo files are not kept in git."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_all() -> list[Path]:
    written = []
    for folder in settings.LOCALE_PATHS:
        for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue
            with po.open("rb") as source:
                catalog = read_po(source)
            with mo.open("wb") as target:
                write_mo(target, catalog)
            written.append(mo)
    return written


class Command(BaseCommand):
    help = "Compile the .po translation files into .mo files."

    def handle(self, *args, **options):
        for mo in compile_all():
            self.stdout.write(f"compiled {mo}")
