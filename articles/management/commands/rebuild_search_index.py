from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles.search.index import ensure_index, rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the articles table."

    def handle(self, **options):
        with transaction.atomic():
            ensure_index(connection)
            rebuild_index(connection)
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
