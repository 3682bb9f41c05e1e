from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles import rules
from articles.editorial.forms import ArticleAdminForm
from articles.editorial.uploads import checked_file
from articles.library import schema
from articles.models import Article, ClinicSettings, Feedback, GlossaryTerm, Image, Redirect, Reviewer, Topic

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    list_editable = ("order",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_EDITOR


class ReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return list(rules.review_labels().items())

    def queryset(self, request, queryset):
        if self.value() in rules.REVIEW_BUCKETS:
            return queryset.filter(rules.review_q(self.value()))
        return queryset


REVIEW_FIELDS = ("reviewed", "reviewer", "review_due")
MAIN_FIELDS = ("title", "slug", "topic", "kind", "order", "status", "summary", "body", "opened_version")


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm

    class Media:
        css = {"all": ("css/admin-preview.css",)}

    list_display = ("title", "topic", "kind", "status", "updated", "smog_grade", "review_due", "helpful", "modified_at")
    list_filter = ("topic", "status", "kind", ReviewFilter)
    search_fields = ("title", "summary", "slug", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("related",)
    readonly_fields = ("smog_grade", "fk_grade", "word_count", "reading_minutes", "source_path", "modified_at")
    formfield_overrides = MARKDOWN_EDITOR
    list_select_related = ("topic",)
    fieldsets = (
        (None, {"fields": MAIN_FIELDS}),
        # Every other field of the article format (library/schema.py), in its order: a field
        # added there shows here without a change to this file.
        ("Facts and names", {"fields": tuple(n for n in schema.FIELDS_IN_ORDER if n not in (*MAIN_FIELDS, *REVIEW_FIELDS))}),
        ("Clinical review", {"fields": REVIEW_FIELDS}),
        ("Publishing", {"fields": ("published_at", "publish_anyway", "publish_reason", "grade_override_reason")}),
        (
            "Measured on save",
            {"fields": ("smog_grade", "fk_grade", "word_count", "reading_minutes", "source_path", "modified_at")},
        ),
    )

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class FormForUser(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return FormForUser

    def get_readonly_fields(self, request, obj=None):
        fields = [*self.readonly_fields, "grade_override_reason"]
        if not request.user.has_perm("articles.review_article"):
            fields += REVIEW_FIELDS  # only clinical reviewers record reviews
        return fields

    def save_model(self, request, obj, form, change):
        obj.version = (obj.version or 0) + 1 if change else 1
        override = getattr(form, "grade_override", None)
        if override:
            reason, grade = override
            obj.grade_override_reason = f"{grade}: {reason}"
            obj.grade_override_by = request.user.get_username()
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
                helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
            )
        )

    @admin.display(description="Was it helpful?")
    def helpful(self, obj):
        return f"{obj.helpful_yes} yes / {obj.helpful_no} no" if obj.helpful_yes or obj.helpful_no else "–"


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SimpleHistoryAdmin):
    list_display = ("term", "definition")
    search_fields = ("term", "definition", "aliases")
    prepopulated_fields = {"slug": ("term",)}


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


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ("name", "credentials", "role")
    search_fields = ("name", "credentials", "role")


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(admin.ModelAdmin):
    list_display = ("clinic_name", "phone", "emergency_number", "modified_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        # One record only, and only for those allowed to add it: it holds the emergency number.
        return super().has_add_permission(request) and not ClinicSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if hasattr(upload, "content_type"):  # a new upload, not the stored file
            return checked_file(upload)
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ("alt_text", "caption", "markdown", "uploaded_at")
    search_fields = ("alt_text", "caption")
    readonly_fields = ("markdown",)

    @admin.display(description="Use in an article")
    def markdown(self, obj):
        return obj.markdown if obj.pk else "Save first"
