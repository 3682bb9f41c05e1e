"""The article format, declared once.

Each front-matter field is one `Field` below: its database column, how a file's value is
checked, how it becomes the model's value and how it is written back. The loader
(validation.py, sync.py), export.py, the admin form and the tests' Hypothesis strategies all
read this list, and the Article model takes its content columns from it (content_columns).
docs/architecture.md shows how to add a field.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard, cast

from django.db import models
from django.utils import timezone

from articles.library.files import shown

MAX_ORDER = 100_000
SUMMARY_MAX = 160
KIND_CHOICES = (("procedure", "Procedure"), ("condition", "Condition"), ("guide", "Guide"), ("faq", "Questions and answers"))
STATUS_CHOICES = (("draft", "Draft"), ("review", "Waiting for review"), ("published", "Published"))
KINDS = tuple(value for value, _ in KIND_CHOICES)
STATUSES = ("published", "review", "draft")
# The at-a-glance facts a procedure gives, with the label a patient sees.
AT_A_GLANCE = {
    "treats": "What it treats",
    "duration": "How long it takes",
    "anesthesia": "Numbing or sedation",
    "imaging": "Imaging guidance",
    "same_day_home": "Home the same day",
    "relief_starts": "When it starts to work",
    "relief_lasts": "How long relief usually lasts",
    "repeatable": "Can it be repeated",
}
# The longest at-a-glance value a patient reads. The library's longest is 114 characters (a
# "treats" fact); 150 leaves room for one more clause and keeps each fact a line or two.
AT_A_GLANCE_MAX = 150
SOURCE_KEYS = ("title", "publisher", "year", "url")

Problem = Callable[[str], None]  # reports one problem with this field


def as_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value.strip())
    raise ValueError(value)


def as_time(value: object) -> datetime.datetime:
    """A publication time: a date (its midnight), or a date and time; in the site's time zone
    unless the value names its own offset."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    elif isinstance(value, str):
        moment = datetime.datetime.fromisoformat(value.strip())
    else:
        raise ValueError(value)
    moment = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    moment.astimezone(datetime.UTC)  # OverflowError (a ValueError to callers) near year 1 or 9999
    return moment


def is_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.strip() != ""


def is_text_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(is_text(v) for v in value)


# --- how each kind of value is checked ------------------------------------------------------


def _check_text(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    if not isinstance(value, str):
        problem(f"'{f.name}' must be text")
    elif f.name == "summary" and len(value.strip()) > SUMMARY_MAX:
        problem(f"summary is {len(value.strip())} characters; the limit is {SUMMARY_MAX}")
    elif f.max_length and len(value) > f.max_length:
        problem(f"'{f.name}' is {len(value)} characters; the limit is {f.max_length}")


def _check_choice(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    if value not in f.choices:
        if f.name == "status":
            problem(f"status must be 'published', 'review' or 'draft', not {shown(value)}")
        else:
            problem(f"{f.name} must be one of {', '.join(f.choices)}, not {shown(value)}")


def _check_order(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ORDER:
        problem(f"order must be a whole number from 0 to {MAX_ORDER}")


def _check_names(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    if not is_text_list(value):
        problem(f"{f.name} must be a list of names")


def _check_slugs(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    if not is_text_list(value):
        problem(f"{f.name} must be a list of article slugs")


def _check_date(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    try:
        as_time(value) if f.with_time else as_date(value)
    except (TypeError, ValueError, OverflowError):
        example = "2026-01-31 or 2026-01-31 09:00" if f.with_time else "2026-01-31"
        problem(f"'{f.name}' must be a date like {example}, not {shown(value)}")


def _check_sources(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    if not isinstance(value, list) or not value:
        problem("sources must be a list with at least one source")
        return
    for index, item in enumerate(value, 1):
        if not isinstance(item, dict):
            problem(f"source {index} must have title, publisher and year")
            continue
        for key in ("title", "publisher"):
            if not is_text(item.get(key)):
                problem(f"source {index} is missing '{key}'")
        year = item.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
            problem(f"source {index} needs a 4-digit year")
        url = item.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
            problem(f"source {index}: url must start with https://")
        unknown = set(item) - set(SOURCE_KEYS)
        if unknown:
            problem(f"source {index}: unknown field(s) {', '.join(shown(k) for k in sorted(unknown, key=str)[:4])}")


def _check_facts(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    if not isinstance(value, dict):
        problem("at_a_glance must be a set of 'key: value' lines")
        return
    for key in sorted(set(value) - set(AT_A_GLANCE), key=str):
        problem(f"unknown at_a_glance key {shown(key)} (allowed: {', '.join(AT_A_GLANCE)})")
    for key, fact in value.items():
        if isinstance(fact, bool):
            # YAML reads a bare Yes, No, On or Off as true or false: the page would say "True".
            problem(f'at_a_glance {shown(key)}: put the answer in quotes, such as "Yes, with a driver"')
        elif not isinstance(fact, str | int | float) or (isinstance(fact, str) and not fact.strip()):
            problem(f"at_a_glance {shown(key)} must be short text")
        elif isinstance(fact, str) and len(fact.strip()) > AT_A_GLANCE_MAX:
            label = AT_A_GLANCE.get(key, key)
            problem(f"at_a_glance {shown(key)} ({label}) is {len(fact.strip())} characters; the limit is {AT_A_GLANCE_MAX}")
    if meta.get("kind") == "procedure":
        missing = [k for k in AT_A_GLANCE if k not in value]
        if missing:
            problem(f"a procedure's at_a_glance is missing: {', '.join(missing)}")


# A procedure whose code could not be confirmed from a public source says why, instead of a
# code (check_content warns; docs/codes.md).
PENDING = "cpt_pending"


def _check_codes(f: "Field", value: object, problem: Problem, meta: dict[str, Any]) -> None:
    """codes: {icd10cm: [...], cpt: [...], snomed: [...]}: each code one of its system's
    (codes/systems.py); at most MAX_CODES a system."""
    from articles.codes import systems

    if not isinstance(value, dict):
        problem("codes must be a set of lists: icd10cm, cpt, snomed (each one code per line)")
        return
    for key in sorted(set(value) - set(systems.BY_KEY) - {PENDING}, key=str):
        problem(f"unknown code system {shown(key)} (allowed: {', '.join(systems.BY_KEY)}, {PENDING})")
    if PENDING in value and (not isinstance(value[PENDING], str) or not value[PENDING].strip()):
        problem(f"codes {PENDING} must say why no procedure code is given yet")
    for key, system in systems.BY_KEY.items():
        codes = value.get(key)
        if codes is None:
            continue
        if not isinstance(codes, list) or not all(isinstance(c, str | int) and not isinstance(c, bool) for c in codes):
            problem(f"codes {key} must be a list of codes")
            continue
        if len(codes) > systems.MAX_CODES:
            problem(f"codes {key}: at most {systems.MAX_CODES} codes, not {len(codes)}")
        for code in codes:
            if (message := systems.problem(system, systems.normalise(system, code))) is not None:
                problem(f"codes {key}: {message}")


def _codes(value: Any) -> dict[str, Any]:
    """The stored form: each system's codes normalised, in order, without repeats; empty lists left out."""
    from articles.codes import systems

    found: dict[str, Any] = {}
    if isinstance(value, dict) and isinstance(value.get(PENDING), str) and value[PENDING].strip():
        found[PENDING] = " ".join(value[PENDING].split())
    for key, system in systems.BY_KEY.items():
        codes = (value or {}).get(key) if isinstance(value, dict) else None
        if isinstance(codes, list):
            unique = list(dict.fromkeys(systems.normalise(system, c) for c in codes if str(c).strip()))
            if unique:
                found[key] = unique
    return found


# --- the fields ------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _folded(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _date_or_none(value: Any) -> datetime.date | None:
    return as_date(value) if value else None


def _facts(value: Any) -> dict[str, str]:
    return {k: str(v) for k, v in (value or {}).items()}


@dataclass(frozen=True)
class Field:
    name: str
    check: Callable[["Field", object, Problem, dict[str, Any]], None]
    required: bool = False
    # The database column (None: the field is not a plain column, e.g. a relation).
    column: Callable[[], "models.Field[Any, Any]"] | None = None
    # File value -> model value, and model value -> file value (None: leave it out).
    to_model: Callable[[Any], Any] = lambda value: value
    to_file: Callable[[Any], Any] = lambda value: value if value not in (None, "", [], {}) else None
    choices: tuple[str, ...] = ()
    default: Any = None
    max_length: int | None = field(default=None)
    # A date field that may also give a time of day (published_at).
    with_time: bool = False
    # The column is declared on Article itself (a workflow column the format also carries):
    # a file that leaves it out leaves the stored value, or the column's default, as it is.
    on_article: bool = False

    @property
    def kind(self) -> str:
        """What sort of value it holds ("text", "date", "sources"...): its check's name."""
        return self.check.__name__.removeprefix("_check_")


FIELDS: tuple[Field, ...] = (
    Field("title", _check_text, required=True, max_length=200, to_model=_text, column=lambda: models.CharField(max_length=200)),
    Field(
        "summary",
        _check_text,
        required=True,
        to_model=_folded,
        column=lambda: models.CharField(max_length=SUMMARY_MAX, help_text="One sentence; the meta description."),
    ),
    Field(
        "kind",
        _check_choice,
        required=True,
        choices=KINDS,
        column=lambda: models.CharField(max_length=20, choices=KIND_CHOICES, default="guide"),
    ),
    Field("order", _check_order, column=lambda: models.PositiveIntegerField(null=True, blank=True)),
    Field(
        "also_called",
        _check_names,
        to_model=lambda v: list(v or []),
        column=lambda: models.JSONField(default=list, blank=True),
    ),
    Field("at_a_glance", _check_facts, to_model=_facts, column=lambda: models.JSONField(default=dict, blank=True)),
    Field(
        "body_location",
        _check_text,
        max_length=100,
        to_model=lambda v: v or "",
        column=lambda: models.CharField(max_length=100, blank=True),
    ),
    Field("related", _check_slugs),  # a relation: sync.py and export.py write it
    # Clinical codes, for finding the article by code (codes/: Infobutton, API, FHIR).
    Field("codes", _check_codes, to_model=_codes, column=lambda: models.JSONField(default=dict, blank=True)),
    Field(
        "sources",
        _check_sources,
        required=True,
        to_model=lambda v: list(v or []),
        column=lambda: models.JSONField(default=list, blank=True),
    ),
    Field(
        "updated",
        _check_date,
        required=True,
        to_model=as_date,
        column=lambda: models.DateField(default=timezone.localdate, help_text="When the text last changed."),
    ),
    Field(
        "reviewed",
        _check_date,
        to_model=_date_or_none,
        column=lambda: models.DateField(null=True, blank=True, help_text="When a clinician last reviewed the text."),
    ),
    Field("reviewer", _check_text, max_length=200),  # a Reviewer row, by name: sync.py and export.py
    Field(
        "review_due",
        _check_date,
        to_model=_date_or_none,
        column=lambda: models.DateField(
            null=True, blank=True, help_text="Left empty, set to the review date plus the review interval."
        ),
    ),
    Field(
        "status",
        _check_choice,
        choices=STATUSES,
        default="published",
        to_model=lambda v: v or "published",
        to_file=lambda v: v if v != "published" else None,
        column=lambda: models.CharField(max_length=20, choices=STATUS_CHOICES, default="published"),
    ),
    # When a published article goes live: a future time schedules it. Written for every
    # article, since the feed and the JSON-LD give it too; a file without it leaves it alone.
    Field(
        "published_at",
        _check_date,
        with_time=True,
        on_article=True,
        to_model=as_time,
        to_file=lambda v: timezone.localtime(v) if v else None,
    ),
)
BY_NAME = {f.name: f for f in FIELDS}
# Fields added after articles were first loaded (see Article.fingerprint).
ADDED_LATER = frozenset({"codes"})
# The admin's "Facts and names" take these; published_at is under "Publishing", for reviewers only.
FIELDS_IN_ORDER = tuple(f.name for f in FIELDS if not f.on_article)
NAMES = frozenset(BY_NAME)
REQUIRED = tuple(f.name for f in FIELDS if f.required)
TOPIC_FIELDS = frozenset({"title", "summary", "order"})


def content_columns() -> "dict[str, models.Field[Any, Any]]":
    """The Article model's columns for the format's plain fields."""
    return {f.name: f.column() for f in FIELDS if f.column is not None}


def model_fields() -> tuple[str, ...]:
    """The Article fields a content file carries: an edit to any is an editorial change."""
    # Not published_at: when an article goes live is the workflow's, and fingerprints stored
    # before the format carried it stay valid.
    return tuple(f.name for f in FIELDS if f.name != "related" and not f.on_article) + ("body",)


def check(meta: dict[str, Any], problem: Callable[[str, str], None]) -> None:
    """Every problem with a front-matter mapping, as problem(field name, message)."""
    for key in sorted(set(meta) - NAMES, key=str):
        problem(key, f"unknown field {shown(key)}")
    for name in REQUIRED:
        if name not in meta or meta[name] in (None, "", []):
            problem(name, f"missing required field '{name}'")
    for f in FIELDS:
        value = meta.get(f.name)
        if f.name == "at_a_glance" and value is None and meta.get("kind") == "procedure":
            problem("kind", "a procedure needs 'at_a_glance' facts")
        elif value is not None and not (f.required and value in ("", [])):
            # The cast: mypy cannot match a lambda with a default argument (name=f.name) to Problem.
            f.check(f, value, cast(Problem, lambda message, name=f.name: problem(name, message)), meta)


# What a clinical review vouches for: the text and facts patients read, not the workflow.
WORKFLOW_FIELDS = frozenset({"status", "reviewed", "reviewer", "review_due", "updated", "order", "published_at"})


def reviewed_values(article: Any) -> dict[str, Any]:
    """The article's reviewed text and facts as JSON-ready values (a revision's content)."""
    values = {f.name: getattr(article, f.name) for f in FIELDS if f.column is not None and f.name not in WORKFLOW_FIELDS}
    values["body"] = article.body
    return values


def model_values(meta: dict[str, Any]) -> dict[str, Any]:
    """A checked front-matter mapping as the Article's column values."""
    values = {f.name: f.to_model(meta.get(f.name, f.default)) for f in FIELDS if f.column is not None}
    values.update({f.name: f.to_model(meta[f.name]) for f in FIELDS if f.on_article and meta.get(f.name) is not None})
    return values


def file_values(article: Any) -> Iterator[tuple[str, Any]]:
    """The Article's column values as front matter, in the format's order; empties left out."""
    for f in FIELDS:
        if f.column is not None or f.on_article:
            value = f.to_file(getattr(article, f.name))
            if value is not None:
                yield f.name, value
