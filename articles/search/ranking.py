"""The final order of results, and the section each result links to.

The database ranks articles and sections by the words they contain. Repeated common words
("back", "pain") pull in long pages that merely mention them, so the first results are
ordered again here, by five signals, each on a 0-1 scale:
- where the database put the article, and where it put the article's best section
  (reciprocal ranks: a section that answers the query lifts its article);
- how much of the query the article's best section answers (answer_score: each concept
  weighed by its rarity in the library, the words close together or not);
- the query's words in the title or other names, each weighted by how rare it is among
  titles ("sleep" counts for more than "pain");
- a body part named in the query, for the articles content/body_parts.yaml gives for it.
Only the first CANDIDATES are re-ordered; the rest keep the database's order.

Each shown result then links to its own best section (section_scores), chosen among all of
its sections: the words that tell its sections apart count, its own name hardly at all.
"""

import bisect
import itertools
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from articles.caching.memo import per_stamp
from articles.models import Article
from articles.search.query import STOPWORDS, questions_asked, section_questions, tokens

CANDIDATES = 100
# How much each signal counts (the article's own rank counts 1).
SECTION_WEIGHT = 0.8
ANSWER_WEIGHT = 0.3
TITLE_WEIGHT = 1.0
BODY_PART_WEIGHT = 0.5
_RANK_OFFSET = 2  # 1/(position + 2): the first result 0.5, the second 0.33, …
# Words of the query this close in a section's text (about eight words) are about the same thing.
NEAR_CHARS = 40
# answer_score weighs the best sections (by the database's rank) of the first articles only:
# it is the costliest signal, and a page far down the database's order rarely rises to the top.
# Five sections, not two: the one that answers is often third or fourth by the database's rank
# (tuned and check sets: SQLite 90 and 39 -> 90 and 40 right sections first, PostgreSQL 82 and
# 39 -> 84 and 39; twenty gained nothing more), for about 2 ms at p95 on PostgreSQL (README, bench).
ANSWER_PASSAGES = 5
ANSWER_ARTICLES = 30


_ENGLISH = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The start every form of a word shares, for matching by prefix in lower-case text:
    Snowball's English stem, cut back to where it still spells the word, and a final e or y
    dropped ("driving" -> "driv", "diabetic" -> "diabet", "injections" -> "inject")."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    word = os.path.commonprefix([word, _ENGLISH.stemWord(word)]) or word
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

    def starts(self, text: str) -> list[int]:
        """Where the words start in text, as finditer finds them: found by their first letters
        (a plain find), then matched there; finditer tries every position, several times slower."""
        found = []
        position = text.find(self.first)
        while position >= 0:
            match = self.pattern.match(text, position)
            if match is None:
                position = text.find(self.first, position + 1)
            else:
                found.append(position)
                position = text.find(self.first, match.end())
        return found


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
    slugs: dict[int, str] = field(default_factory=dict)  # id -> slug

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
    return Names(by_id, title_df, {slug: pk for pk, slug, _, _ in rows}, {pk: slug for pk, slug, _, _ in rows})


@dataclass
class Ranked:
    ids: list[int]
    # article id -> its best section: (anchor, heading, text)
    sections: dict[int, tuple[str, str, str]]
    first_section_article: int | None  # the article of the best section overall
    rarity: Sequence[float] = ()  # each concept's idf in the library, as order() was given it


def _close_pairs(groups: Sequence[Sequence[str]], present: Sequence[int], text: str) -> list[tuple[int, int]]:
    """The pairs of concepts (indexes into groups, of those present) found within NEAR_CHARS
    of each other in text (lower case): "how long relief lasts", not "long" here and "last" there."""
    if len(present) < 2:
        return []
    where = {i: _offsets(groups[i], text) for i in present}
    return [
        (i, j)
        for x, i in enumerate(present)
        for j in present[x + 1 :]
        if any(abs(p - q) <= NEAR_CHARS for p in where[i] for q in where[j])
    ]


def _offsets(group: Sequence[str], text: str) -> list[int]:
    """Where in text (lower case) a concept's words or phrases start."""
    typed, clinical = _matcher(tuple(group))
    return [start for matcher in (*typed, *clinical) for start in matcher.starts(text)]


# In answer_score, a concept in the page's names counts as half held by each of its sections.
INHERITED = 0.5
# And two of the query's concepts close together add half their mean rarity.
CLOSE_IN_ANSWER = 0.5


def answer_score(
    heading: str, text: str, groups: Sequence[Sequence[str]], rarity: Sequence[float], named: Sequence[bool]
) -> float:
    """How much of the query a section (lower case) answers, on one scale for every article:
    each concept's share of it (heading twice, text once; one in its page's names at least
    half held) weighed by the concept's rarity in the library, and concepts found close together."""
    total = sum(rarity) or 1.0
    value = 0.0
    present = []
    for i, group in enumerate(groups):
        held = _found(group, heading, text) / (HEADING + 1)
        if held and not named[i]:
            present.append(i)
        value += rarity[i] * max(held, INHERITED if named[i] else 0.0)
    value += sum(CLOSE_IN_ANSWER * (rarity[i] + rarity[j]) / 2 for i, j in _close_pairs(groups, present, text))
    return value / total * summary_factor(heading)


def order(
    article_ids: Sequence[int],
    passages: Iterable[Sequence],
    groups: Sequence[Sequence[str]],
    body_articles: set[int] = frozenset(),  # type: ignore[assignment]
    rarity: Sequence[float] = (),
) -> Ranked:
    """article_ids: the database's order; passages: (id, article id, anchor, heading, text), best
    first; rarity: each concept's idf in the library (none: no answer scores)."""
    best_section: dict[int, tuple[str, str, str]] = {}
    section_rank: dict[int, int] = {}
    answers: dict[int, float] = {}
    seen: dict[int, int] = {}
    named: dict[int, list[bool]] = {}  # article id -> which concepts its names hold
    weighed = set(article_ids[:ANSWER_ARTICLES])
    known = names()
    first = None
    for position, (_, article_id, anchor, heading, text) in enumerate(passages):
        if first is None:
            first = article_id
        if article_id not in section_rank:
            section_rank[article_id] = position
            best_section[article_id] = (anchor, heading, text)
        seen[article_id] = seen.get(article_id, 0) + 1
        if rarity and seen[article_id] <= ANSWER_PASSAGES and article_id in weighed:
            if article_id not in named:  # once per article, not per section
                title = known.by_id.get(article_id, "")
                named[article_id] = [mentions(g, title) for g in groups]
            got = answer_score(heading.lower(), text.lower(), groups, rarity, named[article_id])
            answers[article_id] = max(answers.get(article_id, 0.0), got)
    head, tail = list(article_ids[:CANDIDATES]), list(article_ids[CANDIDATES:])
    head += [a for a in body_articles if a not in head and a not in tail]
    weights = [(group, known.weight(group)) for group in groups]
    total = sum(w for _, w in weights) or 1.0
    best_answer = max(answers.values(), default=0.0) or 1.0

    def score(item: tuple[int, int]) -> float:
        position, article_id = item
        value = 1 / (position + _RANK_OFFSET)
        if article_id in section_rank:
            value += SECTION_WEIGHT / (section_rank[article_id] + _RANK_OFFSET)
        value += ANSWER_WEIGHT * answers.get(article_id, 0.0) / best_answer
        title = known.by_id.get(article_id, "")
        value += TITLE_WEIGHT * sum(w for group, w in weights if mentions(group, title)) / total
        if article_id in body_articles:
            value += BODY_PART_WEIGHT
        return value

    head = [a for _, a in sorted(enumerate(head), key=score, reverse=True)]
    return Ranked(head + tail, best_section, first, rarity)


# Sections that sum up the page or list questions mention everything and answer nothing (the
# English headings, and the Spanish pages': "Puntos clave", "¿Qué le puedo preguntar a mi médico?").
SUMMARY_HEADING = re.compile(
    r"\bkey points\b|\bquestions\b|\bon this page\b|\bsummary\b|\bpuntos clave\b|\bpregunt\w*|\bresumen\b", re.I
)
SUMMARY_FACTOR = 0.3


def summary_factor(heading: str) -> float:
    """How much a section counts by its heading: SUMMARY_FACTOR for one that sums up the page
    or lists questions to ask (SUMMARY_HEADING), in any language; otherwise fully."""
    return SUMMARY_FACTOR if SUMMARY_HEADING.search(heading) else 1.0


# A concept in the heading counts this many times its share of the text.
HEADING = 2.0
# Within a page, its own name says which page, not which section: it only breaks ties.
NAME_FACTOR = 0.01
# Two concepts close together add this share of their weights; each of the question's word
# pairs in a heading ("how many", "what if") adds this share of the heaviest concept's.
CLOSE_IN_SECTION = 1.0
ECHO = 0.5
# A section whose heading answers the kind of question asked (content/questions.yaml) counts as
# if its heading named the query's weightiest concept (HEADING times its weight).
ASKED = HEADING
# What patients ask that a section answers (content/section_questions.yaml) counts half as much
# as its text: a section has several questions, and their common words ("how long", "after")
# would otherwise outweigh the section's own. 0.5 did best on the tuned and check sets; 1 and
# 2 (as much as the heading) each lost one or two right sections there.
ASKED_BY_PATIENTS = 0.5


def _found(group: Sequence[str], heading: str, text: str) -> float:
    """A concept's coverage of a section, the heading's counting HEADING times."""
    return coverage(group, heading) * HEADING + coverage(group, text)


def _found_in_sections(
    sections: Sequence[Sequence[str]], groups: Sequence[Sequence[str]]
) -> tuple[list[list[float]], list[list[float]]]:
    """_found of every concept in every section (heading, text and, if given, what patients
    ask that it answers, counting ASKED_BY_PATIENTS times: lower case), and the same of the
    page's own words alone (heading and text), searching the whole page once per word:
    searching each section apart was a fifth of a search's time."""
    width = len(sections[0]) if sections else 2
    parts = [part for section in sections for part in section]
    joined = "\n".join(parts)
    starts = list(itertools.accumulate((len(p) + 1 for p in parts), initial=0))  # and the end, last
    held: dict[_Words, list[bool]] = {}

    def where(words: _Words) -> list[bool]:
        """Which parts have the words, as searching each part apart finds them."""
        if words in held:
            return held[words]
        hit = held[words] = [False] * len(parts)
        position = joined.find(words.first)
        while position >= 0:
            # The word's letters first (a plain find), then whether a match starts there.
            match = words.pattern.match(joined, position)
            if match is None:
                position = joined.find(words.first, position + 1)
                continue
            first = bisect.bisect_right(starts, match.start()) - 1
            last = bisect.bisect_right(starts, match.end() - 1) - 1
            if first == last:
                hit[first] = True
            else:  # across parts: each part the match touched is searched on its own
                for k in range(first, last + 1):
                    hit[k] = hit[k] or words.found(parts[k])
            # On to the next part: one match in a part is enough.
            position = joined.find(words.first, starts[last + 1]) if last + 1 < len(parts) else -1
        return hit

    def shares(group: Sequence[str]) -> list[float]:
        typed, clinical = _matcher(tuple(group))
        if not typed:
            return [0.0] * len(parts)
        clinical_hits = [any(column) for column in zip(*(where(w) for w in clinical), strict=True)] or [False] * len(parts)
        typed_hits = [sum(column) for column in zip(*(where(w) for w in typed), strict=True)]
        return [1.0 if phrase else count / len(typed) for phrase, count in zip(clinical_hits, typed_hits, strict=True)]

    by_group = [shares(g) for g in groups]
    own = [[share[width * i] * HEADING + share[width * i + 1] for share in by_group] for i in range(len(sections))]
    if width == 2:
        return own, own
    asked = [[share[3 * i + 2] * ASKED_BY_PATIENTS for share in by_group] for i in range(len(sections))]
    return [[a + b for a, b in zip(row, extra, strict=True)] for row, extra in zip(own, asked, strict=True)], own


def within_page(
    found: Sequence[Sequence[float]],
    own: Sequence[Sequence[float]],
    rarity: Sequence[float],
    in_title: Sequence[bool],
    in_first: Sequence[bool],
) -> tuple[list[float], list[bool]]:
    """Each concept's weight among one page's sections, and whether it is the page's name, for
    every language: its rarity in the library, more the fewer of the page's sections have it
    (found: each section's share of each concept; own: the same of the page's own words,
    without what patients ask), and hardly any (NAME_FACTOR) when it is the page's name.

    The page's name: in its names, and in most of its sections or in the first one ("What is
    an epidural steroid injection?"). "Prior authorization", in the title "Costs, insurance
    and prior authorization", has a section of its own and is not the page's name. It goes by
    the page's own words: counted with what patients ask, "insurance denied" became the costs
    page's name and lost its weight."""
    n = len(found)
    df = [sum(1 for row in found if row[i] > 0) for i in range(len(rarity))]
    df_own = [sum(1 for row in own if row[i] > 0) for i in range(len(rarity))]
    named = [bool(in_title[i]) and (df_own[i] * 3 > n or bool(in_first[i])) for i in range(len(rarity))]
    weights = [
        math.log(1 + n / df[i]) * rarity[i] * (NAME_FACTOR if named[i] else 1.0) if df[i] else 0.0 for i in range(len(rarity))
    ]
    return weights, named


def asked_weight(weights: Sequence[float], named: Sequence[bool]) -> float:
    """What a heading that answers the kind of question asked adds to its section, in every
    language (weights and named: within_page's): ASKED times the heaviest concept's weight, as
    if none were the page's name. In "intracept nerve ablation success rate" every word the
    page has is its name; with their weights, "How well does it work?" lost to "What is
    basivertebral nerve ablation?"."""
    return ASKED * max((w / NAME_FACTOR if n else w for w, n in zip(weights, named, strict=True)), default=0.0)


def _bigrams(words: Sequence[str]) -> set[str]:
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


@lru_cache(maxsize=65536)
def _heading_bigrams(heading: str) -> frozenset[str]:
    return frozenset(_bigrams(tokens(heading)))


def _beyond(group: Sequence[str], title: str) -> Sequence[str]:
    """A concept without the typed words its page's names hold: on the stimulator's page,
    "stimulator battery" is asking about the battery."""
    typed = group[0].split()
    rest = [w for w in typed if not mentions([w], title)]
    if not rest or len(rest) == len(typed):
        return group
    return [" ".join(rest), *(p for p in group[1:] if not mentions([p], title))]


def section_scores(
    sections: Sequence[tuple[str, str]],
    groups: Sequence[Sequence[str]],
    rarity: Sequence[float],
    title: str,
    query_tokens: Sequence[str] = (),
    answering: set[str] | None = None,
    patients: Sequence[str] = (),
) -> list[float]:
    """How well each of an article's sections (heading, text: lower case) answers the query.

    A concept counts by its rarity in the library and more the fewer of the article's sections
    have it, HEADING times in the heading, ASKED_BY_PATIENTS times in what patients ask that
    the section answers (`patients`, each section's, lower case: content/section_questions.yaml);
    the page's own name only breaks ties. Two of the query's concepts close together count again, the
    question's word pairs in a heading, and a heading that answers the kind of question asked
    (content/questions.yaml; `answering`, when the caller has already read it for the query)."""
    groups = [_beyond(g, title) for g in groups]
    asked_by = list(patients) if any(patients) else []
    found, own = _found_in_sections([(*s, q) for s, q in zip(sections, asked_by, strict=True)] if asked_by else sections, groups)
    first = sections[0][0] if sections else ""
    weights, named = within_page(found, own, rarity, [mentions(g, title) for g in groups], [mentions(g, first) for g in groups])
    pairs_asked = _bigrams(list(query_tokens))
    answering = questions_asked(query_tokens) if answering is None else answering
    heaviest = max(weights, default=0.0)
    asked = asked_weight(weights, named) if answering else 0.0
    scores = []
    for k, ((head, body), row) in enumerate(zip(sections, found, strict=True)):
        value = sum(w * c for w, c in zip(weights, row, strict=True))
        present = [i for i, c in enumerate(row) if c and not named[i]]
        close = set(_close_pairs(groups, present, body))
        if asked_by and asked_by[k]:
            close.update(_close_pairs(groups, present, asked_by[k]))
        value += sum(CLOSE_IN_SECTION * (weights[i] + weights[j]) for i, j in close)
        value += ECHO * heaviest * len(pairs_asked & _heading_bigrams(head))
        if answering and " ".join(tokens(head)) in answering:
            value += asked
        scores.append(value * summary_factor(head))
    return scores


def best_sections(
    rows: Iterable[Sequence], groups: Sequence[Sequence[str]], rarity: Sequence[float], query_tokens: Sequence[str] = ()
) -> dict[int, tuple[str, str, str]]:
    """Each article's section that answers the query best (section_scores), from all its
    sections (article id, anchor, heading, text) in page order; none when no section has a
    word of the query (the database's choice stands)."""
    by_article: dict[int, list[tuple[str, str, str]]] = {}
    for article_id, anchor, heading, text in rows:
        by_article.setdefault(article_id, []).append((anchor, heading, text))
    chosen = {}
    known = names()
    answering = questions_asked(query_tokens)  # once for the query, not once a page
    asked_by_patients = section_questions()
    for article_id, sections in by_article.items():
        title = known.by_id.get(article_id, "")
        lowered = [(h.lower(), t.lower()) for _, h, t in sections]
        asked = asked_by_patients.get(known.slugs.get(article_id, ""), {})
        patients = [asked.get(anchor, "") for anchor, _, _ in sections] if asked else []
        scores = section_scores(lowered, groups, rarity, title, query_tokens, answering, patients)
        best = max(range(len(sections)), key=scores.__getitem__)
        if scores[best] > 0:
            chosen[article_id] = sections[best]
    return chosen
