"""The glossary as one index: what counts as a use of a term, everywhere.

One matching rule serves linking terms in articles, the coverage check in `check_content`,
the editor's "medical words not in the glossary" list and the glossary card in search:
a name matches whole words in any case, spaces and hyphens between its words are
interchangeable, and a plain plural (-s, -es) counts as the word. Pure: no Django.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import TypeAlias

# Names shorter than this are too likely to be part of ordinary text to link.
MIN_LINK_CHARS = 3
_START, _END = r"(?<![\w-])", r"(?:e?s)?(?![\w-])"  # whole words, with a plain plural
_SEPARATOR = re.compile(r"[\s-]+")
# Each character leads to the rest of the names that go on with it; the key "" marks a name's end.
_Trie: TypeAlias = dict[str, "_Trie"]


def normalise(name: str) -> str:
    """The form names are compared in: lower case, words split on spaces and hyphens."""
    return " ".join(_SEPARATOR.split(name.strip().lower())).strip()


def _forms(name: str) -> set[str]:
    """A name and what it is without a plain plural ending."""
    forms = {name}
    if name.endswith("es"):
        forms.add(name[:-2])
    if name.endswith("s"):
        forms.add(name[:-1])
    return forms


def name_pattern(name: str) -> str:
    """The regular expression for one name's words, without the word boundaries."""
    return r"[\s-]+".join(re.escape(word) for word in normalise(name).split())


def term_pattern(name: str) -> re.Pattern[str]:
    return re.compile(_START + "(" + name_pattern(name) + ")" + _END, re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    term: str
    slug: str
    definition: str
    aliases: tuple[str, ...] = ()
    # Words that show this meaning is meant where another entry shares a name ("trial").
    sense_words: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


class GlossaryIndex:
    def __init__(self, entries: Iterable[Entry], page: str = "/glossary/"):
        self.entries = list(entries)
        self.page = page  # the glossary page the links go to (its language's)
        # normalised name -> its entry; a term's own name wins over another's alias.
        self.by_name: dict[str, Entry] = {}
        # normalised name -> every entry that claims it, term owners first. A name two
        # entries share is linked to the one whose sense words are near (senses()).
        self.claims: dict[str, list[Entry]] = {}
        for entry in self.entries:
            self.by_name.setdefault(normalise(entry.term), entry)
            self.claims.setdefault(normalise(entry.term), []).append(entry)
        for entry in self.entries:
            for alias in entry.aliases:
                self.by_name.setdefault(normalise(alias), entry)
                claimants = self.claims.setdefault(normalise(alias), [])
                if entry not in claimants:
                    claimants.append(entry)

    @cached_property
    def version(self) -> str:
        """A digest of every entry: equal for equal glossaries."""
        text = "\n".join(
            f"{e.term}|{e.slug}|{e.definition}|{'|'.join(e.aliases)}|{'|'.join(e.sense_words)}" for e in self.entries
        )
        return hashlib.sha256(f"{self.page}\n{text}".encode()).hexdigest()

    @cached_property
    def _covered(self) -> set[str]:
        return {form for name in self.by_name for form in _forms(name)}

    def covers(self, word: str) -> bool:
        """Whether the glossary explains this word or phrase (or its plain plural)."""
        return bool(_forms(normalise(word)) & self._covered)

    def entry_for(self, text: str, context: str | None = None) -> Entry | None:
        """The entry a use of this name stands for. Where entries share the name, the one
        whose sense words occur in context (the paragraph or list item) wins; else the one
        without sense words; else none: better no link than the wrong meaning."""
        name = normalise(text)
        form = next((form for form in _forms(name) if form in self.by_name), None)
        if form is None:
            return None
        claimants = self.claims[form]
        if len(claimants) == 1:
            return claimants[0]
        if context is not None:
            near = next((e for e in claimants if e.sense_words and _mentions(context, e.sense_words)), None)
            if near is not None:
                return near
        return next((e for e in claimants if not e.sense_words), None if context is not None else claimants[0])

    def shared_names(self) -> list[tuple[str, list[Entry]]]:
        """Names that two or more entries without sense words claim: linking cannot tell them apart."""
        return [(name, es) for name, es in self.claims.items() if sum(not e.sense_words for e in es) > 1]

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Any linkable name, as one trie-shaped pattern.

        Names are laid out as a trie ("nerve block|nerve root" -> "nerve (?:block|root)"):
        with a plain alternation of some 600 names, Python's re tried each name in turn at
        every position of every article, which was a third of the time to load a large
        library. Longer names still win: at each branch the longer continuation is tried first.
        """
        trie: _Trie = {}
        for name in self.by_name:
            if len(name) < MIN_LINK_CHARS:
                continue
            node = trie
            for char in name:
                node = node.setdefault(char, {})
            node[""] = {}
        if not trie:
            return None
        return re.compile(_START + "(" + _trie_regex(trie) + ")" + _END, re.IGNORECASE)

    def find(self, text: str) -> list[Entry]:
        """The entries whose names occur in text, in order of first use, each once."""
        if self.pattern is None:
            return []
        found: dict[str, Entry] = {}
        for match in self.pattern.finditer(text):
            entry = self.entry_for(match.group(1))
            if entry is not None:
                found.setdefault(entry.term, entry)
        return list(found.values())

    def link(self, html: str) -> str:
        """Mark the first use of each term: a link to its entry, with the definition shown on
        hover or keyboard focus by CSS alone (no JavaScript).

        Works on sanitised HTML from markdown.render(); text in links, headings, code and
        callout titles is left alone.
        """
        if self.pattern is None:
            return html
        used: set[str] = set()
        stack: list[str] = []
        out: list[str] = []
        parts = _TAG.split(html)
        blocks = _blocks(parts)
        for index, part in enumerate(parts):
            if part.startswith("<"):
                _track(part, stack)
                out.append(part)
            elif part and not any(tag in _NO_LINK_INSIDE for tag in stack):
                out.append(self.pattern.sub(lambda m, near=blocks[index]: self._link_once(m, used, near), part))
            else:
                out.append(part)
        return "".join(out)

    def _link_once(self, match: re.Match[str], used: set[str], context: str) -> str:
        text = match.group(0)
        entry = self.entry_for(match.group(1), context)
        if entry is None or entry.slug in used:
            return text
        used.add(entry.slug)
        return (
            f'<span class="term"><a href="{self.page}#{entry.slug}">{text}</a>'
            f'<span class="term-tip" role="tooltip">{escape(entry.definition, quote=False)}</span></span>'
        )


def _mentions(text: str, words: Iterable[str]) -> bool:
    return any(term_pattern(word).search(text) for word in words)


# A sense is told from the block a word sits in: its paragraph, list item, cell or heading.
_BLOCK_TAGS = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "div", "blockquote", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"}
)


def _blocks(parts: list[str]) -> list[str]:
    """For each text part of split HTML, the text of the block it is in."""
    block, owner, texts = 0, [], [""]
    for part in parts:
        if part.startswith("<"):
            name = re.match(r"<\s*/?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _BLOCK_TAGS:
                block += 1
                texts.append("")
            owner.append(-1)
        else:
            owner.append(block)
            texts[block] += part
    return [texts[b] if b >= 0 else "" for b in owner]


def _trie_regex(node: _Trie) -> str:
    branches = [_char(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A name may end here or go on: try going on first, so the longest name wins.
    return f"(?:{body})?" if "" in node else body


def _char(char: str) -> str:
    return r"[\s-]+" if char == " " else re.escape(char)


_TAG = re.compile(r"(<[^>]+>)")
# "title" stands for a callout's title (markdown.py marks it admonition-title).
_NO_LINK_INSIDE = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "dfn", "abbr", "button", "summary", "title"})
_VOID = frozenset({"br", "img", "hr", "wbr", "input", "source"})


def _track(tag_text: str, stack: list[str]) -> None:
    # nh3's output is well formed: every closing tag closes the innermost open one.
    match = re.match(r"<\s*(/)?\s*([a-zA-Z0-9]+)([^>]*)>", tag_text)
    if not match:
        return
    closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
    if name in _VOID:
        return
    if closing:
        if stack:
            stack.pop()
    else:
        stack.append("title" if "admonition-title" in rest else name)
