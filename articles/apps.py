from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from articles.search.index import ensure_index
    from articles.translation import search_index

    ensure_index(connections[using])
    search_index.ensure_index(connections[using])


def _clinic_titles_the_admin():
    """The admin is headed with the clinic's name (header, browser title, front page), read
    when a page renders: ClinicSettings.current() is the per-process copy, so this costs no
    query beyond the request's one stamp read, and an edit shows on the next request."""
    from django.contrib import admin
    from django.utils.functional import lazy

    from articles.models import ClinicSettings

    def titled(template):
        return lazy(lambda: template.format(ClinicSettings.current().clinic_name), str)()

    admin.site.site_header = titled("{}")
    admin.site.site_title = titled("{} admin")
    admin.site.index_title = titled("{}: the patient library")


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Patient library"

    def ready(self):
        from articles.models import ClinicPolicy, ClinicSettings, GlossaryTerm, Image
        from articles.rendering.triggers import before_change, image_changed, library_context_changed

        post_migrate.connect(_ensure_search_index, sender=self)
        for model in (GlossaryTerm, ClinicSettings, ClinicPolicy):
            pre_save.connect(before_change, sender=model, dispatch_uid=f"before-{model.__name__}")
            pre_delete.connect(before_change, sender=model, dispatch_uid=f"before-{model.__name__}-delete")
            post_save.connect(library_context_changed, sender=model, dispatch_uid=f"rerender-{model.__name__}")
            post_delete.connect(library_context_changed, sender=model, dispatch_uid=f"rerender-{model.__name__}-delete")
        post_save.connect(image_changed, sender=Image, dispatch_uid="image-saved")
        post_delete.connect(image_changed, sender=Image, dispatch_uid="image-deleted")
        _clinic_titles_the_admin()
