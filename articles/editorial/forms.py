"""The article change form's rules: no lost edits, reviewers-only fields, the publish gate,
and the article format's checks (the loader's, with the loader's messages). The facts, the
other names and the sources are typed into structured fields (widgets.py), never as JSON."""

import re

from django import forms
from django.conf import settings
from django.db import DatabaseError, transaction

from articles import rules
from articles.editorial import widgets
from articles.library import schema
from articles.models import Article, ClinicPolicy, Image
from articles.models.site import LibraryLoad
from articles.rendering import policies as policy_names
from articles.rendering import site as rendering

CHANGED_MESSAGE = (
    "This article changed since you opened it (someone else saved it). Your text is still "
    "below: copy what you need, open the article again, and add your changes to the new version."
)


class ArticleAdminForm(forms.ModelForm):
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    publish_anyway = forms.BooleanField(
        required=False,
        label="Publish anyway",
        help_text=f"Needed to publish when the reading grade is above {settings.PUBLISH_MAX_GRADE:g}.",
    )
    publish_reason = forms.CharField(
        required=False, label="Why publish above the grade limit?", widget=forms.Textarea(attrs={"rows": 2})
    )
    # Not required here: a missing value gets the format's own message (_check_format).
    also_called = widgets.NamesField(required=False, label="Also called")
    at_a_glance = widgets.FactsField(required=False, label="At a glance")
    sources = widgets.SourcesField(required=False, label="Sources")
    codes = widgets.CodesField(required=False, label="Codes")

    class Meta:
        model = Article
        # The admin replaces this with the fields of ArticleAdmin.fieldsets.
        fields = "__all__"  # noqa: DJ007

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["opened_version"].initial = self.instance.version if self.instance.pk else 1
        if "status" in self.fields and user is not None and not user.has_perm("articles.publish_article"):
            allowed = {Article.Status.DRAFT, Article.Status.REVIEW}
            if self.instance.pk and self.instance.status == Article.Status.PUBLISHED:
                allowed.add(Article.Status.PUBLISHED)  # may keep it published, not newly publish
            self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] in allowed]

    def clean_body(self):
        # Browsers send a textarea's lines ending in CR LF; the library's files end them in LF,
        # and an exported article must not differ on every line from the one loaded.
        body = (self.cleaned_data.get("body") or "").replace("\r\n", "\n")
        library = {str(i.pk): i.alt_text for i in Image.objects.filter(pk__in=re.findall(r"\]\(image:(\d+)\)", body))}
        for alt, ref in re.findall(r"!\[([^\]]*)\]\((?:image:(\d+))?", body):
            if rules.alt_text_missing(alt.strip() or library.get(ref, "")):
                raise forms.ValidationError(rules.ALT_TEXT_MESSAGE[0].upper() + rules.ALT_TEXT_MESSAGE[1:] + ".")
        unknown = policy_names.unknown(body, ClinicPolicy.objects.values_list("name", flat=True))
        if unknown:
            offset, message = unknown[0]
            raise forms.ValidationError(f"Line {offset + 1}: {message[0].upper()}{message[1:]}.")
        return body

    def _as_stored(self, name, value):
        """An unchanged value as it is stored, so saving an unchanged form changes nothing (a
        fact's or a source's keys keep their order; an edited value keeps the order it had)."""
        stored = self.get_initial_for_field(self.fields[name], name)
        if value == stored:
            return stored
        if isinstance(value, dict) and isinstance(stored, dict):
            return {**{key: value[key] for key in stored if key in value}, **value}
        if isinstance(value, list) and isinstance(stored, list):
            return [next((old for old in stored if old == new), new) for new in value]
        return value

    def clean_also_called(self):
        return self._as_stored("also_called", self.cleaned_data["also_called"])

    def clean_codes(self):
        # As the loader stores them: normalised (m5416 is M54.16), no repeats, empty systems left out.
        return self._as_stored("codes", schema.BY_NAME["codes"].to_model(self.cleaned_data["codes"]))

    def clean_at_a_glance(self):
        return self._as_stored("at_a_glance", self.cleaned_data["at_a_glance"])

    def clean_sources(self):
        return self._as_stored("sources", self.cleaned_data["sources"])

    def _check_format(self, data):
        """The loader's checks on the same values, so the admin accepts no shape a file may not have."""
        meta = {name: value for name, value in data.items() if name in schema.NAMES and value not in (None, "")}
        meta.pop("related", None)
        meta.pop("reviewer", None)
        for key in ("updated", "reviewed", "review_due"):
            if key in meta:
                meta[key] = meta[key].isoformat()

        # A field that refused what was typed has said why: no "missing" message about it too.
        refused = [name for name in schema.NAMES if name in self.errors and name not in data]

        def problem(name, message):
            if not any(name == other or f"'{other}'" in message for other in refused):
                self.add_error(name if name in self.fields else None, message[0].upper() + message[1:] + ".")

        schema.check(meta, problem)

    def _locked_version(self):
        """The stored version, its row locked for the rest of the admin's transaction: on
        PostgreSQL the loader (library/sync.py) then waits for this save and reports it as a
        conflict, or, if the loader holds the row, this save is refused at once (F18)."""
        try:
            with transaction.atomic():
                rows = Article.objects.select_for_update(nowait=True, no_key=True).filter(pk=self.instance.pk)
                return rows.values_list("version", flat=True).first()
        except DatabaseError:
            raise forms.ValidationError(LibraryLoad.LOADING_MESSAGE, code="loading") from None

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            current = self._locked_version()
            if current is not None and data.get("opened_version") != current:
                raise forms.ValidationError(CHANGED_MESSAGE, code="stale")
        self._check_format(data)
        publishing = data.get("status") == Article.Status.PUBLISHED
        if (
            publishing
            and self.user is not None
            and not self.user.has_perm("articles.publish_article")
            and self.instance.status != Article.Status.PUBLISHED
        ):
            self.add_error("status", "Only clinical reviewers can publish. Choose 'Waiting for review'.")
        if publishing and data.get("body"):
            rendered = rendering.render(data["body"], glossary=False)
            grade = rules.reading_grade(rendering.readability(rendered, data.get("at_a_glance")))
            if grade.too_hard:
                if not data.get("publish_anyway") or not (data.get("publish_reason") or "").strip():
                    self.add_error(
                        "publish_anyway",
                        (
                            f"The reading grade is {grade}, above the limit of {grade.limit:g}. "
                            "Make the text plainer, or tick 'Publish anyway' and give the reason."
                        ),
                    )
                else:
                    self.grade_override = (data["publish_reason"].strip(), str(grade))
        return data
