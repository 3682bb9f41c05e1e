"""What every reader of content/ shares: problems with file and line, and how files are
decoded and parsed."""

import hashlib
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

# libyaml's parser when PyYAML was built with it: ten times faster on a large library.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The largest file the loader reads. The library's longest article is about 30 kB; a file of
# several MB is a mistake (a pasted PDF, a log) and took 31 s and 770 MB to load (F21).
MAX_FILE_BYTES = 1_000_000

# A value quoted in a problem message: short whatever the file holds. A YAML alias can make
# a list of 10^9 elements from a few lines, and str() of it never returns (F19).
_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxstring, _SHOWN.maxother = 2, 4, 4, 60, 60


def column_limit(model: str, name: str) -> int | None:
    """The database's length limit for a text column of an articles model: the model field is
    its one home. A file within every limit loads on SQLite and PostgreSQL alike (F20)."""
    from django.apps import apps

    limit: int | None = apps.get_model("articles", model)._meta.get_field(name).max_length
    return limit


def text_problem(name: str, value: str, limit: int | None) -> str | None:
    """What a database text column cannot take: a NUL character (no PostgreSQL text or jsonb
    value may hold one; SQLite takes it) or more than its max_length (SQLite ignores that)."""
    if "\x00" in value:
        return f"'{name}' contains a NUL character"
    if limit is not None and len(value) > limit:
        return f"'{name}' is {len(value)} characters; the limit is {limit}"
    return None


def shown(value: object) -> str:
    """A bounded representation of a value from a file, for a message: quoted if text."""
    text = _SHOWN.repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


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


def display_name(path: Path, root: Path) -> str:
    """The path as problems name it: from the content folder's own name down."""
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


OUTSIDE_MESSAGE = "a link to something outside the content folder; copy it in instead"


def is_outside(path: Path, root: Path) -> bool:
    """True for a symbolic link (or a path through one) that leads out of the content folder."""
    return not path.resolve().is_relative_to(root.resolve())


def read_bytes(path: Path, root: Path, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None after a problem: a link that leads out of the content folder
    (a file outside it must never be published because it has front matter), something that
    is not a plain file, or a file over MAX_FILE_BYTES (refused before it is parsed)."""
    display = display_name(path, root)
    if is_outside(path, root):
        problems.append(Problem(display, 1, OUTSIDE_MESSAGE))
        return None
    if not path.is_file():
        problems.append(Problem(display, 1, "not a plain file"))
        return None
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        message = f"the file is over {MAX_FILE_BYTES:,} bytes, the limit; split it or remove what is pasted in"
        problems.append(Problem(display, 1, message))
        return None
    return raw


def decode(raw: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(display, line, "the file is not UTF-8 text; save it as UTF-8"))
        return None


def file_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_optional(path: Path, root: Path, problems: list[Problem]) -> bytes | None:
    """A file the library may leave out (the glossary, the image list): its bytes; None if it
    is not there, or after a problem (read_bytes)."""
    if not path.exists() and not path.is_symlink():
        return None
    return read_bytes(path, root, problems)


def yaml_list(
    raw: bytes | None, path: Path, root: Path, problems: list[Problem], not_a_list: str
) -> tuple[str, yaml.SequenceNode, list[Any]] | None:
    """(display name, YAML node, data) for a file holding a YAML list, or None after a problem.
    The node gives each entry's line."""
    if raw is None:
        return None
    display = display_name(path, root)
    text = decode(raw, display, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # the last three: a date YAML cannot make
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(display, mark.line + 1 if mark else 1, "not valid YAML"))
        return None
    if data is None:
        return None
    if not isinstance(data, list):
        problems.append(Problem(display, 1, not_a_list))
        return None
    # data is a list: its node is a sequence, never None.
    return display, cast(yaml.SequenceNode, node), data
