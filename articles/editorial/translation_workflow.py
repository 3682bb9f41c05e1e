"""A live translation's changes go through clinical review, as an English article's do.

An editor's save of a live translation is kept as a pending TranslationRevision beside it:
patients keep reading the live translation until a clinical reviewer approves the change (the
live translation takes the proposed text) or sends it back with a comment. One open proposal
a translation, the newest replacing the one before. The rest is English's: who may publish,
the states, the locking and the refusals are workflow.py's; the reading-ease minimum is
rules.reading_ease; what counts as the translation's text is translation/freshness.py's.
"""

from django.db import transaction
from django.utils import timezone

from articles import rules
from articles.editorial import workflow
from articles.models import ArticleTranslation, TranslationRevision
from articles.translation import freshness, rendering

LIVE = rules.PUBLISHED  # a live translation's status: the publication rule's own value
# What an editor proposes: the translation's own text, the fields its English hash covers.
TEXT_FIELDS = freshness.TRANSLATED_FIELDS


def gate(user, stored):
    """What a save by `user` may do: "save" (it goes through) or "propose" (the stored
    translation stays as it is and the edit waits for review). `stored` is the translation as
    it is in the database."""
    if workflow.can_publish(user) or stored is None or stored.status != LIVE:
        return "save"
    return "propose"


def text_of(translation):
    """A translation's proposable values, as JSON."""
    return {name: getattr(translation, name) for name in TEXT_FIELDS}


def open_proposal(translation):
    return translation.revisions.filter(state=TranslationRevision.State.PENDING).first() if translation.pk else None


def sent_back(translation):
    """The newest proposal if a reviewer asked for changes to it and nothing came after."""
    newest = translation.revisions.first() if translation.pk else None
    return newest if newest is not None and newest.state == TranslationRevision.State.CHANGES_REQUESTED else None


def propose(translation, content, user, english_hash=""):
    """Put `content` (text_of() values) to clinical review beside the live `translation`.

    english_hash: the English text the editor says this version matches, or blank."""
    with transaction.atomic():
        translation.revisions.filter(state=TranslationRevision.State.PENDING).update(state=TranslationRevision.State.WITHDRAWN)
        return TranslationRevision.objects.create(
            translation=translation,
            content=content,
            proposed_by=user.get_username(),
            english_hash=english_hash,
            base_hash=translation.text_hash(),
        )


def too_hard(translation):
    """Why `translation` (its text as it would go live) may not go live, or "": measured as
    its page would be, against its language's minimum (rules.reading_ease)."""
    rendering.apply(translation)
    ease = rules.reading_ease(translation.language, translation.reading_ease)
    if not ease.too_hard:
        return ""
    return (
        f"Too hard to read to publish: {ease}, and the minimum is {ease.minimum:g} "
        "(“bastante fácil”). Use shorter sentences and everyday words."
    )


def proposed(proposal, translation=None):
    """The translation as it would be with `proposal` approved: rendered, never saved."""
    translation = translation or ArticleTranslation.objects.select_related("article").get(pk=proposal.translation_id)
    for name, value in proposal.content.items():
        setattr(translation, name, value)
    rendering.apply(translation)
    return translation


def approve(
    proposal,
    reviewer=None,
    decided_by="",
    matches_english=False,
    english_hash="",
    expected_hash=None,
    today=None,
    kind="",
    note="",
):
    """Put an approved change in front of patients, with the review recorded.

    kind, note: a clinical change shows `note` (written in the translation's language) under
    "What changed" on the translated page; a minor one (the default) tells patients nothing.

    matches_english: the reviewer ticked "now says what the English page says today"; the
    translation then records `english_hash` (the English text the reviewer saw), else the
    English text as it is now. Without the tick the translation keeps the English hash it
    had: a change to the Spanish alone does not make it current with newer English."""
    today = today or timezone.localdate()
    with transaction.atomic():
        proposal = workflow.locked_pending(TranslationRevision, proposal.pk, expected_hash)
        workflow.tell_patients(proposal, kind, note, TranslationRevision.Kind.MINOR)
        # Only the translation's row is locked: the English article is read, not written.
        translation = (
            ArticleTranslation.objects.select_for_update(of=("self",)).select_related("article").get(pk=proposal.translation_id)
        )
        if reviewer is None:
            reviewer = workflow.reviewer_named(decided_by)
        before = translation.text_hash()
        for name, value in proposal.content.items():
            setattr(translation, name, value)
        refusal = too_hard(translation)
        if refusal:
            raise workflow.Refused(refusal)
        if translation.text_hash() != before:
            translation.updated = today
        if matches_english:
            translation.source_hash = english_hash or freshness.source_hash(translation.article)
        translation.record_review(reviewer, today)
        translation.save()
        proposal.state = TranslationRevision.State.APPROVED
        proposal.decided_by = decided_by or str(reviewer)
        proposal.reviewer = reviewer
        proposal.decided_at = timezone.now()
        proposal.link_nonce = ""  # an approval link is spent
        proposal.save()
        return translation


def decide(proposal, data, decided_by, reviewer=None, english_hash="", expected_hash=None):
    """Approve, or send back, from a decision form's fields (the admin's review page or the
    approval link): one reading of them, as workflow.decide for English. english_hash: the
    English text the clinician had in front of them, for the "now says what the English page
    says today" tick."""
    if data.get("action") == "approve":
        return approve(
            proposal,
            reviewer=reviewer,
            decided_by=decided_by[:300],
            matches_english=bool(data.get("matches_english")),
            english_hash=english_hash,
            expected_hash=expected_hash,
            kind=data.get("kind", ""),
            note=data.get("note", ""),
        )
    return request_changes(proposal, decided_by[:300], data.get("comment", ""))


def request_changes(proposal, decided_by, comment):
    """Send a proposal back with a comment; the live translation stays as it is."""
    with transaction.atomic():
        proposal = workflow.locked_pending(TranslationRevision, proposal.pk)
        workflow.send_back(proposal, decided_by, comment)
        proposal.link_nonce = ""
        proposal.save()
        return proposal
