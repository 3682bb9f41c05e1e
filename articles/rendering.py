"""The one Markdown pipeline: Markdown -> sanitised HTML, contents list, plain text.

The loader, Article.save() and the markdownx live preview all call render(), so what an
editor previews is what a patient gets. Pure functions: no Django imports, no request.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
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
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_BARE_CALLOUT = re.compile(r"^(\s*)!!!\s+(emergency|urgent)\s*$", re.MULTILINE)


@dataclass
class Rendered:
    html: str
    toc: list = field(default_factory=list)  # [{"id", "title", "children": [...]}] for h2/h3
    text: str = ""  # all visible text, for search and word counts
    prose: str = ""  # paragraphs only (no headings, lists, tables), for readability
    images: list = field(default_factory=list)  # [{"src", "alt"}]
    links: list = field(default_factory=list)  # hrefs as written
    sections: list = field(default_factory=list)  # [[h2 text, the text under it]], for structured data


def default_callout_titles(emergency_number="911"):
    return {
        "emergency": f"Call {emergency_number} now if",
        "urgent": "Call the clinic the same day if",
    }


def _fill_callout_titles(source, titles):
    # An emergency card without a title gets one built from the clinic's settings, so
    # the number patients see is never hard-coded into an article.
    def replace(match):
        indent, kind = match.groups()
        return f'{indent}!!! {kind} "{titles[kind]}"'

    return _BARE_CALLOUT.sub(replace, source)


def _markdown():
    return markdown.Markdown(
        extensions=["tables", "toc", "admonition", "sane_lists", "def_list"],
        extension_configs={
            # Stable ids: slug of the heading text, unicode kept, no random suffixes.
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-3", "permalink": False},
        },
        output_format="html",
    )


def _toc(tokens):
    return [{"id": t["id"], "title": t["name"], "children": _toc(t.get("children", []))} for t in tokens]


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


class _TextCollector(HTMLParser):
    """Collects all text, paragraph-only prose, images and links from sanitised HTML."""

    SKIP_FOR_PROSE = {"li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dl"}
    BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.prose, self.images, self.links = [], [], [], []
        self.sections = []  # [heading parts, body parts] per h2
        self._in_h2 = False
        self._stack = []
        self._in_title = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append({"src": attrs.get("src") or "", "alt": attrs.get("alt") or ""})
            return
        if tag == "br":
            return
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        classes = (attrs.get("class") or "").split()
        if tag == "h2":
            self.sections.append([[], []])
            self._in_h2 = True
        self._stack.append((tag, "admonition-title" in classes))
        if tag in self.BLOCKS:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False
        elif tag in self.BLOCKS and self.sections:
            self.sections[-1][1].append(" ")
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if tag in self.BLOCKS:
            self.text.append("\n")
        if tag == "p":
            self.prose.append("\n")

    def handle_data(self, data):
        self.text.append(data)
        if self.sections:
            self.sections[-1][0 if self._in_h2 else 1].append(data)
        tags = {t for t, _ in self._stack}
        in_title = any(is_title for _, is_title in self._stack)
        if "p" in tags and not in_title and not tags & self.SKIP_FOR_PROSE:
            self.prose.append(data)


def _squash(parts):
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def render(source, callout_titles=None):
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
        toc=_toc(md.toc_tokens),
        text=_squash(collector.text),
        prose=_squash(collector.prose),
        images=collector.images,
        links=collector.links,
        sections=[[" ".join("".join(h).split()), " ".join("".join(t).split())] for h, t in collector.sections],
    )


def markdownify(source):
    """django-markdownx's MARKDOWNX_MARKDOWNIFY_FUNCTION: the same pipeline as the page."""
    return render(source).html


# --- glossary terms in context ---------------------------------------------------------

_TAG = re.compile(r"(<[^>]+>)")
_NO_LINK_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "dfn", "abbr", "button", "summary"}


def link_glossary(html, terms):
    """Mark the first use of each glossary term: a link to its entry, with the definition
    shown on hover or keyboard focus by CSS alone (no JavaScript).

    terms: [(name, slug, definition)] with every alias as its own name, longest first.
    Works on sanitised HTML from render(); text in links, headings, code and callout titles
    is left alone.
    """
    if not terms:
        return html
    pattern, by_name = _glossary_matcher(tuple(terms))
    used, stack, out = set(), [], []
    for part in _TAG.split(html):
        if part.startswith("<"):
            _track(part, stack)
            out.append(part)
        elif part and not any(tag in _NO_LINK_INSIDE or tag == "title" for tag in stack):
            out.append(pattern.sub(lambda m: _term(m, by_name, used), part))
        else:
            out.append(part)
    return "".join(out)


@lru_cache(maxsize=8)
def _glossary_matcher(terms):
    """The pattern that finds any glossary name, and name -> (slug, definition).

    The names are laid out as a trie ("nerve block|nerve root" -> "nerve (?:block|root)"):
    with a plain alternation of some 600 names, Python's re tried each name in turn at every
    position of every article, which was a third of the time to load a large library.
    Longer names still win: at each branch the longer continuation is tried first.
    """
    trie = {}
    for name, _, _ in terms:
        node = trie
        for char in name.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    pattern = re.compile(r"(?<![\w-])(" + _trie_regex(trie) + r")(?![\w-])", re.IGNORECASE)
    return pattern, {name.lower(): (slug, definition) for name, slug, definition in terms}


def _trie_regex(node):
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A name may end here or go on: try going on first, so the longest name wins.
    return f"(?:{body})?" if "" in node else body


VOID = {"br", "img", "hr", "wbr", "input", "source"}


def _track(tag_text, stack):
    # nh3's output is well formed: every closing tag closes the innermost open one.
    match = re.match(r"<\s*(/)?\s*([a-zA-Z0-9]+)([^>]*)>", tag_text)
    if not match:
        return
    closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
    if name in VOID:
        return
    if closing:
        if stack:
            stack.pop()
    else:
        stack.append("title" if "admonition-title" in rest else name)


def _term(match, by_name, used):
    text = match.group(0)
    slug, definition = by_name[text.lower()]
    if slug in used:
        return text
    used.add(slug)
    return (
        f'<span class="term"><a href="/glossary/#{slug}">{text}</a>'
        f'<span class="term-tip" role="tooltip">{escape_text(definition)}</span></span>'
    )


def escape_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
