from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from articles.search.index import ensure_index

    ensure_index(connections[using])


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Patient library"

    def ready(self):
        from articles.models import ClinicSettings, GlossaryTerm, Image
        from articles.rendering.triggers import image_changed, library_context_changed

        post_migrate.connect(_ensure_search_index, sender=self)
        for model in (GlossaryTerm, ClinicSettings):
            post_save.connect(library_context_changed, sender=model, dispatch_uid=f"rerender-{model.__name__}")
            post_delete.connect(library_context_changed, sender=model, dispatch_uid=f"rerender-{model.__name__}-delete")
        post_save.connect(image_changed, sender=Image, dispatch_uid="image-saved")
        post_delete.connect(image_changed, sender=Image, dispatch_uid="image-deleted")
