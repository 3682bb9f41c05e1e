"""An answer first: for a question, the section that clearly answers it, shown above the
results like the glossary card (its heading, its first paragraph or list, a link to it).

"Clearly" means: the best section of all belongs to the best article, and the section (with
its page's name) covers most of what the question asks (by weight: rare words count most). Otherwise no card; better
none than a wrong one. Only live articles have sections to rank (backends drop the rest).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from articles.search.ranking import Ranked, mentions, names

QUESTION_WORDS = frozenset(
    """how what when where why who which whom whose can could do does did is are am was were
    should shall will would may might must has have""".split()
)
# The share of the question's weight the section must cover.
COVERAGE = 0.6


@dataclass
class Answer:
    slug: str
    title: str
    anchor: str
    heading: str
    html: str  # the section's first paragraph or list: sanitised HTML from the article


def is_question(raw: str, query_tokens: Sequence[str]) -> bool:
    return raw.strip().endswith("?") or (bool(query_tokens) and query_tokens[0] in QUESTION_WORDS)


def choose(ranking: Ranked, groups: Sequence[Sequence[str]]) -> tuple[int, str, str] | None:
    """(article id, anchor, heading) of the section that clearly answers, or None."""
    if not ranking.ids or not groups:
        return None
    top = ranking.ids[0]
    section = ranking.sections.get(top)
    if section is None or ranking.first_section_article != top:
        return None
    anchor, heading, text = section
    known = names()
    weights = [(group, known.weight(group)) for group in groups]
    total = sum(w for _, w in weights)
    # The page's own name counts as covered: the section is part of the page about it.
    where, title = f"{heading} {text}".lower(), known.by_id.get(top, "")
    covered = sum(w for group, w in weights if mentions(group, where) or mentions(group, title))
    if not total or covered / total < COVERAGE:
        return None
    # And its heading is about what is asked: it names something the question asks beyond the page.
    if not any(mentions(group, heading.lower()) and not mentions(group, title) for group, _ in weights):
        return None
    return top, anchor, heading


def lead(body_html: str, anchor: str) -> str:
    """The first paragraph, list or box after the heading with this id, as it is on the page."""
    match = re.search(r'<h([23]) id="' + re.escape(anchor) + r'"[^>]*>.*?</h\1>', body_html or "", re.S)
    if not match:
        return ""
    collector = _FirstBlock()
    collector.feed(body_html[match.end() :])
    return collector.html()


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
