"""Snippets: a window of an article's text around the first match, matches marked.

Both backends use this: FTS5's snippet() and PostgreSQL's ts_headline() each cost more
than the search itself (ts_headline re-parses each whole article: 10-40 ms a page at
10,000 articles; this costs well under a millisecond).
"""

import re
from collections.abc import Collection

from django.utils.html import escape

from articles.search.query import STOPWORDS

MARK_START, MARK_END = "\x02", "\x03"
# About two lines of text on a phone, starting a few words before the first match.
SNIPPET_WORDS = 28
LEAD_IN_WORDS = 8


def mark(snippet: str) -> str:
    return escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def highlight(text: str, groups: list[list[str]], words: int = SNIPPET_WORDS, stopwords: Collection[str] = STOPWORDS) -> str:
    # Small words of a matched phrase ("in", "the"; the page's language's: "los") are not what
    # the patient looked for.
    wanted = {w for group in groups for phrase in group for w in phrase.split() if w not in stopwords and len(w) > 2}
    # A stem, so "injections" marks "injection": the word less its last two letters, at least four.
    stems = sorted({w[: max(4, len(w) - 2)] for w in wanted}, key=len, reverse=True)
    if not stems:
        return ""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)
    first = pattern.search(text)
    start = 0 if not first else max(0, len(text[: first.start()].split()) - LEAD_IN_WORDS)
    window = text.split()[start : start + words]
    snippet = " ".join(window)
    snippet = pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, snippet)
    return ("…" if start else "") + snippet + "…"
