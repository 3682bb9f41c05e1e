"""The clinical review lifecycle: which articles are overdue, due soon, or never reviewed;
and the admin's front page, where each user sees their own work.

The buckets are rules.review_q, read through ArticleQuerySet, so the dashboard's counts,
the admin list they link to and review_report always agree.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from articles import rules
from articles.editorial import workflow
from articles.models import Article, ArticleTranslation, Revision, TranslationRevision

# At most this many articles a list on the front page; the rest are in the article list.
SHOWN = 20


def bucket(name, today=None):
    today = today or timezone.localdate()
    return Article.objects.in_review_bucket(name, today).select_related("reviewer")


def counts(today=None):
    """{bucket: count}, in one query."""
    today = today or timezone.localdate()
    return Article.objects.aggregate(**{name: Count("pk", filter=rules.review_q(name, today)) for name in rules.REVIEW_BUCKETS})


def rows(today=None):
    """[(bucket, label, count)] for the dashboard."""
    labels = rules.review_labels()
    return [(name, labels[name], count) for name, count in counts(today).items()]


# --- The front page: each user's own work --------------------------------------------------


def _last_changed_by():
    """The user who saved the article last (simple_history's history_user on its newest record)."""
    history = Article.history.model
    newest = history.objects.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    return Subquery(newest.values("history_user_id")[:1])


def _pending(**filters):
    return Revision.objects.filter(article=OuterRef("pk"), state=Revision.State.PENDING, **filters).order_by("-proposed_at")


@dataclass
class Listing:
    """Up to SHOWN articles for one box of the front page, and whether there are more."""

    items: list = field(default_factory=list)
    more: bool = False

    def __bool__(self):
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)


def _listed(queryset, *order):
    """Only what a line on the front page shows, in one query."""
    found = list(
        queryset.annotate(
            pending_since=Subquery(_pending().values("proposed_at")[:1]),
            pending_by=Subquery(_pending().values("proposed_by")[:1]),
            pending_new=Subquery(_pending().values("new_article")[:1]),
        )
        .only("pk", "title", "status", "modified_at")
        .order_by(*order, "title")[: SHOWN + 1]  # one more, to tell there are more
    )
    return Listing(found[:SHOWN], more=len(found) > SHOWN)


def _pending_translation(**filters):
    pending = TranslationRevision.State.PENDING
    return TranslationRevision.objects.filter(translation=OuterRef("pk"), state=pending, **filters).order_by("-proposed_at")


def _translations(queryset):
    """Translations for a box of the front page, longest waiting first, in one query: a
    change to a live translation (pending_since) or a new one waiting to be published."""
    found = list(
        queryset.annotate(
            pending_since=Subquery(_pending_translation().values("proposed_at")[:1]),
            pending_by=Subquery(_pending_translation().values("proposed_by")[:1]),
        )
        .only("pk", "title", "language", "status")
        .order_by(F("pending_since").asc(nulls_last=True), "title")[: SHOWN + 1]
    )
    return Listing(found[:SHOWN], more=len(found) > SHOWN)


@dataclass
class Work:
    drafts: Listing  # drafts this user saved last
    waiting: Listing  # this user's work waiting for a clinician
    # This user's changes to live translations waiting for a clinician.
    translations_waiting: Listing = field(default_factory=Listing)
    to_review: Listing = field(default_factory=Listing)  # everyone's, for a clinical reviewer
    # Everyone's translation changes, and translations waiting to be published, for a reviewer.
    translations_to_review: Listing = field(default_factory=Listing)
    reviews_due: list = field(default_factory=list)  # rows(), for a clinical reviewer
    reviewer: bool = False


def work_for(user, today=None):
    """What the front page shows `user`: three queries for an editor, six for a clinical
    reviewer (who may publish), none for staff who do not work on articles. A change to a live
    translation waits here as an article's change does, so it is not left unseen."""
    if not user.has_perm("articles.view_article"):
        return None
    mine = Q(last_by=user.pk)
    articles = Article.objects.alias(last_by=_last_changed_by())
    # Most recently changed first; waiting work, longest waiting first.
    waiting_order = F("pending_since").asc(nulls_last=True)
    work = Work(
        drafts=_listed(articles.filter(mine, status=Article.Status.DRAFT), "-modified_at"),
        waiting=_listed(
            articles.filter(Exists(_pending(proposed_by=user.get_username())) | (mine & Q(status=Article.Status.REVIEW))),
            waiting_order,
        ),
        translations_waiting=_translations(
            ArticleTranslation.objects.filter(Exists(_pending_translation(proposed_by=user.get_username())))
        ),
    )
    if workflow.can_publish(user):
        work.reviewer = True
        work.to_review = _listed(Article.objects.filter(Exists(_pending()) | Q(status=Article.Status.REVIEW)), waiting_order)
        work.translations_to_review = _translations(
            ArticleTranslation.objects.filter(Exists(_pending_translation()) | Q(status=Article.Status.REVIEW))
        )
        work.reviews_due = rows(today)
    return work
