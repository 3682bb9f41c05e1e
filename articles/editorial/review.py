"""The clinical review lifecycle: which articles are overdue, due soon, or never reviewed.

The buckets are rules.review_q, read through ArticleQuerySet, so the dashboard's counts,
the admin list they link to and review_report always agree.
"""

from django.utils import timezone

from articles import rules
from articles.models import Article


def bucket(name, today=None):
    today = today or timezone.localdate()
    return Article.objects.in_review_bucket(name, today).select_related("reviewer")


def counts(today=None):
    return {name: bucket(name, today).count() for name in rules.REVIEW_BUCKETS}


def rows(today=None):
    """[(bucket, label, count)] for the dashboard."""
    labels = rules.review_labels()
    return [(name, labels[name], count) for name, count in counts(today).items()]
