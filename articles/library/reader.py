"""Reading the content/ library (its format: library/schema.py, docs/architecture.md). Writes nothing.

Every problem is collected with its file and line, so an editor sees them all at once
instead of fixing one, re-running, and meeting the next.
"""

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypedDict, cast

import yaml

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARTICLE_LINK_RE = re.compile(r"\]\(\s*/articles/([^/)\s#?]+)/?[^)]*\)")
# libyaml's parser when PyYAML was built with it: ten times faster on a large library.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        # One problem, one line: text quoted from a file cannot start a line of its own.
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.path}:{self.line}: {message}"


class ContentError(Exception):
    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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


class GlossaryEntry(TypedDict):
    term: str
    definition: str
    aliases: list[str]


class SynonymEntry(TypedDict):
    patient: list[str]
    clinical: list[str]


@dataclass
class Library:
    topics: dict[str, SourceFile] = field(default_factory=dict)  # slug -> SourceFile (_topic.md)
    articles: dict[str, SourceFile] = field(default_factory=dict)  # slug -> SourceFile, with .topic set
    article_topics: dict[str, str] = field(default_factory=dict)  # slug -> topic slug
    glossary: list[GlossaryEntry] = field(default_factory=list)  # [{"term", "definition", "aliases"}]
    glossary_hash: str = ""
    synonyms: list[SynonymEntry] = field(default_factory=list)  # [{"patient": [...], "clinical": [...]}]
    medical_terms: list[str] = field(default_factory=list)  # lower-case words the glossary should explain
    problems: list[Problem] = field(default_factory=list)


def _display(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def _decode(raw: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(display, line, "the file is not UTF-8 text; save it as UTF-8"))
        return None


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
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.append(Problem(display, 2, "front matter must be a set of 'field: value' lines"))
        return None
    return meta, "".join(lines[index + 1 :]), index + 2, front


def _hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_source(path: Path, root: Path, problems: list[Problem]) -> SourceFile | None:
    display = _display(path, root)
    raw = path.read_bytes()
    text = _decode(raw, display, problems)
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
    return SourceFile(path, display, path.stem, meta, body, body_line, _hash(raw), front)


def read_library(root: str | os.PathLike[str]) -> Library:
    """Read every file under root. Problems are collected, not raised."""
    root = Path(root)
    library = Library()
    problems = library.problems
    if not root.is_dir():
        problems.append(Problem(str(root), 0, "no such content folder"))
        return library
    for topic_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        topic_file = topic_dir / "_topic.md"
        if topic_file.exists():
            source = read_source(topic_file, root, problems)
            if source is not None:
                source.slug = topic_dir.name
                library.topics[topic_dir.name] = source
        for path in sorted(topic_dir.glob("*.md")):
            if path.name.startswith("_"):
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
    _read_glossary(root / "glossary.yaml", root, library)
    library.synonyms = read_synonyms(root / SYNONYMS_FILE, root, problems)
    library.medical_terms = read_term_list(root / MEDICAL_TERMS_FILE, root, problems)
    return library


def _read_glossary(path: Path, root: Path, library: Library) -> None:
    if not path.exists():
        return
    display = _display(path, root)
    raw = path.read_bytes()
    library.glossary_hash = _hash(raw)
    text = _decode(raw, display, library.problems)
    if text is None:
        return
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        library.problems.append(Problem(display, mark.line + 1 if mark else 1, "not valid YAML"))
        return
    if data is None:
        return
    if not isinstance(data, list):
        library.problems.append(Problem(display, 1, "the glossary must be a list of terms"))
        return
    seen: dict[str, int] = {}  # term, lower-case -> its line
    for index, entry in enumerate(data):
        # data is a list, so its node is a sequence: one node an entry.
        line = cast(yaml.SequenceNode, node).value[index].start_mark.line + 1
        if not isinstance(entry, dict):
            library.problems.append(Problem(display, line, "each entry needs term and definition"))
            continue
        term, definition = entry.get("term"), entry.get("definition")
        aliases = entry.get("aliases") or []
        if not isinstance(term, str) or not term.strip():
            library.problems.append(Problem(display, line, "missing required field 'term'"))
            continue
        if not isinstance(definition, str) or not definition.strip():
            library.problems.append(Problem(display, line, f"'{term}': missing required field 'definition'"))
            continue
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            library.problems.append(Problem(display, line, f"'{term}': aliases must be a list of words"))
            continue
        key = term.strip().lower()
        if key in seen:
            library.problems.append(Problem(display, line, f"duplicate term '{term}' (also at line {seen[key]})"))
            continue
        seen[key] = line
        library.glossary.append({"term": term.strip(), "definition": definition.strip(), "aliases": [a.strip() for a in aliases]})


SYNONYMS_FILE = "synonyms.yaml"
MEDICAL_TERMS_FILE = "medical_terms.txt"


def _yaml_list(path: Path, root: Path, problems: list[Problem], what: str) -> tuple[str, yaml.SequenceNode, list[Any]] | None:
    """(display name, YAML node, data) for a file holding a YAML list, or None after a problem."""
    if not path.exists():
        return None
    display = _display(path, root)
    text = _decode(path.read_bytes(), display, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(display, mark.line + 1 if mark else 1, "not valid YAML"))
        return None
    if data is None:
        return None
    if not isinstance(data, list):
        problems.append(Problem(display, 1, f"the file must be a list of {what}"))
        return None
    # data is a list: its node is a sequence, never None.
    return display, cast(yaml.SequenceNode, node), data


def read_synonyms(path: Path, root: Path, problems: list[Problem]) -> list[SynonymEntry]:
    """content/synonyms.yaml: patient phrases and the clinical words they stand for."""
    found = _yaml_list(path, root, problems, "entries with patient and clinical phrases")
    if found is None:
        return []
    display, node, data = found
    entries: list[SynonymEntry] = []
    for index, entry in enumerate(data):
        line = node.value[index].start_mark.line + 1
        if not isinstance(entry, dict) or set(entry) - {"patient", "clinical"}:
            problems.append(Problem(display, line, "each entry has 'patient' and 'clinical' lists, and nothing else"))
            continue
        lists: list[Any] = [entry.get("patient"), entry.get("clinical")]  # checked just below
        if not all(isinstance(v, list) and v and all(isinstance(p, str) and p.strip() for p in v) for v in lists):
            problems.append(Problem(display, line, "'patient' and 'clinical' must each be a list of phrases"))
            continue
        entries.append({"patient": [p.strip() for p in lists[0]], "clinical": [p.strip() for p in lists[1]]})
    return entries


def read_term_list(path: Path, root: Path, problems: list[Problem]) -> list[str]:
    """content/medical_terms.txt: one term a line; # starts a comment."""
    if not path.exists():
        return []
    text = _decode(path.read_bytes(), _display(path, root), problems)
    if text is None:
        return []
    return [line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
