"""Checks a Library read from content/ against the article format (library/schema.py).
Writes nothing."""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from articles import rules
from articles.library import schema
from articles.library.files import Problem, column_limit, shown, text_problem
from articles.library.reader import ARTICLE_LINK_RE, SLUG_RE, Library, SourceFile
from articles.rendering import policies as policy_names

IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(")
# The same images, with the id of a picture from the image library: ![alt](image:ID).
IMAGE_REF_RE = re.compile(r"!\[([^\]]*)\]\((?:image:(\d+)\))?")


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
        problem(key, f"unknown field {shown(key)} (allowed: {', '.join(sorted(schema.TOPIC_FIELDS))})")
    _check_slug(source, "Topic", "folder name", problem)
    for key in ("title", "summary"):
        value = meta.get(key)
        if not schema.is_text(value):
            problem(key, f"missing required field '{key}'")
        elif message := text_problem(key, _as_stored(key, value), column_limit("Topic", key)):
            problem(key, message)
    if "order" in meta:
        schema.BY_NAME["order"].check(schema.BY_NAME["order"], meta["order"], lambda message: problem("order", message), meta)


def _as_stored(key: str, value: str) -> str:
    # As sync.py stores a topic's text: the title stripped, the summary's spaces folded.
    return value.strip() if key == "title" else " ".join(value.split())


def _check_slug(source: SourceFile, model: str, what: str, problem: Callable[[str, str], None]) -> None:
    limit = column_limit(model, "slug")
    if not SLUG_RE.match(source.slug):
        problem("title", f"{what} {shown(source.slug)} is not a valid slug (lower-case letters, digits, hyphens)")
    elif limit is not None and len(source.slug) > limit:
        problem("title", f"{what} is {len(source.slug)} characters; the limit is {limit}")


def body_problems(
    body: str, known_slugs: set[str], images: Mapping[int, str] | None = None, policies: Iterable[str] | None = None
) -> list[tuple[int, str]]:
    """(line offset, message) for each image without alt text, each link to a missing article
    and, when the policy names are given, each placeholder that names no clinic policy.

    images: the image library's alt text by id. `![](image:7)` takes picture 7's alt text, as on
    the page and in the admin form (docs/editing-guide.md tells editors to write it so).
    """
    images = images or {}
    found = []
    for offset, line in enumerate(body.splitlines()):
        for alt, image_id in IMAGE_REF_RE.findall(line):
            if rules.alt_text_missing(alt.strip() or (images.get(int(image_id), "") if image_id else "")):
                found.append((offset, rules.ALT_TEXT_MESSAGE))
        for slug in ARTICLE_LINK_RE.findall(line):
            if slug not in known_slugs:
                found.append((offset, f"link to missing article {shown('/articles/' + slug + '/')}"))
    if policies is not None:
        found = sorted(found + policy_names.unknown(body, policies), key=lambda item: item[0])
    return found


def _check_article(
    source: SourceFile, known_slugs: set[str], problems: list[Problem], images: Mapping[int, str], policies: set[str]
) -> None:
    def problem(key: str, message: str) -> None:
        problems.append(Problem(source.display, source.line_of(key), message))

    meta = source.meta
    for key, value in meta.items():
        # A "\0" escape in YAML makes a NUL character, which no database text column takes.
        if any("\x00" in text for text in _strings(value)):
            problem(key, f"{shown(key)} contains a NUL character")
    _check_slug(source, "Article", "file name", problem)
    schema.check(meta, problem)
    related = meta.get("related")
    if schema.is_text_list(related):
        for slug in related:
            if slug not in known_slugs:
                problem("related", f"related article {shown(slug)} does not exist")
    for offset, message in body_problems(source.body, known_slugs, images, policies):
        problems.append(Problem(source.display, source.body_line + offset, message))


def validate(
    library: Library,
    existing_topics: Iterable[str] = (),
    existing_articles: Iterable[str] = (),
    images: Mapping[int, str] | None = None,
    existing_policies: Iterable[str] = (),
) -> list[Problem]:
    """Add every format problem to library.problems; return them.

    existing_* are slugs already in the database and not in content/, which a file may
    still refer to (an article written in the admin, say). images: the alt text of each
    picture in the image library, by id (library/images.py), the database's and the folder's.
    existing_policies: the database's policy names, which count when the folder has no
    policies file.
    """
    problems = library.problems
    policies = {p["name"] for p in library.policies} if library.policies_hash else set(existing_policies)
    for source in library.topics.values():
        _check_topic(source, problems)
        for offset, message in policy_names.unknown(source.body, policies):
            problems.append(Problem(source.display, source.body_line + offset, message))
    known_topics = set(library.topics) | set(existing_topics)
    known_slugs = set(library.articles) | set(existing_articles)
    for slug, source in library.articles.items():
        topic = library.article_topics[slug]
        if topic not in known_topics:
            problems.append(Problem(source.display, 1, f"unknown topic '{topic}': add {topic}/_topic.md"))
        _check_article(source, known_slugs, problems, images or {}, policies)
    for entry in library.body_parts:
        for slug in entry["articles"]:
            if slug not in known_slugs:
                message = f"body part {shown(entry['words'][0])}: article {shown(slug)} does not exist"
                problems.append(Problem(library.body_parts_display, entry["line"], message))
    for asked in library.section_questions:
        if asked["article"] not in known_slugs:
            message = f"article {shown(asked['article'])} does not exist"
            problems.append(Problem(library.section_questions_display, asked["line"], message))
    return problems
