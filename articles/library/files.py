"""What every reader of content/ shares: problems with file and line, and how files are
decoded and parsed."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

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


def display_name(path: Path, root: Path) -> str:
    """The path as problems name it: from the content folder's own name down."""
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def decode(raw: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(display, line, "the file is not UTF-8 text; save it as UTF-8"))
        return None


def file_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
