from django.contrib import admin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from django.db.models import Count, Q

from .models import Article, Feedback, GlossaryTerm, Redirect, Topic
from .sync import rerender_all

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
    list_display = ("title", "topic", "kind", "status", "updated", "smog_grade", "helpful", "modified_at")
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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
            helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
        )

    @admin.display(description="Was it helpful?")
    def helpful(self, obj):
        return f"{obj.helpful_yes} yes / {obj.helpful_no} no" if obj.helpful_yes or obj.helpful_no else "–"


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ("term", "definition")
    search_fields = ("term", "definition", "aliases")
    prepopulated_fields = {"slug": ("term",)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rerender_all()  # articles link glossary terms when they are rendered

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        rerender_all()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        rerender_all()


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "article", "helpful", "comment")
    list_filter = ("helpful", "article__topic", "created_at")
    search_fields = ("comment", "article__title")
    list_select_related = ("article",)
    readonly_fields = ("article", "helpful", "comment", "created_at")

    def has_add_permission(self, request):
        return False  # feedback comes from readers only


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "new_path", "created_at")
    search_fields = ("old_path", "new_path")
