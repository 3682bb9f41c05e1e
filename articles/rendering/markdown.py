"""The one Markdown pipeline: Markdown -> sanitised HTML, contents list, plain text.

The loader, Article.save(), check_content and the editor's live preview all come through
render() (rendering/site.py adds the clinic's details, library images and glossary links),
so what an editor previews is what a patient gets. Pure functions: no Django, no request.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol, TypedDict, cast

import markdown
import nh3
from django.utils.translation import gettext
from markdown.extensions.toc import slugify_unicode

CALLOUT_KINDS = ("emergency", "urgent", "note", "tip", "warning")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Search numbers an article's passages within a block of this size (search/index.py).
MAX_PASSAGES = 500

_BARE_CALLOUT = re.compile(r"^(\s*)!!!\s+(emergency|urgent)\s*$", re.MULTILINE)


class TocEntry(TypedDict):
    id: str
    title: str
    children: list["TocEntry"]


class Passage(TypedDict, total=False):
    anchor: str
    heading: str
    text: str
    lead: str  # the first paragraph, list or box under the heading, as HTML (with_leads)


class _TocToken(TypedDict):
    """A heading as the toc extension records it (it has more keys; these are the ones read)."""

    id: str
    name: str
    children: list["_TocToken"]


class _TocMarkdown(Protocol):
    """A Markdown after a convert() with the toc extension, which sets toc_tokens (not in its stubs)."""

    toc_tokens: list[_TocToken]


@dataclass
class Rendered:
    html: str
    toc: list[TocEntry] = field(default_factory=list)  # [{"id", "title", "children": [...]}] for h2/h3
    text: str = ""  # all visible text, for search and word counts
    # What the reading grade measures, one unit a line: paragraphs, list items, table cells,
    # callout text (not titles); no headings (docs/content-style.md).
    prose: str = ""
    images: list[dict[str, str]] = field(default_factory=list)  # [{"src", "alt"}]
    sections: list[list[str]] = field(default_factory=list)  # [[h2 text, the text under it]]
    # Each h2 and h3 with its anchor and the text under it (to the next h2 or h3): what search
    # indexes as passages (search/index.py), so a result can link to the section that answers.
    passages: list[Passage] = field(default_factory=list)


def default_callout_titles(emergency_number: str = "911") -> dict[str, str]:
    """In the active language (the .po files translate them)."""
    return {
        "emergency": gettext("Call %(number)s now if") % {"number": emergency_number},
        "urgent": gettext("Call the clinic the same day if"),
    }


def _fill_callout_titles(source: str, titles: Mapping[str, str]) -> str:
    # An emergency card without a title gets one built from the clinic's settings, so
    # the number patients see is never hard-coded into an article.
    def replace(match: re.Match[str]) -> str:
        indent, kind = match.groups()
        return f'{indent}!!! {kind} "{titles[kind]}"'

    return _BARE_CALLOUT.sub(replace, source)


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "toc", "admonition", "sane_lists", "def_list"],
        extension_configs={
            # Stable ids: slug of the heading text, unicode kept, no random suffixes.
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-3", "permalink": False},
        },
        output_format="html",
    )


def _toc(tokens: list[_TocToken]) -> list[TocEntry]:
    return [{"id": t["id"], "title": t["name"], "children": _toc(t.get("children", []))} for t in tokens]


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


class _TextCollector(HTMLParser):
    """Collects all text, the running text the reading grade measures, images and the h2
    sections from sanitised HTML."""

    # Each of these is one unit of running text (a list item counts as a sentence).
    PROSE_BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt"})
    NOT_PROSE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre", "title"})
    BLOCKS = frozenset({"p", "li", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre", "div"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.prose: list[str] = []
        self.images: list[dict[str, str]] = []
        self.sections: list[tuple[list[str], list[str]]] = []  # heading parts, body parts per h2
        self._in_h2 = False
        self.passages: list[tuple[str, list[str], list[str]]] = []  # anchor, heading parts, text parts per h2/h3
        self._in_heading = False
        self._stack: list[tuple[str, str]] = []  # (open tag, what it is: the tag, or "title" for a callout's)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.images.append({"src": values.get("src") or "", "alt": values.get("alt") or ""})
            return
        if tag == "br":
            return
        if tag == "h2":
            self.sections.append(([], []))
            self._in_h2 = True
        if tag in ("h2", "h3"):
            self.passages.append((values.get("id") or "", [], []))
            self._in_heading = True
        self._stack.append((tag, "title" if "admonition-title" in (values.get("class") or "").split() else tag))
        if tag in self.BLOCKS:
            self.text.append("\n")
        if tag in self.PROSE_BLOCKS:
            self.prose.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._in_heading = False
        elif tag in self.BLOCKS and self.passages:
            self.passages[-1][2].append(" ")
        if tag == "h2":
            self._in_h2 = False
        elif tag in self.BLOCKS and self.sections:
            self.sections[-1][1].append(" ")
        while self._stack:
            if self._stack.pop()[0] == tag:
                break
        if tag in self.BLOCKS:
            self.text.append("\n")
        if tag in self.PROSE_BLOCKS:
            self.prose.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.sections:
            self.sections[-1][0 if self._in_h2 else 1].append(data)
        if self.passages:
            _, heading, text = self.passages[-1]
            (heading if self._in_heading else text).append(data)
        open_tags = {what for _, what in self._stack}
        if open_tags & self.PROSE_BLOCKS and not open_tags & self.NOT_PROSE:
            self.prose.append(data)


def _squash(parts: Iterable[str]) -> str:
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def passages_of(html: str) -> list[Passage]:
    """The passages of already rendered, sanitised HTML (a stored article's body_html)."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    return _passages(collector)


def _passages(collector: _TextCollector) -> list[Passage]:
    return [
        {"anchor": anchor, "heading": " ".join("".join(h).split()), "text": " ".join("".join(t).split())}
        for anchor, h, t in collector.passages[:MAX_PASSAGES]
        if anchor
    ]


def with_leads(passages: list[Passage], html: str) -> list[Passage]:
    """Each passage with its lead: the first paragraph, list or box under its heading, as the
    page shows it (html is the finished page, glossary links and all). Worked out when the
    article is rendered, so a search's answer card only reads it."""
    found: list[Passage] = []
    for passage in passages:
        match = re.search(r'<h([23]) id="' + re.escape(passage["anchor"]) + r'"[^>]*>.*?</h\1>', html, re.S)
        lead = ""
        if match:
            # Only up to the next section: the lead is never past it.
            following = _NEXT_HEADING.search(html, match.end())
            collector = _FirstBlock()
            collector.feed(html[match.end() : following.start() if following else len(html)])
            lead = collector.html()
        found.append({**passage, "lead": lead})
    return found


_NEXT_HEADING = re.compile(r"<h[23][\s>]")


class _FirstBlock(HTMLParser):
    """Collects the first top-level block (p, ul, ol, div, dl, table) of an HTML fragment."""

    BLOCKS = frozenset({"p", "ul", "ol", "div", "dl", "table", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.depth = 0
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag in ("br", "img", "hr", "wbr"):
            self.handle_startendtag(tag, attrs)
            return
        if self.depth == 0 and tag in ("h2", "h3", "h4"):
            self.done = True
            return
        if self.depth == 0 and tag not in self.BLOCKS:
            return
        self.depth += 1
        self.parts.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth and not self.done:
            self.parts.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.done or not self.depth:
            return
        self.parts.append(f"</{tag}>")
        self.depth -= 1
        if self.depth == 0:
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done:
            self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def html(self) -> str:
        return "".join(self.parts)


def render(source: str | None, callout_titles: Mapping[str, str] | None = None) -> Rendered:
    """Render article Markdown to a Rendered result. Never raises on any text input."""
    # No NUL, and no lone surrogate (which no encoder accepts): never raise on any text.
    source = (source or "").replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    source = _fill_callout_titles(source, callout_titles or default_callout_titles())
    md = _markdown()
    html = sanitise(md.convert(source))
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return Rendered(
        html=html,
        toc=_toc(cast(_TocMarkdown, md).toc_tokens),
        text=_squash(collector.text),
        prose=_squash(collector.prose),
        images=collector.images,
        sections=[[" ".join("".join(h).split()), " ".join("".join(t).split())] for h, t in collector.sections],
        passages=_passages(collector),
    )
