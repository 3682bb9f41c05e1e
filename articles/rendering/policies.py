"""Clinic policies in an article's Markdown: `{{ driving-after-sedation }}`.

The practical facts that recur across pages and that each clinic sets for itself (its
driving rule, its fasting times, how it handles blood thinners…) are written once, in
content/policies.yaml, each with a sourced default; a clinic may set its own wording in
the admin (ClinicPolicy). An article names the policy and the page shows the current text,
so a change reaches every page that uses it (rendering/triggers.py). Three names are
built in and come from the clinic settings. Pure: no Django.
"""

import re
from collections.abc import Iterable, Mapping

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")
_OWN_LINE = re.compile(r"^([ \t]*)\{\{\s*([^{}\s]*)\s*\}\}[ \t]*$", re.MULTILINE)
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BUILT_IN = ("clinic-name", "clinic-phone", "emergency-number")


def names_in(text: str) -> list[tuple[int, str]]:
    """(line offset, name) for every placeholder in text, in order."""
    return [(offset, m.group(1)) for offset, line in enumerate((text or "").splitlines()) for m in PLACEHOLDER.finditer(line)]


def unknown(text: str, known: Iterable[str]) -> list[tuple[int, str]]:
    """(line offset, message) for each placeholder that names no policy."""
    names = set(known) | set(BUILT_IN)
    return [
        (offset, f"unknown clinic policy '{{{{ {name} }}}}': the names are in content/policies.yaml")
        for offset, name in names_in(text)
        if name not in names
    ]


def fill(text: str, values: Mapping[str, str]) -> str:
    """Each placeholder replaced by its current text. A placeholder alone on its line takes
    the text as written, each line indented like the placeholder (so a list stays a list
    inside a box); one inside a sentence or list item takes it as one line. A policy's own
    text may use the built-in names (its clinic's phone number): a second pass fills them."""
    if "{{" not in (text or ""):
        return text

    def block(match: re.Match[str]) -> str:
        indent, name = match.group(1), match.group(2)
        lines = values.get(name, "").splitlines()
        return "\n".join(indent + line if line.strip() else "" for line in lines)

    def inline(match: re.Match[str]) -> str:
        return " ".join(values.get(match.group(1), "").split())

    text = _OWN_LINE.sub(block, text)
    text = PLACEHOLDER.sub(inline, text)
    return PLACEHOLDER.sub(lambda m: inline(m) if m.group(1) in BUILT_IN else "", text)


def uses(text: str, names: Iterable[str]) -> bool:
    """Whether text names any of these policies."""
    wanted = set(names)
    return any(name in wanted for _, name in names_in(text))
