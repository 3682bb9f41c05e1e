"""The clinical review lifecycle: which articles are overdue, due soon, or never reviewed."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from .models import Article


@dataclass
class ReviewQueue:
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    never: list = field(default_factory=list)

    def counts(self):
        return {"overdue": len(self.overdue), "due_soon": len(self.due_soon), "never": len(self.never)}


def soon_limit(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=settings.REVIEW_SOON_DAYS)


def queue(today=None):
    today = today or timezone.localdate()
    result = ReviewQueue()
    articles = Article.objects.exclude(status=Article.Status.DRAFT).select_related("reviewer").order_by("review_due", "title")
    for article in articles.only("slug", "title", "reviewed", "review_due", "reviewer__name", "status"):
        if not article.reviewed:
            result.never.append(article)
        elif article.review_due and article.review_due < today:
            result.overdue.append(article)
        elif article.review_due and article.review_due <= soon_limit(today):
            result.due_soon.append(article)
    return result
