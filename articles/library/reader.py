"""Reading the content/ library (its format: library/schema.py, docs/architecture.md). Writes nothing.

Every problem is collected with its file and line, so an editor sees them all at once
instead of fixing one, re-running, and meeting the next.
"""

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from articles.library import words
from articles.library.files import (
    OUTSIDE_MESSAGE,
    YAML_LOADER,
    ContentError,
    Problem,
    decode,
    display_name,
    file_hash,
    is_outside,
    read_bytes,
)
from articles.library.policies import POLICIES_FILE, PolicyEntry, read_policies

__all__ = ["ContentError", "Library", "Problem", "SourceFile", "read_library", "split_front_matter"]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARTICLE_LINK_RE = re.compile(r"\]\(\s*/articles/([^/)\s#?]+)/?[^)]*\)")


@dataclass
class SourceFile:
    path: Path
    display: str
    slug: str
    meta: dict[str, Any]
    body: str
    body_line: int  # line number of the body's first line in the file
    hash: str
    front: str = ""

    @cached_property
    def _key_lines(self) -> dict[str, int]:
        # Worked out only when there is a problem to point at.
        return _key_lines(self.front)

    def line_of(self, key: str) -> int:
        return self._key_lines.get(key, 1)


@dataclass
class Library:
    topics: dict[str, SourceFile] = field(default_factory=dict)  # slug -> SourceFile (_topic.md)
    articles: dict[str, SourceFile] = field(default_factory=dict)  # slug -> SourceFile, with .topic set
    article_topics: dict[str, str] = field(default_factory=dict)  # slug -> topic slug
    glossary: list[words.GlossaryEntry] = field(default_factory=list)  # [{"term", "definition", "aliases"}]
    glossary_hash: str = ""
    glossary_display: str = ""  # how problems name the glossary file
    synonyms: list[words.SynonymEntry] = field(default_factory=list)  # [{"patient": [...], "clinical": [...]}]
    body_parts: list[words.BodyPartEntry] = field(default_factory=list)  # [{"words": [...], "articles": [...]}]
    body_parts_display: str = ""
    questions: list[words.QuestionEntry] = field(default_factory=list)  # [{"headings": [...], "asked": [...]}]
    section_questions: list[words.SectionQuestionsEntry] = field(default_factory=list)
    section_questions_display: str = ""
    medical_terms: list[str] = field(default_factory=list)  # lower-case words the glossary should explain
    policies: list[PolicyEntry] = field(default_factory=list)  # content/policies.yaml, in its order
    policies_hash: str = ""  # empty when the folder has no policies file
    # Files in other languages (translation/files.py), read beside their sources.
    translations: Any = None
    problems: list[Problem] = field(default_factory=list)


def _key_lines(front_matter: str) -> dict[str, int]:
    try:
        node = yaml.compose(front_matter, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    # +2: the opening '---' is line 1 and yaml marks are 0-based.
    return {k.value: k.start_mark.line + 2 for k, _ in node.value if hasattr(k, "value")}


def _bad_scalar_line(front: str) -> int | None:
    loader = yaml.SafeLoader("")
    pending = [yaml.compose(front, Loader=YAML_LOADER)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError):
                return node.start_mark.line + 2
        elif isinstance(node, yaml.MappingNode):
            pending.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return None


def _first_alias(front: str) -> yaml.AliasEvent | None:
    return next((event for event in yaml.parse(front, Loader=YAML_LOADER) if isinstance(event, yaml.AliasEvent)), None)


def split_front_matter(text: str, display: str, problems: list[Problem]) -> tuple[dict[str, Any], str, int, str] | None:
    """Return (meta, body, body_line, front matter text) or None after recording a problem."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(display, 1, "missing front matter: the file must start with a '---' line"))
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            break
    else:
        problems.append(Problem(display, 1, "front matter is not closed: add a '---' line after it"))
        return None
    front = "".join(lines[1:index])
    try:
        meta = yaml.load(front, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(exc, "problem", None) or "not valid YAML"
        problems.append(Problem(display, line, f"front matter is not valid YAML: {reason}"))
        return None
    except (ValueError, TypeError, OverflowError) as exc:
        # YAML that parses but holds an impossible value, such as the date 2026-02-30.
        line = _bad_scalar_line(front) or 1
        problems.append(Problem(display, line, f"front matter has a value that cannot be read: {exc}"))
        return None
    alias = _first_alias(front)
    if alias is not None:
        # No field needs one, and ten lines of aliases make a value of 10^9 items that any
        # str() or loop over it (a message, check_content's measures) never finishes (F19).
        line = alias.start_mark.line + 2 if alias.start_mark else 1
        message = f"front matter repeats a value with a YAML alias (*{(alias.anchor or '')[:40]}); write the value out instead"
        problems.append(Problem(display, line, message))
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.append(Problem(display, 2, "front matter must be a set of 'field: value' lines"))
        return None
    return meta, "".join(lines[index + 1 :]), index + 2, front


def read_source(path: Path, root: Path, problems: list[Problem]) -> SourceFile | None:
    display = display_name(path, root)
    raw = read_bytes(path, root, problems)
    if raw is None:
        return None
    text = decode(raw, display, problems)
    if text is None:
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(display, line, "the file contains a NUL character; save it as plain UTF-8 text"))
        return None
    parsed = split_front_matter(text, display, problems)
    if parsed is None:
        return None
    meta, body, body_line, front = parsed
    return SourceFile(path, display, path.stem, meta, body, body_line, file_hash(raw), front)


def read_library(root: str | os.PathLike[str]) -> Library:
    """Read every file under root. Problems are collected, not raised."""
    root = Path(root)
    from articles.translation import files as translated

    library = Library(translations=translated.Translations())
    problems = library.problems
    if not root.is_dir():
        problems.append(Problem(str(root), 0, "no such content folder"))
        return library
    for topic_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if is_outside(topic_dir, root):
            problems.append(Problem(display_name(topic_dir, root), 1, OUTSIDE_MESSAGE))
            continue
        topic_file = topic_dir / "_topic.md"
        if topic_file.exists() or topic_file.is_symlink():
            source = read_source(topic_file, root, problems)
            if source is not None:
                source.slug = topic_dir.name
                library.topics[topic_dir.name] = source
        for path in sorted(topic_dir.glob("_topic.*.md")):
            if (named := translated.language_of(path)) is not None:
                source = translated.read_translation(path, root, problems)
                if source is not None:
                    source.slug = topic_dir.name
                    library.translations.topics[(topic_dir.name, named[1])] = source
        for path in sorted(topic_dir.glob("*.md")):
            if path.name.startswith("_"):
                continue
            if (named := translated.language_of(path)) is not None:
                source = translated.read_translation(path, root, problems)
                if source is not None:
                    library.translations.articles[(named[0], named[1])] = source
                    library.translations.topic_of[named] = topic_dir.name
                continue
            source = read_source(path, root, problems)
            if source is None:
                continue
            if source.slug in library.articles:
                first = library.articles[source.slug].display
                problems.append(Problem(source.display, 1, f"duplicate slug '{source.slug}': also used by {first}"))
                continue
            library.articles[source.slug] = source
            library.article_topics[source.slug] = topic_dir.name
    library.glossary, library.glossary_hash = words.read_glossary(root / words.GLOSSARY_FILE, root, problems)
    library.glossary_display = display_name(root / words.GLOSSARY_FILE, root)
    library.synonyms = words.read_synonyms(root / words.SYNONYMS_FILE, root, problems)
    library.body_parts = words.read_body_parts(root / words.BODY_PARTS_FILE, root, problems)
    library.body_parts_display = display_name(root / words.BODY_PARTS_FILE, root)
    library.questions = words.read_questions(root / words.QUESTIONS_FILE, root, problems)
    library.section_questions = words.read_section_questions(root / words.SECTION_QUESTIONS_FILE, root, problems)
    library.section_questions_display = display_name(root / words.SECTION_QUESTIONS_FILE, root)
    library.medical_terms = words.read_term_list(root / words.MEDICAL_TERMS_FILE, root, problems)
    library.policies, library.policies_hash = read_policies(root / POLICIES_FILE, root, problems)
    translated.read_words(root, library.translations, problems)
    return library
