from django.contrib import admin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from .models import Article, GlossaryTerm, Topic

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    list_editable = ("order",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_EDITOR


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "topic", "kind", "status", "updated", "smog_grade", "modified_at")
    list_filter = ("topic", "status", "kind")
    search_fields = ("title", "summary", "slug", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("related",)
    readonly_fields = ("smog_grade", "fk_grade", "word_count", "reading_minutes", "source_path", "modified_at")
    formfield_overrides = MARKDOWN_EDITOR
    list_select_related = ("topic",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "topic", "kind", "order", "status", "summary", "body")}),
        ("Facts and names", {"fields": ("also_called", "at_a_glance", "body_location", "related", "sources", "updated")}),
        ("Clinical review", {"fields": ("reviewed", "reviewer", "review_due")}),
        ("Publishing", {"fields": ("published_at",)}),
        ("Measured on save", {"fields": ("smog_grade", "fk_grade", "word_count", "reading_minutes", "source_path", "modified_at")}),
    )

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ("term", "definition")
    search_fields = ("term", "definition", "aliases")
    prepopulated_fields = {"slug": ("term",)}
