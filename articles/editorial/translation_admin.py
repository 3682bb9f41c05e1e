"""Translations in the admin: each article's translation with its own status, review and
freshness; the list says which are behind their English text and which are missing.

Only users who may publish (clinical reviewers, administrators) make a translation live, as
for English; a translation below its language's reading-ease minimum (rules.READING_EASE_MIN)
is not made live. Editors write and change drafts; an editor's change to a live translation
waits beside it for a clinical reviewer (translation_workflow.py, translation_review.py).
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from markdownx.settings import MARKDOWNX_URLS_PATH
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles import rules
from articles.editorial import translation_review, translation_workflow
from articles.editorial.article_admin import MARKDOWN_EDITOR, RefusedWhileLoading
from articles.editorial.policies_admin import ClinicPolicyForm
from articles.editorial.widgets import FactsField, NamesField
from articles.models import ArticleTranslation, GlossaryTranslation, PolicyTranslation, TopicTranslation, TranslationRevision
from articles.translation import freshness

PUBLISH = "articles.publish_article"


class FreshnessFilter(admin.SimpleListFilter):
    title = "English text"
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("behind", "Changed since translated (behind)"), ("current", "Same as when translated")]

    def queryset(self, request, queryset):
        if self.value() not in ("behind", "current"):
            return queryset
        behind = [t.pk for t in queryset.select_related("article") if freshness.is_behind(t)]
        return queryset.filter(pk__in=behind) if self.value() == "behind" else queryset.exclude(pk__in=behind)


class WaitingFilter(admin.SimpleListFilter):
    title = "change waiting for review"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", "A change is waiting for review"), ("no", "Nothing waiting")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_waiting=True)
        if self.value() == "no":
            return queryset.filter(has_waiting=False)
        return queryset


class TranslationEditor(AdminMarkdownxWidget):
    """The Markdown editor, its live preview rendered in the translation's language with that
    language's readability panel (editorial/preview.py reads ?language=)."""

    language = "es"

    def get_context(self, name, value, attrs=None):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-markdownx-urls-path"] = f"{MARKDOWNX_URLS_PATH}?language={self.language}"
        return context


class ArticleTranslationForm(forms.ModelForm):
    also_called = NamesField(required=False, label="Also called")
    at_a_glance = FactsField(required=False, label="At a glance")
    matches_english = forms.BooleanField(
        required=False,
        label="This translation now says what the English page says today",
        help_text=(
            "Tick after bringing the translation up to date with the English text: the page stops saying it may "
            "be behind (for a live translation, once a clinical reviewer approves your change)."
        ),
    )

    class Meta:
        model = ArticleTranslation
        fields = ("title", "summary", "also_called", "at_a_glance", "body", "status", "updated", "reviewed", "reviewer")

    def __init__(self, *args, user=None, start_from=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if start_from is not None:
            # The change waiting for review (or sent back) is what the editor goes on editing.
            self.initial.update({name: value for name, value in start_from.content.items() if name in self.fields})
            self.initial["matches_english"] = start_from.english_hash == freshness.source_hash(self.instance.article)
        if "body" in self.fields:
            self.fields["body"].widget = TranslationEditor()
            self.fields["body"].widget.language = self.instance.language or "es"

    def clean(self):
        data = super().clean()
        may_publish = self.user is not None and self.user.has_perm(PUBLISH)
        if data.get("status") == "published" and not may_publish:
            raise forms.ValidationError("Only a clinical reviewer can make a translation live. Choose “Waiting for review”.")
        if data.get("status") == "published" and "body" in data:
            probe = ArticleTranslation(
                article=self.instance.article if self.instance.pk else None,
                language=self.instance.language or "es",
                title=data.get("title") or "",
                summary=data.get("summary") or "",
                at_a_glance=data.get("at_a_glance") or {},
                body=data.get("body") or "",
            )
            refusal = translation_workflow.too_hard(probe)
            if refusal:
                raise forms.ValidationError(refusal)
        return data


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(RefusedWhileLoading, SimpleHistoryAdmin):
    form = ArticleTranslationForm
    formfield_overrides = MARKDOWN_EDITOR
    list_display = ("title", "english", "language", "status", "waiting", "english_text", "ease", "reviewed")
    list_filter = ("language", "status", WaitingFilter, FreshnessFilter)
    search_fields = ("title", "article__title", "article__slug")
    readonly_fields = ("english", "english_text", "ease")
    list_select_related = ("article",)
    change_list_template = "admin/articles/articletranslation/change_list.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        start_from = getattr(request, "_translation_start", None)

        class WithUser(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, start_from=start_from, **kw)

        return WithUser

    def get_queryset(self, request):
        waiting = TranslationRevision.objects.filter(translation=OuterRef("pk"), state=TranslationRevision.State.PENDING)
        return super().get_queryset(request).annotate(has_waiting=Exists(waiting))

    def get_fields(self, request, obj=None):
        return ["english", "english_text", "ease", *ArticleTranslationForm.Meta.fields, "matches_english"]

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm(PUBLISH):
            return self.readonly_fields
        # Only a clinical reviewer records a review, as for English; and takes a live
        # translation down or dates its change (the approval does).
        live = ("status", "updated") if obj is not None and obj.status == translation_workflow.LIVE else ()
        return (*self.readonly_fields, "reviewed", "reviewer", *live)

    def has_add_permission(self, request):
        return False  # a translation starts as a file beside its English one (docs/translations.md)

    def save_model(self, request, obj, form, change):
        stored = ArticleTranslation.objects.filter(pk=obj.pk).select_related("article").first() if change else None
        if translation_workflow.gate(request.user, stored) == "propose":
            self._propose(request, stored, obj, form)
            return
        if form.cleaned_data.get("matches_english"):
            obj.source_hash = freshness.source_hash(obj.article)
        super().save_model(request, obj, form, change)

    def _propose(self, request, stored, obj, form):
        """An editor's save of a live translation: kept beside it, for review."""
        content = translation_workflow.text_of(obj)
        matches = form.cleaned_data.get("matches_english")
        if obj.text_hash() == stored.text_hash() and not matches:
            # The live text as it is: nothing to review, and any older change is taken back.
            stored.revisions.filter(state=TranslationRevision.State.PENDING).update(state=TranslationRevision.State.WITHDRAWN)
            request._translation_proposed = None
            return
        english = freshness.source_hash(stored.article) if matches else ""
        request._translation_proposed = translation_workflow.propose(stored, content, request.user, english)

    def response_change(self, request, obj):
        return self._proposed_response(request, obj) or super().response_change(request, obj)

    def _proposed_response(self, request, obj):
        if not hasattr(request, "_translation_proposed"):
            return None
        if request._translation_proposed is None:
            text = "This is the live text as it is: nothing is waiting for review."
        else:
            text = (
                "Your changes are saved and waiting for clinical review. Patients keep seeing the live "
                "translation until a clinical reviewer approves yours."
            )
        self.message_user(request, text, messages.INFO)
        return HttpResponseRedirect(reverse("admin:articles_articletranslation_change", args=[obj.pk]))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting goes through save_model and so through the same gate; say so after.
        response = super().history_form_view(request, object_id, version_id, extra_context)
        return self._proposed_response(request, ArticleTranslation(pk=object_id)) or response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        translation = self.get_object(request, object_id)
        extra = {}
        if translation is not None:
            pending = translation_workflow.open_proposal(translation)
            back = translation_workflow.sent_back(translation)
            extra = {"pending": pending, "sent_back": back, "may_review": request.user.has_perm(PUBLISH)}
            if translation_workflow.gate(request.user, translation) == "propose":
                # Nothing the editor typed is lost: they go on from their change, or from the
                # one sent back while the live text is still the one it was made from.
                if pending is None and back is not None and back.base_hash == translation.text_hash():
                    pending = back
                request._translation_start = pending
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view(self.review_view)
        return [path("<int:pk>/review/", view, name="articles_articletranslation_review"), *super().get_urls()]

    def review_view(self, request, pk):
        return translation_review.review_view(self, request, pk)

    @admin.display(description="Change waiting for review", boolean=True)
    def waiting(self, obj):
        return getattr(obj, "has_waiting", False)

    @admin.display(description="English page")
    def english(self, obj):
        return format_html('<a href="{}">{}</a>', obj.article.get_absolute_url(), obj.article.title)

    @admin.display(description="English text")
    def english_text(self, obj):
        return "Changed since translated: may be behind" if freshness.is_behind(obj) else "Same as when translated"

    @admin.display(description="Reading ease")
    def ease(self, obj):
        value = rules.reading_ease(obj.language, obj.reading_ease)
        return f"{value.value:g}{' (too hard)' if value.too_hard else ''}"

    def changelist_view(self, request, extra_context=None):
        missing = freshness.missing()
        if missing:
            messages.warning(request, f"{len(missing)} published English page(s) have no translation in a language.")
        return super().changelist_view(request, {**(extra_context or {}), "missing": missing})


@admin.register(TopicTranslation)
class TopicTranslationAdmin(RefusedWhileLoading, admin.ModelAdmin):
    list_display = ("title", "topic", "language")
    list_filter = ("language",)
    fields = ("title", "summary", "intro")
    formfield_overrides = MARKDOWN_EDITOR

    def has_add_permission(self, request):
        return False


@admin.register(GlossaryTranslation)
class GlossaryTranslationAdmin(admin.ModelAdmin):
    """Read here; written from content/glossary.<lang>.yaml, the glossary's one home in a language."""

    list_display = ("term", "entry", "language")
    list_filter = ("language",)
    search_fields = ("term", "entry__term")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PolicyTranslationForm(forms.ModelForm):
    class Meta:
        model = PolicyTranslation
        fields = ("clinic_text",)
        widgets = {"clinic_text": forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"})}

    clean_clinic_text = ClinicPolicyForm.clean_clinic_text  # the same rules as the English wording


@admin.register(PolicyTranslation)
class PolicyTranslationAdmin(admin.ModelAdmin):
    form = PolicyTranslationForm
    list_display = ("title", "policy", "language")
    list_filter = ("language",)
    fields = ("title", "default_text", "clinic_text")
    readonly_fields = ("title", "default_text")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The clinic's wording goes in front of patients on every page that uses it, at once.
        return request.user.has_perm(PUBLISH)
