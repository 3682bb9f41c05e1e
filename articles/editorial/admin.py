from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from articles.editorial.article_admin import MARKDOWN_EDITOR
from articles.editorial.uploads import checked_file
from articles.models import ClinicSettings, Feedback, GlossaryTerm, Image, Redirect, Reviewer, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    list_editable = ("order",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_EDITOR


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
