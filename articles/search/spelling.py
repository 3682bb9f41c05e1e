"""'Did you mean': each unknown word replaced by its closest known word."""

import difflib
from collections.abc import Iterable

from articles.search.query import STOPWORDS

# Shorter words are too often real words of their own to correct.
MIN_CORRECTED_CHARS = 4
# How alike a correction must be (difflib's ratio) and how much its length may differ.
CLOSENESS = 0.75
LENGTH_SLACK = 2


def by_initial(words: Iterable[str]) -> dict[str, list[str]]:
    # Misspellings rarely get the first letter wrong; comparing only words that share it
    # keeps "did you mean" cheap with tens of thousands of titles.
    index: dict[str, list[str]] = {}
    for word in sorted(words):
        index.setdefault(word[0], []).append(word)
    return index


def suggest(query_tokens: Iterable[str], known: set[str], suggestable: dict[str, list[str]]) -> str:
    """The query with each unknown word replaced by its closest known word, or ''."""
    changed, out = False, []
    query_tokens = list(query_tokens)
    for i in range(len(query_tokens) - 1):
        joined = query_tokens[i] + query_tokens[i + 1]
        if joined in known and (query_tokens[i] not in known or query_tokens[i + 1] not in known):
            query_tokens[i : i + 2] = [joined, ""]
            changed = True
    for token in filter(None, query_tokens):
        if token in known or token in STOPWORDS or len(token) < MIN_CORRECTED_CHARS:
            out.append(token)
            continue
        candidates = [w for w in suggestable.get(token[0], ()) if abs(len(w) - len(token)) <= LENGTH_SLACK]
        close = difflib.get_close_matches(token, candidates, n=1, cutoff=CLOSENESS)
        if close:
            out.append(close[0])
            changed = True
        else:
            out.append(token)
    return " ".join(out) if changed else ""
