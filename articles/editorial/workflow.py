"""Draft → Waiting for clinical review → Published (or Scheduled): who may do what.

Only a user with the publish permission (clinical reviewers, administrators) makes an
article live, changes when it goes live, or overrides the reading-grade gate. Everyone
else's edit to a live article becomes a pending Revision beside it: patients keep the
reviewed version until a reviewer approves the new one, so the page's "reviewed" claim
always refers to the text on the page. Every path (add, change, History revert, the
approval link) goes through `gate()` or `approve()`.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Reviewer, Revision

PUBLISH = "articles.publish_article"


def can_publish(user):
    return user is not None and user.has_perm(PUBLISH)


def is_live_or_scheduled(article):
    return article.status == Article.Status.PUBLISHED


def open_revision(article):
    return article.revisions.filter(state=Revision.State.PENDING).first() if article.pk else None


def propose(article, content, user, new_article=False):
    """Put `content` (Article.proposal() values) to clinical review; one open revision an
    article, the newest replacing the one before."""
    with transaction.atomic():
        article.revisions.filter(state=Revision.State.PENDING).update(state=Revision.State.WITHDRAWN)
        return Revision.objects.create(article=article, content=content, proposed_by=user.get_username(), new_article=new_article)


# Fields only a publisher changes; everyone else's values are taken back from the stored row.
# (Status too, where it would be "published": an editor moves a draft to review and back.)
PUBLISHER_FIELDS = (
    "published_at",
    "reviewed",
    "reviewer",
    "review_due",
    "reviewed_hash",
    "grade_override_reason",
    "grade_override_by",
)


def gate(user, article, stored):
    """Decide what a save by `user` may do. `article` is the edited, unsaved instance;
    `stored` the row as it is (None for a new article).

    Returns "save" (save it as it is, after any correction made here) or "propose" (keep the
    stored row; the edit becomes a pending revision)."""
    if can_publish(user):
        return "save"
    if stored is not None and is_live_or_scheduled(stored):
        return "propose"
    # Not live: an editor may edit it and send it for review, never publish it.
    if article.status == Article.Status.PUBLISHED:
        article.status = stored.status if stored is not None else Article.Status.DRAFT
    for name in PUBLISHER_FIELDS:
        if stored is not None:
            setattr(article, name, getattr(stored, name))
        elif name == "published_at":
            article.published_at = timezone.now()
        elif name in ("reviewed", "reviewer", "review_due"):
            setattr(article, name, None)
        else:
            setattr(article, name, "")
    return "save"


def send_for_review(article, user):
    """A draft becomes 'Waiting for review' with its text as the version to approve."""
    if article.status != Article.Status.REVIEW:
        Article.objects.filter(pk=article.pk).update(status=Article.Status.REVIEW)
        article.status = Article.Status.REVIEW
    return propose(article, article.proposal(), user, new_article=True)


class Refused(Exception):
    """The approval cannot be recorded; the message says why, in plain words."""


def locked_pending(model, pk, expected_hash=None):
    """The proposal (a Revision, a TranslationRevision) locked for the rest of the caller's
    transaction, if it is still waiting for review and is the text the decision was made on.

    expected_hash: the text the clinician saw (the approval link or the review page carries
    it); if the proposal changed since, nothing is decided."""
    proposal = model.objects.select_for_update().get(pk=pk)
    if proposal.state != model.State.PENDING:
        raise Refused("This version has already been decided, or a newer one replaced it.")
    if expected_hash is not None and expected_hash != model.hash_of(proposal.content):
        raise Refused("The text changed after this link was made. Ask the editor for a new link.")
    return proposal


def send_back(proposal, decided_by, comment):
    """Record a request for changes on a locked, pending proposal; the caller saves it."""
    if not comment.strip():
        raise Refused("Say what should change, so the editor knows what to do.")
    proposal.state = proposal.State.CHANGES_REQUESTED
    proposal.decided_by, proposal.comment = decided_by, comment.strip()
    proposal.decided_at = timezone.now()


def tell_patients(proposal, kind, note, default):
    """Record on a locked, pending proposal what patients are told of its approval: a
    clinical change shows its one-line note under "What changed" on the page (in the page's
    language); a minor one nothing. The caller saves it."""
    if kind and kind not in proposal.Kind.values:  # a forged form: not a database error
        raise Refused("Say whether the change is minor or clinical.")
    if kind == proposal.Kind.CLINICAL and not note.strip():
        raise Refused("A clinical change needs a one-line note for patients.")
    proposal.change_kind = kind or default
    proposal.change_note = note.strip()[:200]


def approve(revision, decided_by="", reviewer=None, kind="", note="", user=None, expected_hash=None, today=None):
    """Record a clinician's approval and put the approved version in front of patients.

    expected_hash: the text the clinician saw (the approval link carries it); if the
    revision changed since, nothing is approved."""
    today = today or timezone.localdate()
    with transaction.atomic():
        revision = locked_pending(Revision, revision.pk, expected_hash)
        tell_patients(revision, kind, note, Revision.Kind.CLINICAL if revision.new_article else Revision.Kind.MINOR)
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        if reviewer is None:
            reviewer = reviewer_named(decided_by)
        for name, value in revision.content.items():
            setattr(article, name, value)
        if article.proposal() != Article.objects.get(pk=article.pk).proposal():
            article.updated = today
        if article.status != Article.Status.PUBLISHED:
            article.status = Article.Status.PUBLISHED
            article.published_at = max(article.published_at or timezone.now(), timezone.now())
        article.record_review(reviewer, today)
        article.version = (article.version or 0) + 1
        article.save()
        revision.state = Revision.State.APPROVED
        revision.decided_by = decided_by or str(reviewer)
        revision.reviewer = reviewer
        revision.decided_at = timezone.now()
        revision.link_nonce = ""
        revision.save()
        return article


def request_changes(revision, decided_by, comment):
    with transaction.atomic():
        revision = locked_pending(Revision, revision.pk)
        send_back(revision, decided_by, comment)
        revision.link_nonce = ""
        revision.save()
        if revision.new_article:
            Article.objects.filter(pk=revision.article_id, status=Article.Status.REVIEW).update(status=Article.Status.DRAFT)
        return revision


def decide(revision, data, decided_by, reviewer=None, expected_hash=None):
    """Approve, or send back, from a decision form's fields (the admin's review page or the
    approval link): one reading of them, cut to their columns' lengths."""
    if data.get("action") == "approve":
        return approve(
            revision,
            decided_by=decided_by[:300],
            reviewer=reviewer,
            kind=data.get("kind", ""),
            note=data.get("note", "")[:200],
            expected_hash=expected_hash,
        )
    return request_changes(revision, decided_by[:300], data.get("comment", ""))


def reviewer_chosen(value):
    """The Reviewer a decision form's list names, or None (nothing chosen, or not an id)."""
    return Reviewer.objects.filter(pk=int(value)).first() if str(value or "").isdigit() else None


def reviewer_named(decided_by):
    """The Reviewer for a name typed on the approval page ("Ana Ruiz, MD"), made once."""
    name, _, credentials = (decided_by or "").partition(",")
    if not name.strip():
        raise Refused("Type your name and credentials, as patients should see them.")
    reviewer, _ = Reviewer.objects.get_or_create(name=name.strip()[:200], defaults={"credentials": credentials.strip()[:100]})
    return reviewer


def review_due_soon(day_offsets=(30, 7, 0), today=None):
    """Articles whose review falls exactly 30, 7 or 0 days from today: the reminder days."""
    today = today or timezone.localdate()
    days = [today + datetime.timedelta(days=n) for n in day_offsets]
    return Article.objects.filter(review_due__in=days).exclude(status=Article.Status.DRAFT).select_related("reviewer")
