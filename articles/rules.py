"""The site's editorial and publication rules, each written once.

Every place that applies one of these rules imports it from here: the ORM querysets, the
hand-written SQL, the admin, the editor's live panel, the loader and `check_content`.
docs/architecture.md lists who uses which. Nothing here touches the database or a request.
"""

import datetime
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

# --- Publication --------------------------------------------------------------------------
# An article is live when its status is "published" and its publication time has come (a
# scheduled article goes live at its time without a job). The rule is data, and the ORM
# filter, the SQL fragment and the Python check are all made from it.

PUBLISHED = "published"
_NOW = object()  # stands for "the time of the request"
# (field, Python comparison, SQL operator, ORM lookup, value)
_PUBLICATION: tuple[tuple[str, Callable[[Any, Any], bool], str, str, object], ...] = (
    ("status", operator.eq, "=", "exact", PUBLISHED),
    ("published_at", operator.le, "<=", "lte", _NOW),
)
# The fields the rule reads, for loading an article to check it (is_published).
PUBLICATION_FIELDS = tuple(field for field, *_ in _PUBLICATION)


def _value(value: object, now: datetime.datetime) -> object:
    return now if value is _NOW else value


def published_q(prefix: str = "", now: datetime.datetime | None = None) -> Q:
    """The rule as an ORM filter; prefix reaches articles through a relation ("articles__")."""
    now = now or timezone.now()
    return Q(**{f"{prefix}{field}__{lookup}": _value(value, now) for field, _, _, lookup, value in _PUBLICATION})


def published_sql(alias: str, now: datetime.datetime | None = None) -> tuple[str, list[object]]:
    """The rule as a SQL condition on the articles table aliased `alias`, and its parameters."""
    now = now or timezone.now()
    sql = " AND ".join(f"{alias}.{field} {op} %s" for field, _, op, _, _ in _PUBLICATION)
    return sql, [_value(value, now) for *_, value in _PUBLICATION]


def is_published(article: object, now: datetime.datetime | None = None) -> bool:
    """The rule for one article already in memory."""
    now = now or timezone.now()
    return all(compare(getattr(article, field), _value(value, now)) for field, compare, _, _, value in _PUBLICATION)


# --- Reading grade ------------------------------------------------------------------------
# docs/content-style.md ("How the reading grade is measured") explains the measure.

# SMOG counts long words per sentence; on a handful of sentences one long word swings it,
# and Flesch-Kincaid is the steadier measure there.
SMOG_MIN_SENTENCES = 10


@dataclass(frozen=True)
class Grade:
    measure: str  # "SMOG" or "Flesch-Kincaid"
    value: float
    limit: float

    @property
    def too_hard(self) -> bool:
        return self.value > self.limit

    def __str__(self) -> str:
        return f"{self.measure} {self.value}"


def reading_grade(figures: Any) -> Grade:
    """The grade the publish gate, the editor's panel and check_content all use.

    figures: a rendering.readability.Readability.
    """
    limit = float(settings.PUBLISH_MAX_GRADE)
    if figures.sentences >= SMOG_MIN_SENTENCES:
        return Grade("SMOG", figures.smog, limit)
    return Grade("Flesch-Kincaid", figures.flesch_kincaid, limit)


# Other languages are gated by a formula normed on their own texts (SMOG is normed on
# English): Spanish by Szigriszt-Pazos perspicuity read on the INFLESZ scale (Barrio-Cantalejo
# et al. 2008), where 65 and above is "bastante fácil". Higher is easier.
READING_EASE_MIN = {"es": 65.0}
READING_EASE_NAME = {"es": "Szigriszt-Pazos (INFLESZ)"}


@dataclass(frozen=True)
class Ease:
    measure: str
    value: float
    minimum: float

    @property
    def too_hard(self) -> bool:
        return self.value < self.minimum

    def __str__(self) -> str:
        return f"{self.measure} {self.value}"


def reading_ease(language: str, value: float) -> Ease:
    """The gate for a translation: the publish gate, the editor's panel and check_content."""
    return Ease(READING_EASE_NAME[language], value, READING_EASE_MIN[language])


# --- Clinical review windows --------------------------------------------------------------
# Drafts are not in front of patients, so their review is never "due". An article that
# was never reviewed is "never reviewed", whatever its due date says.

REVIEW_BUCKETS = ("overdue", "due_soon", "never")


def review_soon_until(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=settings.REVIEW_SOON_DAYS)


def review_labels() -> dict[str, str]:
    return {
        "overdue": "Review overdue",
        "due_soon": f"Review due within {settings.REVIEW_SOON_DAYS} days",
        "never": "Never reviewed",
    }


def review_q(bucket: str, today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    not_draft = ~Q(status="draft")
    if bucket == "never":
        return not_draft & Q(reviewed__isnull=True)
    if bucket == "overdue":
        return not_draft & Q(reviewed__isnull=False, review_due__lt=today)
    if bucket == "due_soon":
        return not_draft & Q(reviewed__isnull=False, review_due__gte=today, review_due__lte=review_soon_until(today))
    raise ValueError(f"unknown review bucket {bucket!r}")


# --- Sections -----------------------------------------------------------------------------
# What a section answers, told from its h2 heading. The same table serves the procedure
# template check, the handout and the structured data.

SECTIONS: dict[str, re.Pattern[str]] = {
    "risks": re.compile(r"\brisks?\b", re.I),
    "other options": re.compile(r"\bother options\b|\balternatives\b", re.I),
    "how to prepare": re.compile(r"prepar", re.I),
    "when to get help": re.compile(r"get help|when to call", re.I),
    "recovery": re.compile(r"recovery|after", re.I),
    "on the day": re.compile(r"on the day", re.I),
    "questions": re.compile(r"questions", re.I),
}
REQUIRED_SECTIONS = {"procedure": ("risks", "other options", "how to prepare", "when to get help")}


def answers(heading: str, section: str) -> bool:
    return bool(SECTIONS[section].search(heading))


def missing_sections(kind: str, headings: Iterable[str]) -> list[str]:
    headings = list(headings)
    return [name for name in REQUIRED_SECTIONS.get(kind, ()) if not any(answers(h, name) for h in headings)]


def section_text(sections: Sequence[Sequence[str]], section: str) -> str:
    """The text under the first h2 that answers `section`, from an article's [[h2, text]]."""
    return next((text for heading, text in sections if answers(heading, section)), "")


# --- Images -------------------------------------------------------------------------------

# What an uploaded image's Markdown says until an editor describes the picture.
PLACEHOLDER_ALT = "Describe this image for someone who cannot see it"
ALT_TEXT_MESSAGE = (
    "an image needs alt text: between the [ ] before the image address, describe what the picture shows "
    "for someone who cannot see it"
)


def alt_text_missing(alt: str | None) -> bool:
    alt = (alt or "").strip()
    return not alt or alt == PLACEHOLDER_ALT
