"""Checks a Library read from content/ against the article format (library/schema.py).
Writes nothing."""

import re
from collections.abc import Iterable, Iterator

from articles import rules
from articles.library import schema
from articles.library.files import Problem
from articles.library.reader import ARTICLE_LINK_RE, SLUG_RE, Library, SourceFile

IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(")


def _strings(value: object, seen: set[int] | None = None) -> Iterator[str]:
    """Every string inside a YAML value. YAML anchors can make a list contain itself."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list) and id(value) not in seen:
        seen.add(id(value))
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item, seen)


def _check_topic(source: SourceFile, problems: list[Problem]) -> None:
    def problem(key: str, message: str) -> None:
        problems.append(Problem(source.display, source.line_of(key), message))

    meta = source.meta
    for key in sorted(set(meta) - schema.TOPIC_FIELDS, key=str):
        problem(key, f"unknown field '{key}' (allowed: {', '.join(sorted(schema.TOPIC_FIELDS))})")
    if not SLUG_RE.match(source.slug):
        problem("title", f"folder name '{source.slug}' is not a valid slug (lower-case letters, digits, hyphens)")
    for key in ("title", "summary"):
        if not schema.is_text(meta.get(key)):
            problem(key, f"missing required field '{key}'")
    if "order" in meta:
        schema.BY_NAME["order"].check(schema.BY_NAME["order"], meta["order"], lambda message: problem("order", message), meta)


def body_problems(body: str, known_slugs: set[str]) -> list[tuple[int, str]]:
    """(line offset, message) for each image without alt text and each link to a missing article."""
    found = []
    for offset, line in enumerate(body.splitlines()):
        for alt in IMAGE_RE.findall(line):
            if rules.alt_text_missing(alt):
                found.append((offset, rules.ALT_TEXT_MESSAGE))
        for slug in ARTICLE_LINK_RE.findall(line):
            if slug not in known_slugs:
                found.append((offset, f"link to missing article '/articles/{slug}/'"))
    return found


def _check_article(source: SourceFile, known_slugs: set[str], problems: list[Problem]) -> None:
    def problem(key: str, message: str) -> None:
        problems.append(Problem(source.display, source.line_of(key), message))

    meta = source.meta
    for key, value in meta.items():
        # A "\0" escape in YAML makes a NUL character, which no database text column takes.
        if any("\x00" in text for text in _strings(value)):
            problem(key, f"'{key}' contains a NUL character")
    if not SLUG_RE.match(source.slug):
        problem("title", f"file name '{source.slug}' is not a valid slug (lower-case letters, digits, hyphens)")
    schema.check(meta, problem)
    related = meta.get("related")
    if schema.is_text_list(related):
        for slug in related:
            if slug not in known_slugs:
                problem("related", f"related article '{slug}' does not exist")
    for offset, message in body_problems(source.body, known_slugs):
        problems.append(Problem(source.display, source.body_line + offset, message))


def validate(library: Library, existing_topics: Iterable[str] = (), existing_articles: Iterable[str] = ()) -> list[Problem]:
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
