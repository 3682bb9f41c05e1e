"""The article change form's rules: no lost edits, reviewers-only fields, the publish gate."""

import re

from django import forms
from django.conf import settings

from .models import Article, Image, render_markdown
from .readability import measure
from .validation import PLACEHOLDER_ALT

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
            if self.instance.status == Article.Status.PUBLISHED:
                allowed.add(Article.Status.PUBLISHED)  # may keep it published, not newly publish
            self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] in allowed]

    def clean_body(self):
        # Browsers send a textarea's lines ending in CR LF; the library's files end them in LF,
        # and an exported article must not differ on every line from the one loaded.
        body = (self.cleaned_data.get("body") or "").replace("\r\n", "\n")
        library = {str(i.pk): i.alt_text for i in Image.objects.filter(pk__in=re.findall(r"\]\(image:(\d+)\)", body))}
        for alt, ref in re.findall(r"!\[([^\]]*)\]\((?:image:(\d+))?", body):
            alt = alt.strip() or library.get(ref, "").strip()
            if not alt or alt == PLACEHOLDER_ALT:
                raise forms.ValidationError(
                    "Every image needs alt text: between the [ ] before the image address, describe what the "
                    "picture shows for someone who cannot see it."
                )
        return body

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            current = Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current is not None and data.get("opened_version") != current:
                raise forms.ValidationError(CHANGED_MESSAGE, code="stale")
        publishing = data.get("status") == Article.Status.PUBLISHED
        if (
            publishing
            and self.user is not None
            and not self.user.has_perm("articles.publish_article")
            and self.instance.status != Article.Status.PUBLISHED
        ):
            self.add_error("status", "Only clinical reviewers can publish. Choose 'Waiting for review'.")
        if publishing and data.get("body"):
            rendered = render_markdown(data["body"], glossary=False)
            figures = measure(rendered.prose, rendered.text)
            # SMOG needs sentences to count; on a few lines Flesch-Kincaid is the steadier measure.
            name, grade = ("SMOG", figures.smog) if figures.sentences >= 10 else ("Flesch-Kincaid", figures.flesch_kincaid)
            if grade > settings.PUBLISH_MAX_GRADE:
                if not data.get("publish_anyway") or not (data.get("publish_reason") or "").strip():
                    self.add_error(
                        "publish_anyway",
                        (
                            f"The reading grade is {name} {grade}, above the limit of {settings.PUBLISH_MAX_GRADE:g}. "
                            "Make the text plainer, or tick 'Publish anyway' and give the reason."
                        ),
                    )
                else:
                    self.grade_override = (data["publish_reason"].strip(), f"{name} {grade}")
        return data
