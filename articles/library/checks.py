"""The style guide's checks on one article (docs/content-style.md), each written once.

The editor's checks list (editorial/preview.py) and check_content (library/quality.py) call
these same functions. Each finding says what is wrong, where it is in the body (its line,
from 1, and the text on that line to select) and, for the live preview, which heading, image
or link it is. The rules themselves live where docs/architecture.md says: the reading grade,
the sections and alt text in rules.py, what counts as a use of a word in
rendering/glossary.py, image and link problems in the loader (validation.body_problems).
Pure: no database, no request.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from articles import rules
from articles.library.policies import PolicyEntry, stated_by_hand
from articles.library.validation import IMAGE_RE, body_problems
from articles.library.words import left_behind
from articles.rendering.glossary import GlossaryIndex, term_pattern
from articles.rendering.markdown import Rendered, TocEntry
from articles.rendering.readability import Readability

# The order the editor lists them in: what stops saving or publishing first, advice last.
CHECKS = ("grade", "alt-text", "links", "policies", "sections", "glossary", "headings", "link-text", "plain-words")
# Link text that does not say where the link goes (compared in lower case, without punctuation).
VAGUE_LINK_TEXT = frozenset(
    {"click here", "click", "here", "read more", "more", "learn more", "find out more", "this", "this link", "link", "this page"}
)


@dataclass(frozen=True)
class Finding:
    check: str  # one of CHECKS
    message: str
    line: int | None = None  # the line of the body, from 1; None when not in the body
    select: str = ""  # the text on that line to select; "" for the whole line
    target: str = ""  # in the preview: "heading:2", "image:0", "link:5" (the nth of its kind)
    stops: str = ""  # what it stops: "saving", "publishing", or nothing
    where: str = ""  # where it is when not in the body ("the title or summary", "the at-a-glance facts")
    details: tuple["Finding", ...] = ()  # the hardest sentences of a grade over the limit


@dataclass(frozen=True)
class Words:
    """The library's word lists the checks read."""

    glossary: GlossaryIndex
    medical_terms: Sequence[str] = ()
    plain_words: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # The clinic policies (content/policies.yaml): each fact a page should name, not restate.
    policies: Sequence[PolicyEntry] = ()


# --- Finding things in the body ------------------------------------------------------------

_WORD = re.compile(r"[\w'’]+")
# Between two words of the page's text, the Markdown may have spaces, punctuation, emphasis
# marks or a link's address.
_GAP = r"(?:\]\([^)\n]*\)|[^\w\n])++"
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


def _first(lines: Sequence[str], pattern: re.Pattern[str]) -> tuple[int | None, str]:
    """The first line (from 1) where pattern matches, and what it matched there."""
    for number, line in enumerate(lines, 1):
        match = pattern.search(line)
        if match:
            return number, match.group(0)
    return None, ""


def _words_pattern(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _GAP.join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def locate_text(lines: Sequence[str], text: str) -> tuple[int | None, str]:
    """Where a piece of the page's text (a sentence, say) is in the Markdown: the whole of it
    on one line, or else its first words."""
    words = _WORD.findall(text)
    for count in dict.fromkeys((len(words), min(len(words), 6))):
        if count:
            line, found = _first(lines, _words_pattern(words[:count]))
            if line is not None:
                return line, found
    return None, ""


def _squash(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _headings_in_source(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """(line, level, text) of each '#' heading (indented four spaces, a line is code; the
    pipeline has no fenced code)."""
    return [(number, len(m.group(1)), m.group(2)) for number, line in enumerate(lines, 1) if (m := _ATX.match(line))]


class _Outline(HTMLParser):
    """The headings (h2-h6) and links of rendered HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.links: list[str] = []
        self._open: list[tuple[str, list[str]]] = []  # the heading or link being read, and its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" or re.fullmatch(r"h[2-6]", tag):
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if tag == "a":
                self.links.append(text)
            else:
                self.headings.append((int(tag[1]), text))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def _outline(html: str) -> _Outline:
    outline = _Outline()
    outline.feed(html)
    outline.close()
    return outline


# --- The checks -----------------------------------------------------------------------------


def reading_grade(figures: Readability, body: str, facts: Iterable[str] = ()) -> list[Finding]:
    """The reading grade over the limit (rules.reading_grade), with the hardest sentences.

    facts: the at-a-glance values, which the grade measures too (rendering/site.readability).
    """
    grade = rules.reading_grade(figures)
    if not grade.too_hard:
        return []
    lines, glance = body.splitlines(), {_squash(fact) for fact in facts}
    hardest = tuple(_sentence(lines, sentence, glance) for sentence in figures.long_sentences)
    return [Finding("grade", f"reading grade {grade} is over {grade.limit:g}", stops="publishing", details=hardest)]


def _sentence(lines: Sequence[str], sentence: str, facts: set[str]) -> Finding:
    line, found = locate_text(lines, sentence)
    where = "the at-a-glance facts" if line is None and _squash(sentence) in facts else ""
    return Finding("grade", sentence, line, found, where=where)


def missing_sections(kind: str, toc: Iterable[TocEntry]) -> list[Finding]:
    """The sections a procedure needs (rules.REQUIRED_SECTIONS) that no ## heading answers."""
    return [
        Finding("sections", f"a procedure needs a '{name}' section (a ## heading)")
        for name in rules.missing_sections(kind, [entry["title"] for entry in toc])
    ]


def medical_terms_outside(index: GlossaryIndex, terms: Iterable[str], text: str) -> list[str]:
    """Terms from the curated list that occur in text and that the glossary does not explain."""
    return [term for term in terms if not index.covers(term) and term_pattern(term).search(text)]


def glossary_gaps(index: GlossaryIndex, terms: Iterable[str], text: str, body: str) -> list[Finding]:
    """Medical words (content/medical_terms.txt) used in text that the glossary does not explain."""
    lines, found = body.splitlines(), []
    for term in medical_terms_outside(index, terms, text):
        pattern = term_pattern(term)
        match = pattern.search(text)
        used = match.group(0) if match else term
        line, select = _first(lines, pattern)
        message = f"medical term '{used}' is not in the glossary"
        found.append(Finding("glossary", message, line, select, where="" if line else "the title or summary"))
    return found


def plain_words(text: str, body: str, words: Mapping[str, Sequence[str]]) -> list[Finding]:
    """Hard words from content/plain_words.yaml used in text, each with its plainer word."""
    lines, found = body.splitlines(), []
    for hard, plainer in words.items():
        pattern = term_pattern(hard)
        match = pattern.search(text)
        if match is None:
            continue
        instead = " or ".join(f"'{word}'" for word in plainer)
        line, select = _first(lines, pattern)
        message = f"'{match.group(0)}': a plainer word is {instead}"
        found.append(Finding("plain-words", message, line, select, where="" if line else "the title or summary"))
    return sorted(found, key=lambda f: f.line or 0)


def heading_order(html: str, body: str) -> list[Finding]:
    """Headings out of order: a '#' heading in the body (the title is the only one), a ###
    before any ##, or a heading that skips a level."""
    lines = body.splitlines()
    source = _headings_in_source(lines)
    found = [
        Finding("headings", f"'# {text}' is a top-level heading: the title is the page's only one; use ##", line)
        for line, level, text in source
        if level == 1
    ]
    sections = [(line, _squash(text)) for line, level, text in source if level > 1]
    previous = 1  # the page's title
    for index, (level, text) in enumerate(_outline(html).headings):
        key = _squash(text)
        at = next((i for i, (_, squashed) in enumerate(sections) if squashed == key), None)
        line = sections[at][0] if at is not None else None
        sections = sections[at + 1 :] if at is not None else sections
        if level > previous + 1:
            marks = "#" * level
            message = (
                f"'{text}' is a {marks} heading before any ## heading"
                if previous == 1
                else f"'{text}' jumps from {'#' * previous} to {marks}: use {'#' * (previous + 1)}"
            )
            found.append(Finding("headings", message, line, target=f"heading:{index}"))
        previous = level
    return found


def questions_left_behind(filed: Iterable[str], rendered: Rendered) -> list[Finding]:
    """The sections that what patients ask (content/section_questions.yaml) is filed under, by
    anchor, and that this draft no longer has: a heading reworded changes its anchor, and
    search quietly stops counting those questions for the page (check_content names them too).
    Advice: the editor keeps the heading's words, or has the questions moved."""
    return [
        Finding(
            "headings",
            f"search finds the section '#{anchor}' by what patients ask that it answers "
            "(content/section_questions.yaml), and this draft has no heading with that address any "
            "more: keep the heading's words, or ask whoever keeps the content files to move the questions",
            where="the headings",
        )
        for anchor in left_behind(filed, (passage["anchor"] for passage in rendered.passages))
    ]


def link_text(html: str, body: str) -> list[Finding]:
    """Links whose words do not say where they go ("click here", "read more")."""
    lines, found = body.splitlines(), []
    seen: dict[str, int] = {}  # squashed text -> how many such links so far
    for index, text in enumerate(_outline(html).links):
        key = _squash(text)
        if key not in VAGUE_LINK_TEXT:
            continue
        nth = seen[key] = seen.get(key, -1) + 1
        pattern = re.compile(r"\[\s*" + r"\W+".join(map(re.escape, key.split())) + r"\W*\]", re.IGNORECASE)
        places = [(number, m.group(0)) for number, line in enumerate(lines, 1) for m in pattern.finditer(line)]
        line, select = places[nth] if nth < len(places) else (None, "")
        message = f"link text '{text}' does not say where the link goes: use words that name the page"
        found.append(Finding("link-text", message, line, select, target=f"link:{index}"))
    return found


def body_findings(body: str, known_slugs: set[str], policies: Iterable[str] | None = None) -> list[Finding]:
    """The loader's checks of the body (validation.body_problems, as check_content runs them):
    images without alt text, links to articles that do not exist and, given the policy names,
    clinic policies that do not exist."""
    lines, found = body.splitlines(), []
    images = [(number, m) for number, line in enumerate(lines, 1) for m in IMAGE_RE.finditer(line)]
    undescribed = [(i, number, m.group(0)) for i, (number, m) in enumerate(images) if rules.alt_text_missing(m.group(1))]
    for offset, message in body_problems(body, known_slugs, policies=policies):
        line = offset + 1
        if message == rules.ALT_TEXT_MESSAGE:
            at = next((k for k, (_, number, _) in enumerate(undescribed) if number == line), None)
            index, _, markup = undescribed.pop(at) if at is not None else (None, line, "")
            target = f"image:{index}" if index is not None else ""
            found.append(Finding("alt-text", message, line, markup, target=target, stops="saving"))
        elif message.startswith("unknown clinic policy"):
            name = re.search(r"'(\{\{[^']*\}\})'", message)
            found.append(Finding("policies", message, line, name.group(1) if name else "", stops="saving"))
        else:
            address = re.search(r"'(/articles/[^']*)'", message)
            found.append(Finding("links", message, line, address.group(1) if address else ""))
    return found


def article_findings(
    body: str,
    rendered: Rendered,
    figures: Readability,
    kind: str,
    words: Words,
    text: str | None = None,
    facts: Iterable[str] = (),
) -> list[Finding]:
    """Every check of this module but the loader's (body_findings), in the order of CHECKS.

    text: where words are looked for (check_content adds the title and summary); the body's
    visible text by default. facts: the at-a-glance values, measured with the text.
    """
    text = rendered.text if text is None else text
    return ordered(
        [
            *reading_grade(figures, body, facts),
            *missing_sections(kind, rendered.toc),
            *glossary_gaps(words.glossary, words.medical_terms, text, body),
            *heading_order(rendered.html, body),
            *link_text(rendered.html, body),
            *plain_words(text, body, words.plain_words),
            *[Finding("policies", message, offset + 1) for offset, message in stated_by_hand(body, words.policies)],
        ]
    )


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: CHECKS.index(f.check))
