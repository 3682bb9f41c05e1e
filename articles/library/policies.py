"""content/policies.yaml: the clinic policies articles name (rendering/policies.py), read and
checked like the other word files, every problem with its line; and the check that warns
when an article states one of those facts by hand."""

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

from articles.library.files import Problem, column_limit, file_hash, read_optional, shown, text_problem, yaml_list
from articles.rendering.policies import BUILT_IN, NAME, PLACEHOLDER

POLICIES_FILE = "policies.yaml"
KEYS = {"name", "title", "text", "source", "spot"}


class PolicyEntry(TypedDict):
    name: str
    title: str
    text: str
    source: str
    spot: list[str]


def read_policies(path: Path, root: Path, problems: list[Problem]) -> tuple[list[PolicyEntry], str]:
    """The policies, in the file's order, and the file's hash (empty when there is no file)."""
    raw = read_optional(path, root, problems)
    if raw is None:
        return [], ""
    found = yaml_list(raw, path, root, problems, "the file must be a list of policies")
    if found is None:
        return [], file_hash(raw)
    display, node, data = found
    policies: list[PolicyEntry] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        line = node.value[index].start_mark.line + 1
        refused = _problems(entry, seen)
        if refused:
            problems.extend(Problem(display, line, message) for message in refused)
            continue
        seen[entry["name"]] = line
        policies.append(
            {
                "name": entry["name"],
                "title": entry["title"].strip(),
                "text": _lines(entry["text"]),
                "source": " ".join((entry.get("source") or "").split()),
                "spot": list(entry.get("spot") or []),
            }
        )
    return policies, file_hash(raw)


def _lines(text: str) -> str:
    """The text with each line's own spacing tidied and blank lines kept (a list stays a list)."""
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines())


def _problems(entry: object, seen: dict[str, int]) -> list[str]:
    if not isinstance(entry, dict) or set(entry) - KEYS:
        return [f"each policy has {', '.join(sorted(KEYS))}, and nothing else"]
    name, title, text = entry.get("name"), entry.get("title"), entry.get("text")
    if not isinstance(name, str) or not NAME.match(name):
        return [f"name {shown(name)}: lower-case words joined by hyphens, such as driving-after-sedation"]
    if name in BUILT_IN:
        return [f"{shown(name)} is built in (filled from the clinic settings)"]
    if name in seen:
        return [f"duplicate policy {shown(name)} (also at line {seen[name]})"]
    if not isinstance(title, str) or not title.strip() or not isinstance(text, str) or not text.strip():
        return [f"{shown(name)}: needs a title and a text"]
    found = [
        m for m in (text_problem("title", title, column_limit("ClinicPolicy", "title")), text_problem("text", text, None)) if m
    ]
    found += [
        f"{shown(name)}: its text names {shown(n)}; a policy may use only {', '.join(BUILT_IN)}"
        for n in PLACEHOLDER.findall(text)
        if n not in BUILT_IN
    ]
    spot = entry.get("spot") or []
    if not isinstance(spot, list) or not all(isinstance(s, str) for s in spot):
        return [*found, f"{shown(name)}: spot must be a list of patterns"]
    for pattern in spot:
        try:
            re.compile(pattern)
        except re.error as exc:
            found.append(f"{shown(name)}: spot pattern {shown(pattern)} is not a valid regular expression ({exc})")
    return found


def stated_by_hand(body: str, policies: Sequence[PolicyEntry]) -> list[tuple[int, str]]:
    """(line offset, message) where the body states a policy's fact in its own words."""
    found = []
    patterns = [(p, re.compile(s, re.IGNORECASE)) for p in policies for s in p["spot"]]
    for offset, line in enumerate(body.splitlines()):
        text = PLACEHOLDER.sub("", line)
        for policy, pattern in patterns:
            if pattern.search(text):
                found.append((offset, f"this states '{policy['title']}' by hand: use {{{{ {policy['name']} }}}} instead"))
                break
    return found
