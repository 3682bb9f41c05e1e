"""The editorial workflow's records: a version of an article or a translation waiting for a
clinician, and what the clinician decided."""

import hashlib
import json

from django.db import models


class Proposal(models.Model):
    """A version of a text put to clinical review, and what the clinician decided: the states,
    the hash of the proposed values and the decision's record, the same for every kind of
    text (an article's Revision, a translation's TranslationRevision)."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for clinical review"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes", "Changes requested"
        WITHDRAWN = "withdrawn", "Replaced or withdrawn"

    # The proposed values, as JSON; each kind of text says which fields.
    content = models.JSONField()
    text_hash = models.CharField(max_length=64, editable=False)
    proposed_by = models.CharField(max_length=150)
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    decided_by = models.CharField(max_length=300, blank=True, help_text="Name and credentials, as the clinician gave them.")
    reviewer = models.ForeignKey("articles.Reviewer", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="What to change, when changes were requested.")

    class Kind(models.TextChoices):
        MINOR = "minor", "Minor (a typo, wording; patients are not told)"
        CLINICAL = "clinical", "Clinical (patients see a one-line note)"

    # What the approving clinician told patients ("What changed" on the page): set on approval.
    change_kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    change_note = models.CharField(max_length=200, blank=True, help_text="One plain line for patients: what changed.")
    # One approval per link (editorial/signoff.py): the link's nonce is spent when it is used.
    link_nonce = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.text_hash = self.hash_of(self.content)
        super().save(*args, **kwargs)

    @classmethod
    def told_patients(cls, owner, **filters):
        """{owner id: [(day, note)]}, newest first: the approved clinical changes patients see
        under "What changed" (owner: "article_id" or "translation_id")."""
        approved = cls.objects.filter(state=cls.State.APPROVED, change_kind=cls.Kind.CLINICAL, **filters)
        found: dict[int, list] = {}
        rows = approved.exclude(change_note="").order_by("-decided_at").values_list(owner, "decided_at", "change_note")
        for owner_id, day, note in rows:
            found.setdefault(owner_id, []).append((day, note))
        return found

    @staticmethod
    def hash_of(content):
        return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


class Revision(Proposal):
    """One version of an article put to clinical review: a new article sent for review, or a
    change to a live article (patients keep the live version until a reviewer approves)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="revisions")
    # content: the proposed values of the article format's fields (library/schema.py), body included.
    new_article = models.BooleanField(default=False, help_text="Sent for review before it was ever published.")

    class Meta:
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["article", "state"])]

    def __str__(self):
        return f"{self.article} ({self.get_state_display().lower()}, {self.proposed_at:%Y-%m-%d})"


class TranslationRevision(Proposal):
    """An editor's change to a live translation, kept beside it: patients keep reading the
    live translation until a clinical reviewer approves the change
    (editorial/translation_workflow.py)."""

    translation = models.ForeignKey("articles.ArticleTranslation", on_delete=models.CASCADE, related_name="revisions")
    # content: the translation's own text (translation/freshness.TRANSLATED_FIELDS).
    # The hash of the English text the editor said this version matches ("now says what the
    # English page says today"), or blank. Only the reviewer's tick records it on the
    # translation; the editor's tick is what the review page starts from.
    english_hash = models.CharField(max_length=64, blank=True)
    # The live translation's text when the change was proposed: whether it changed since.
    base_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["translation", "state"])]

    def __str__(self):
        return f"{self.translation} ({self.get_state_display().lower()}, {self.proposed_at:%Y-%m-%d})"


class RenderJob(models.Model):
    """Rendering stored articles again after a glossary or clinic change too large to do
    inside the request; staff see its progress. Pages are never stale meanwhile: an
    article rendered with an older glossary is rendered afresh when it is read."""

    reason = models.CharField(max_length=200)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        state = f"finished {self.finished_at:%Y-%m-%d %H:%M}" if self.finished_at else f"{self.done} of {self.total} done"
        return f"{self.reason}: {state}"
