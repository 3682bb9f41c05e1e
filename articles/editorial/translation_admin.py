"""Translations in the admin: each article's translation with its own status, review and
freshness; the list says which are behind their English text and which are missing.

Only users who may publish (clinical reviewers, administrators) make a translation live or
change one that is live, as for English; a translation below its language's reading-ease
minimum (rules.READING_EASE_MIN) is not made live. Editors write and change drafts.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from markdownx.settings import MARKDOWNX_URLS_PATH
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles import rules
from articles.editorial.article_admin import MARKDOWN_EDITOR, RefusedWhileLoading
from articles.editorial.policies_admin import ClinicPolicyForm
from articles.editorial.widgets import FactsField, NamesField
from articles.models import ArticleTranslation, GlossaryTranslation, PolicyTranslation, TopicTranslation
from articles.translation import freshness, rendering

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
        help_text="Tick after bringing the translation up to date with the English text: the page stops saying it may be behind.",
    )

    class Meta:
        model = ArticleTranslation
        fields = ("title", "summary", "also_called", "at_a_glance", "body", "status", "updated", "reviewed", "reviewer")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "body" in self.fields:
            self.fields["body"].widget = TranslationEditor()
            self.fields["body"].widget.language = self.instance.language or "es"

    def clean(self):
        data = super().clean()
        may_publish = self.user is not None and self.user.has_perm(PUBLISH)
        was_live = (
            self.instance.pk is not None and ArticleTranslation.objects.filter(pk=self.instance.pk, status="published").exists()
        )
        if data.get("status") == "published" and not may_publish:
            raise forms.ValidationError("Only a clinical reviewer can make a translation live. Choose “Waiting for review”.")
        if was_live and not may_publish:
            raise forms.ValidationError("This translation is live: only a clinical reviewer can change it.")
        if data.get("status") == "published" and "body" in data:
            probe = ArticleTranslation(
                article=self.instance.article if self.instance.pk else None,
                language=self.instance.language or "es",
                title=data.get("title") or "",
                summary=data.get("summary") or "",
                at_a_glance=data.get("at_a_glance") or {},
                body=data.get("body") or "",
            )
            rendering.apply(probe)
            ease = rules.reading_ease(probe.language, probe.reading_ease)
            if ease.too_hard:
                raise forms.ValidationError(
                    f"Too hard to read to publish: {ease}, and the minimum is {ease.minimum:g} "
                    "(“bastante fácil”). Use shorter sentences and everyday words."
                )
        return data


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(RefusedWhileLoading, SimpleHistoryAdmin):
    form = ArticleTranslationForm
    formfield_overrides = MARKDOWN_EDITOR
    list_display = ("title", "english", "language", "status", "english_text", "ease", "reviewed")
    list_filter = ("language", "status", FreshnessFilter)
    search_fields = ("title", "article__title", "article__slug")
    readonly_fields = ("english", "english_text", "ease")
    list_select_related = ("article",)
    change_list_template = "admin/articles/articletranslation/change_list.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class WithUser(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return WithUser

    def get_fields(self, request, obj=None):
        return ["english", "english_text", "ease", *ArticleTranslationForm.Meta.fields, "matches_english"]

    def get_readonly_fields(self, request, obj=None):
        # Only a clinical reviewer records a review, as for English.
        review = () if request.user.has_perm(PUBLISH) else ("reviewed", "reviewer")
        return (*self.readonly_fields, *review)

    def has_add_permission(self, request):
        return False  # a translation starts as a file beside its English one (docs/translations.md)

    def has_change_permission(self, request, obj=None):
        # A live translation is changed by a clinical reviewer; an editor reads it.
        if obj is not None and obj.status == "published" and not request.user.has_perm(PUBLISH):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("matches_english"):
            obj.source_hash = freshness.source_hash(obj.article)
        super().save_model(request, obj, form, change)

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
