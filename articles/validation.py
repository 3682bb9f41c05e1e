"""Checks a Library read from content/ against the format in DESIGN.md. Writes nothing."""

import re

from .content import (
    ARTICLE_FIELDS,
    ARTICLE_LINK_RE,
    ARTICLE_REQUIRED,
    AT_A_GLANCE_KEYS,
    KINDS,
    SLUG_RE,
    STATUSES,
    SUMMARY_MAX,
    TOPIC_FIELDS,
    Problem,
    as_date,
)

MAX_ORDER = 100_000
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(")
# What an uploaded image's Markdown says until an editor describes the picture.
PLACEHOLDER_ALT = "Describe this image for someone who cannot see it"
TEXT_LIMITS = {"title": 200, "body_location": 100, "reviewer": 200}


def _is_text(value):
    return isinstance(value, str) and value.strip() != ""


def _text_list(value):
    return isinstance(value, list) and all(_is_text(v) for v in value)


def _check_topic(source, problems):
    def problem(key, message):
        problems.append(Problem(source.display, source.line_of(key), message))

    meta = source.meta
    for key in sorted(set(meta) - TOPIC_FIELDS, key=str):
        problem(key, f"unknown field '{key}' (allowed: {', '.join(sorted(TOPIC_FIELDS))})")
    if not SLUG_RE.match(source.slug):
        problem("title", f"folder name '{source.slug}' is not a valid slug (lower-case letters, digits, hyphens)")
    for key in ("title", "summary"):
        if not _is_text(meta.get(key)):
            problem(key, f"missing required field '{key}'")
    if "order" in meta and (not isinstance(meta["order"], int) or not 0 <= meta["order"] <= MAX_ORDER):
        problem("order", f"order must be a whole number from 0 to {MAX_ORDER}")


def _check_sources(source, value, problem):
    if not isinstance(value, list) or not value:
        problem("sources", "sources must be a list with at least one source")
        return
    for index, item in enumerate(value, 1):
        if not isinstance(item, dict):
            problem("sources", f"source {index} must have title, publisher and year")
            continue
        for key in ("title", "publisher"):
            if not _is_text(item.get(key)):
                problem("sources", f"source {index} is missing '{key}'")
        if not isinstance(item.get("year"), int) or not 1900 <= item["year"] <= 2100:
            problem("sources", f"source {index} needs a 4-digit year")
        url = item.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
            problem("sources", f"source {index}: url must start with https://")
        unknown = set(item) - {"title", "publisher", "year", "url"}
        if unknown:
            problem("sources", f"source {index}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")


def _strings(value, seen=None):
    """Every string inside a YAML value. YAML anchors can make a list contain itself."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
    elif isinstance(value, (dict, list)) and id(value) not in seen:
        seen.add(id(value))
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item, seen)


def _check_article(source, known_slugs, problems):
    def problem(key, message):
        problems.append(Problem(source.display, source.line_of(key), message))

    meta = source.meta
    for key, value in meta.items():
        # A "\0" escape in YAML makes a NUL character, which no database text column takes.
        if any("\x00" in text for text in _strings(value)):
            problem(key, f"'{key}' contains a NUL character")
    if not SLUG_RE.match(source.slug):
        problem("title", f"file name '{source.slug}' is not a valid slug (lower-case letters, digits, hyphens)")
    for key in sorted(set(meta) - ARTICLE_FIELDS, key=str):
        problem(key, f"unknown field '{key}'")
    for key in ARTICLE_REQUIRED:
        if key not in meta or meta[key] in (None, "", []):
            problem(key, f"missing required field '{key}'")
    for key in ("title", "summary", "body_location", "reviewer"):
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            problem(key, f"'{key}' must be text")
    summary = meta.get("summary")
    if isinstance(summary, str) and len(summary.strip()) > SUMMARY_MAX:
        problem("summary", f"summary is {len(summary.strip())} characters; the limit is {SUMMARY_MAX}")
    if "kind" in meta and meta["kind"] not in KINDS:
        problem("kind", f"kind must be one of {', '.join(KINDS)}, not '{meta['kind']}'")
    if "status" in meta and meta["status"] not in STATUSES:
        problem("status", f"status must be 'published', 'review' or 'draft', not '{meta['status']}'")
    if "order" in meta and (
        not isinstance(meta["order"], int) or isinstance(meta["order"], bool) or not 0 <= meta["order"] <= MAX_ORDER
    ):
        problem("order", f"order must be a whole number from 0 to {MAX_ORDER}")
    for key, limit in TEXT_LIMITS.items():
        if isinstance(meta.get(key), str) and len(meta[key]) > limit:
            problem(key, f"'{key}' is {len(meta[key])} characters; the limit is {limit}")
    if "also_called" in meta and not _text_list(meta["also_called"]):
        problem("also_called", "also_called must be a list of names")
    for key in ("updated", "reviewed", "review_due"):
        if meta.get(key) is not None:
            try:
                as_date(meta[key])
            except (TypeError, ValueError):
                problem(key, f"'{key}' must be a date like 2026-01-31, not '{meta[key]}'")
    if "sources" in meta and meta["sources"]:
        _check_sources(source, meta["sources"], problem)
    _check_at_a_glance(meta, problem)
    related = meta.get("related")
    if related is not None:
        if not _text_list(related):
            problem("related", "related must be a list of article slugs")
        else:
            for slug in related:
                if slug not in known_slugs:
                    problem("related", f"related article '{slug}' does not exist")
    for offset, line in enumerate(source.body.splitlines()):
        for alt in IMAGE_RE.findall(line):
            if not alt.strip() or alt.strip() == PLACEHOLDER_ALT:
                problems.append(
                    Problem(
                        source.display,
                        source.body_line + offset,
                        "an image needs alt text: describe what it shows between the [ ]",
                    )
                )
        for slug in ARTICLE_LINK_RE.findall(line):
            if slug not in known_slugs:
                problems.append(
                    Problem(source.display, source.body_line + offset, f"link to missing article '/articles/{slug}/'")
                )


def _check_at_a_glance(meta, problem):
    facts = meta.get("at_a_glance")
    if facts is None:
        if meta.get("kind") == "procedure":
            problem("kind", "a procedure needs 'at_a_glance' facts")
        return
    if not isinstance(facts, dict):
        problem("at_a_glance", "at_a_glance must be a set of 'key: value' lines")
        return
    for key in sorted(set(facts) - set(AT_A_GLANCE_KEYS), key=str):
        problem("at_a_glance", f"unknown at_a_glance key '{key}' (allowed: {', '.join(AT_A_GLANCE_KEYS)})")
    for key, value in facts.items():
        if not isinstance(value, (str, int, float, bool)) or (isinstance(value, str) and not value.strip()):
            problem("at_a_glance", f"at_a_glance '{key}' must be short text")
    if meta.get("kind") == "procedure":
        missing = [k for k in AT_A_GLANCE_KEYS if k not in facts]
        if missing:
            problem("at_a_glance", f"a procedure's at_a_glance is missing: {', '.join(missing)}")


def validate(library, existing_topics=(), existing_articles=()):
    """Add every format problem to library.problems; return them.

    existing_* are slugs already in the database and not in content/, which a file may
    still refer to (an article written in the admin, say).
    """
    problems = library.problems
    for source in library.topics.values():
        _check_topic(source, problems)
    known_topics = set(library.topics) | set(existing_topics)
    known_slugs = set(library.articles) | set(existing_articles)
    for slug, source in library.articles.items():
        topic = library.article_topics[slug]
        if topic not in known_topics:
            problems.append(Problem(source.display, 1, f"unknown topic '{topic}': add {topic}/_topic.md"))
        _check_article(source, known_slugs, problems)
    return problems
