"""The final order of results: the database's rank of whole articles, the rank of their best
section (passage), and what favours the page about the thing itself.

The database ranks articles and sections by the words they contain. Repeated common words
("back", "pain") pull in long pages that merely mention them, so the first results are
ordered again here, by four signals, each on a 0-1 scale:
- where the database put the article, and where it put the article's best section
  (reciprocal ranks: a section that answers the query lifts its article);
- the query's words in the title or other names, each weighted by how rare it is among
  titles ("sleep" counts for more than "pain");
- a body part named in the query, for the articles content/body_parts.yaml gives for it.
Only the first CANDIDATES are re-ordered; the rest keep the database's order.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from articles.caching.memo import per_stamp
from articles.models import Article
from articles.search.query import STOPWORDS, tokens

CANDIDATES = 100
# How much each signal counts (the article's own rank counts 1).
SECTION_WEIGHT = 0.8
TITLE_WEIGHT = 1.0
BODY_PART_WEIGHT = 0.5
_RANK_OFFSET = 2  # 1/(position + 2): the first result 0.5, the second 0.33, …


def stem(word: str) -> str:
    """The start every form of a word shares, for matching by prefix in lower-case text:
    plural, -ing, -ed, a final e or y go ("driving" -> "driv", "injuries" -> "injur")."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ies", "ied", "sses", "ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            word = word[: -len(suffix)] + ("ss" if suffix == "sses" else "")
            if suffix in ("ing", "ed") and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # napping -> nap, stopped -> stop
            break
    return word[:-1] if word.endswith(("e", "y")) and len(word) > 4 else word


_STOP = frozenset(stem(w) for w in STOPWORDS)


def stems(text: str) -> list[str]:
    return [stem(t) for t in tokens(text)]


def _phrases(group: Sequence[str]) -> list[str]:
    return [" ".join(stems(phrase)) for phrase in group if phrase.strip()]


class _Words:
    """Stemmed words in a row, each with any ending ("driv" finds drive, driving, driver), in
    lower-case text. A plain substring test first: most texts do not have the word at all."""

    def __init__(self, words: Sequence[str]):
        self.first = words[0]
        self.pattern = re.compile(r"(?<!\w)" + r"\w*\W+".join(re.escape(w) for w in words) + r"\w*")

    def found(self, text: str) -> bool:
        return self.first in text and self.pattern.search(text) is not None


@lru_cache(maxsize=4096)
def _matcher(group: tuple[str, ...]) -> tuple[tuple[_Words, ...], tuple[_Words, ...]]:
    """A concept as the database matches it: each word the patient typed, anywhere; each
    clinical phrase, as a phrase."""
    phrases = [p.split() for p in _phrases(group)]
    if not phrases:
        return (), ()
    typed, *clinical = phrases
    typed = [w for w in typed if w not in _STOP] or typed
    return tuple(_Words([w]) for w in typed), tuple(_Words(p) for p in clinical if p)


def mentions(group: Sequence[str], text: str) -> bool:
    """Whether text (lower case) has the concept: every word the patient typed, or a clinical phrase."""
    typed, clinical = _matcher(tuple(group))
    return bool(typed) and all(w.found(text) for w in typed) or any(w.found(text) for w in clinical)


def coverage(group: Sequence[str], text: str) -> float:
    """How much of a concept text (lower case) has: 1 for a clinical phrase or every word the
    patient typed; otherwise the share of the typed words it has."""
    typed, clinical = _matcher(tuple(group))
    if any(w.found(text) for w in clinical):
        return 1.0
    return sum(1 for w in typed if w.found(text)) / len(typed) if typed else 0.0


@dataclass(frozen=True)
class Names:
    """Every live article's title and other names, and how many titles use each (stemmed) word."""

    by_id: dict[int, str] = field(default_factory=dict)  # id -> title and other names
    title_df: Counter[str] = field(default_factory=Counter)
    ids: dict[str, int] = field(default_factory=dict)  # slug -> id

    weights: dict[tuple[str, ...], float] = field(default_factory=dict)  # what weight() worked out

    def weight(self, group: Sequence[str]) -> float:
        """How rare a concept is among titles: rare words say what a page is about."""
        key = tuple(group)
        if key not in self.weights:
            words = [w for phrase in _phrases(group) for w in phrase.split()]
            df = min((self.title_df.get(w, 0) for w in words), default=0)
            self.weights[key] = math.log(1 + len(self.by_id) / (1 + df))
        return self.weights[key]


@per_stamp
def names() -> Names:
    rows = list(Article.objects.published().values_list("id", "slug", "title", "also_called").iterator(chunk_size=1000))
    by_id = {pk: " ".join([title, *(also or [])]).lower() for pk, _, title, also in rows}
    title_df: Counter[str] = Counter()
    for text in by_id.values():
        title_df.update(set(stems(text)))
    return Names(by_id, title_df, {slug: pk for pk, slug, _, _ in rows})


@dataclass
class Ranked:
    ids: list[int]
    # article id -> its best section: (anchor, heading, text)
    sections: dict[int, tuple[str, str, str]]
    first_section_article: int | None  # the article of the best section overall


def order(
    article_ids: Sequence[int],
    passages: Iterable[Sequence],
    groups: Sequence[Sequence[str]],
    body_articles: set[int] = frozenset(),  # type: ignore[assignment]
) -> Ranked:
    """article_ids: the database's order; passages: (id, article id, anchor, heading, text), best first."""
    best_section: dict[int, tuple[str, str, str]] = {}
    section_rank: dict[int, int] = {}
    first = None
    for position, (_, article_id, anchor, heading, text) in enumerate(passages):
        if first is None:
            first = article_id
        if article_id not in section_rank:
            section_rank[article_id] = position
            best_section[article_id] = (anchor, heading, text)
    head, tail = list(article_ids[:CANDIDATES]), list(article_ids[CANDIDATES:])
    head += [a for a in body_articles if a not in head and a not in tail]
    known = names()
    weights = [(group, known.weight(group)) for group in groups]
    total = sum(w for _, w in weights) or 1.0

    def score(item: tuple[int, int]) -> float:
        position, article_id = item
        value = 1 / (position + _RANK_OFFSET)
        if article_id in section_rank:
            value += SECTION_WEIGHT / (section_rank[article_id] + _RANK_OFFSET)
        title = known.by_id.get(article_id, "")
        value += TITLE_WEIGHT * sum(w for group, w in weights if mentions(group, title)) / total
        if article_id in body_articles:
            value += BODY_PART_WEIGHT
        return value

    head = [a for _, a in sorted(enumerate(head), key=score, reverse=True)]
    return Ranked(head + tail, best_section, first)


# Sections that sum up the page or list questions mention everything and answer nothing.
_SUMMARY = re.compile(r"\bkey points\b|\bquestions\b|\bon this page\b|\bsummary\b", re.I)
SUMMARY_FACTOR = 0.3
# The page's own name says which page, not which section.
NAME_FACTOR = 0.1


def _found(group: Sequence[str], heading: str, text: str) -> float:
    """A concept's coverage of a section, the heading's counting twice (one search when absent)."""
    if not coverage(group, f"{heading}\n{text}"):
        return 0.0
    return coverage(group, heading) * 2 + coverage(group, text)


def best_sections(rows: Iterable[Sequence], groups: Sequence[Sequence[str]]) -> dict[int, tuple[str, str, str]]:
    """Each article's section that answers the query best, from its matching sections
    (article id, anchor, heading, text), in page order: a concept in the heading counts twice;
    a concept counts more the fewer of the article's sections have it, and little when it is
    the page's own name. With nothing else to go on, the first matching section (what it is)."""
    by_article: dict[int, list[tuple[str, str, str, str, str]]] = {}
    for article_id, anchor, heading, text in rows:
        by_article.setdefault(article_id, []).append((anchor, heading, text, heading.lower(), text.lower()))
    chosen = {}
    known = names()
    for article_id, sections in by_article.items():
        title = known.by_id.get(article_id, "")
        found = [[_found(g, head, body) for g in groups] for *_, head, body in sections]
        df = [sum(1 for row in found if row[i] > 0) for i in range(len(groups))]
        # The page's own name, when most of its sections use it, says which page, not which section.
        # And a word rare in the whole library's titles says more than a common one ("drive", "after").
        weights = [
            math.log(1 + len(sections) / df[i])
            * known.weight(g)
            * (NAME_FACTOR if df[i] * 3 > len(sections) and mentions(g, title) else 1.0)
            if df[i]
            else 0.0
            for i, g in enumerate(groups)
        ]

        def score(index, weights=weights, found=found, sections=sections):
            value = sum(w * c for w, c in zip(weights, found[index], strict=True))
            return value * (SUMMARY_FACTOR if _SUMMARY.search(sections[index][1]) else 1.0)

        anchor, heading, text, *_ = sections[max(range(len(sections)), key=score)]
        chosen[article_id] = (anchor, heading, text)
    return chosen
