"""Clinic policies in the admin: the clinic's own wording of a practical fact many pages use.

Only users who may publish (clinical reviewers, administrators) change a policy: its text
goes in front of patients on every page that names it, at once, without a review of each
page. Editors see the policies and which pages use them. The definitions (name, title,
default, source) come from content/policies.yaml and are not edited here."""

import re

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from articles.editorial.article_admin import RefusedWhileLoading
from articles.models import Article, ClinicPolicy
from articles.rendering.policies import BUILT_IN, PLACEHOLDER

MAX_CHARS = 1000
PUBLISH = "articles.publish_article"


class ClinicPolicyForm(forms.ModelForm):
    class Meta:
        model = ClinicPolicy
        fields = ("clinic_text",)
        widgets = {"clinic_text": forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"})}

    def clean_clinic_text(self):
        text = (self.cleaned_data.get("clinic_text") or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_CHARS:
            raise forms.ValidationError(f"Keep it under {MAX_CHARS} characters; it is {len(text)}.")
        if any(line.lstrip().startswith(("#", "!!!", "```", "<")) for line in text.splitlines()):
            raise forms.ValidationError("Write plain sentences or a list: no headings, boxes, code or HTML.")
        others = sorted({name for name in PLACEHOLDER.findall(text) if name not in BUILT_IN})
        if others:
            raise forms.ValidationError(
                f"Only these names can be used here: {', '.join('{{ ' + n + ' }}' for n in BUILT_IN)}. Not: {', '.join(others)}."
            )
        return "\n".join(" ".join(line.split()) for line in text.splitlines())


@admin.register(ClinicPolicy)
class ClinicPolicyAdmin(RefusedWhileLoading, SimpleHistoryAdmin):
    form = ClinicPolicyForm
    list_display = ("title", "placeholder", "wording")
    readonly_fields = ("placeholder", "title", "default_text", "source", "used_on")
    fields = ("title", "placeholder", "default_text", "source", "clinic_text", "used_on")

    @admin.display(description="In an article")
    def placeholder(self, obj):
        return "{{ " + obj.name + " }}"

    @admin.display(description="Shown to patients")
    def wording(self, obj):
        return "Your clinic's" if obj.clinic_text.strip() else "The default"

    @admin.display(description="Pages that use it")
    def used_on(self, obj):
        # The placeholder itself, not the name anywhere (a link to /articles/blood-thinners-… is not a use).
        placeholder = r"\{\{\s*" + re.escape(obj.name) + r"\s*\}\}"
        pages = Article.objects.filter(body__regex=placeholder).order_by("title").only("title", "slug")
        return format_html_join(", ", "{}", ((a.title,) for a in pages)) or "None yet"

    def has_add_permission(self, request):
        return False  # defined in content/policies.yaml

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm(PUBLISH)

    def has_module_permission(self, request):
        return self.has_view_permission(request)
