from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from articles.editorial.article_admin import MARKDOWN_EDITOR, RefusedWhileLoading
from articles.editorial.uploads import checked_file
from articles.editorial.widgets import NamesField
from articles.models import ClinicSettings, Feedback, GlossaryTerm, Image, Redirect, RenderJob, Reviewer, Topic
from articles.rendering.glossary import Entry, GlossaryIndex


@admin.register(Topic)
class TopicAdmin(RefusedWhileLoading, admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    list_editable = ("order",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_EDITOR


class ShowsRenderJobs:
    """Glossary and clinic pages say when articles are being updated for a change, and when
    that finished (rendering/triggers.py)."""

    def _render_job_message(self, request):
        job = RenderJob.objects.first()
        if job is None:
            return
        if job.finished_at is None:
            text = (
                f"Updating articles for a change ({job.reason}): {job.done} of {job.total} done. Pages already show the change."
            )
            messages.info(request, text)
        elif (timezone.now() - job.finished_at).total_seconds() < 24 * 3600:
            messages.info(
                request, f"Articles were updated for a change ({job.reason}); finished {job.finished_at:%d %b %Y, %H:%M}."
            )

    def changelist_view(self, request, extra_context=None):
        self._render_job_message(request)
        return super().changelist_view(request, extra_context)


class GlossaryTermForm(forms.ModelForm):
    # The stored list, edited one name a line like an article's "also called": an editor never
    # types JSON, and clearing every name stores an empty list (a blank JSON box stored null,
    # which the column refuses: a 500).
    aliases = NamesField(required=False, label="Other names")
    sense_words = NamesField(
        required=False,
        label="Words that show this meaning",
        help_text=(
            'Only when another term shares one of these names ("trial": a research study or a stimulator\'s '
            "test run). Where both could be meant, the term whose words are in the same paragraph is linked."
        ),
    )

    class Meta:
        model = GlossaryTerm
        fields = ("term", "slug", "definition", "aliases", "sense_words")

    def clean(self):
        # The rule load_content applies to the glossary file (library/words.py): a name two
        # terms share must be told apart, or a page links the wrong meaning.
        data = super().clean()
        others = GlossaryTerm.objects.exclude(pk=self.instance.pk).only("term", "aliases", "sense_words")
        entries = [Entry(t.term, "", "", tuple(t.aliases or ()), tuple(t.sense_words or ())) for t in others]
        this = Entry(data.get("term") or "", "", "", tuple(data.get("aliases") or ()), tuple(data.get("sense_words") or ()))
        for name, claimants in GlossaryIndex([*entries, this]).shared_names():
            if this in claimants:
                other = ", ".join(f"“{e.term}”" for e in claimants if e is not this)
                raise forms.ValidationError(
                    f"“{name}” is also a name of {other}. Fill in “Words that show this meaning” on both, "
                    "or keep the name on one of them."
                )
        return data


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(RefusedWhileLoading, ShowsRenderJobs, SimpleHistoryAdmin):
    form = GlossaryTermForm
    list_display = ("term", "definition")
    search_fields = ("term", "definition", "aliases")
    prepopulated_fields = {"slug": ("term",)}


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "article", "language", "helpful", "comment")
    list_filter = ("helpful", "language", "article__topic", "created_at")
    search_fields = ("comment", "article__title")
    list_select_related = ("article",)
    readonly_fields = ("article", "language", "helpful", "comment", "created_at")

    def has_add_permission(self, request):
        return False  # feedback comes from readers only


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "new_path", "created_at")
    search_fields = ("old_path", "new_path")


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ("name", "credentials", "role", "email")
    search_fields = ("name", "credentials", "role")


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(ShowsRenderJobs, admin.ModelAdmin):
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


@admin.register(RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = ("reason", "done", "total", "started_at", "finished_at")
    readonly_fields = ("reason", "done", "total", "started_at", "finished_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
