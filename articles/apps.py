from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from .search_index import ensure_index

    ensure_index(connections[using])


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Patient library"

    def ready(self):
        post_migrate.connect(_ensure_search_index, sender=self)
