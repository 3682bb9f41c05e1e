"""A patient's query, made safe and turned into concepts: words, phrases and what they mean.

User text never reaches a query language raw: it is cut into word tokens here, and the
backends quote every token or phrase.
"""

import logging
import os
import re
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, TypeVar, cast

from django.conf import settings

from articles.library.files import Problem
from articles.library.words import (
    BODY_PARTS_FILE,
    QUESTIONS_FILE,
    SECTION_QUESTIONS_FILE,
    SYNONYMS_FILE,
    read_body_parts,
    read_questions,
    read_section_questions,
    read_synonyms,
)

MAX_QUERY_CHARS = 200
MAX_TERMS = 12

STOPWORDS = frozenset(
    """a an and are as at be been being but by can could do does did for from had has have how
    i if in into is it its me my no not of on or our should so than that the their them then there
    these they this to too was we were what when where which who why will with would you your
    about get getting got having much many more most also just very
    cant can't dont don't wont won't im i'm ive i've because really ok okay""".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def clean_query(raw: str | None) -> str:
    """Printable text, cut to a sane length, whitespace folded."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_CHARS * 4])
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def tokens(text: str | None) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text or "")]


def first_terms(words: Sequence[str], stopwords: Collection[str] = STOPWORDS) -> list[str]:
    """The query's words up to its MAX_TERMS-th that is not a small word. The limit bounds the
    work a query makes; counting "el", "de" and "my" in it cut a patient's long question
    before its key word ("… y tengo fiebre, ¿es solo un brote?" lost "brote")."""
    counted = 0
    for end, word in enumerate(words):
        if word not in stopwords:
            counted += 1
            if counted > MAX_TERMS:
                return list(words[:end])
    return list(words)


log = logging.getLogger("articles.search")
W = TypeVar("W")  # what a word file is built into
_held: dict[str, dict[str, object]] = {}


def _word_file(name: str, read: Callable[..., Any], build: Callable[[Any], W]) -> W:
    """A word file of content/ through the library's reader (the same checks as load_content),
    read again when it changes; a file with a problem keeps the last good copy (load_content
    and check_content name the problem)."""
    held = _held.setdefault(name, {})
    path = settings.CONTENT_DIR / name
    try:
        version = (str(path), os.stat(path).st_mtime_ns)
    except OSError:
        version = None
    if "map" not in held or held.get("version") != version:
        problems: list[Problem] = []
        entries = read(path, settings.CONTENT_DIR, problems) if version else []
        if problems:
            log.warning("%s; search keeps the last good copy", problems[0])
        if not problems or "map" not in held:
            held["map"] = build(entries)
        held["version"] = version
    return held["map"]  # type: ignore[return-value]


def _mapping(entries: Sequence[Any], words: str, targets: str) -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = {}
    for entry in entries:
        for phrase in entry[words]:
            mapping.setdefault(" ".join(tokens(phrase)), []).extend(entry[targets])
    return mapping


def _in(language: str | None, name: str) -> str:
    """A word file's name in a language: synonyms.yaml (English), synonyms.es.yaml."""
    return name if language is None else name.replace(".yaml", f".{language}.yaml")


def synonym_map(language: str | None = None) -> dict[str, list[str]]:
    """Patient phrase -> clinical phrases, from content/synonyms.yaml (or its translation)."""
    return _word_file(_in(language, SYNONYMS_FILE), read_synonyms, lambda entries: _mapping(entries, "patient", "clinical"))


def body_part_map(language: str | None = None) -> dict[str, list[str]]:
    """A body-part word -> the slugs of the articles about treating it, from content/body_parts.yaml."""
    return _word_file(_in(language, BODY_PARTS_FILE), read_body_parts, lambda entries: _mapping(entries, "words", "articles"))


def _way(asked: str) -> re.Pattern[str]:
    """A way of asking ("how long * last") as a pattern over a query's words joined by spaces:
    each word starts a word of the query ("last" finds "lasts"), "*" any words between."""
    parts: list[str] = []
    gap = False
    for word in asked.split():
        if word == "*":
            gap = True
            continue
        if parts:
            parts.append(r"(?: \S+)* " if gap else " ")
        parts.append(re.escape(word) + r"\S*")
        gap = False
    return re.compile(r"(?:^| )" + "".join(parts))


def question_ways(entries: Sequence[Any], words: Callable[[str], list[str]]) -> list[tuple[str, list[re.Pattern[str]]]]:
    """[(a heading's words joined, the ways of asking what it answers)], from questions.yaml."""
    ways = []
    for entry in entries:
        asked = [_way(" * ".join(" ".join(words(part)) for part in way.split("*"))) for way in entry["asked"]]
        ways += [(" ".join(words(heading)), asked) for heading in entry["headings"]]
    return ways


def questions_asked(query_words: Sequence[str], language: str | None = None) -> set[str]:
    """The headings (their words joined) of the standard sections that answer what the query
    asks, from content/questions.yaml or its translation: "does burning the nerves actually
    work" asks what "How well does it work?" answers, whose common words say little alone."""
    split: Callable[[str], list[str]] = tokens
    if language is not None:
        from articles.translation.stemming import words as split  # accents folded, as queries are
    ways = _word_file(_in(language, QUESTIONS_FILE), read_questions, lambda entries: question_ways(entries, split))
    text = " ".join(query_words)
    return {heading for heading, patterns in ways if any(p.search(text) for p in patterns)}


def section_questions(language: str | None = None) -> dict[str, dict[str, str]]:
    """Article slug -> section anchor -> what patients ask that the section answers, from
    content/section_questions.yaml (lower case, a question a line) or its translation (stemmed
    as that language's search matches words, once when the file is read; the questions kept
    apart by "|", so no phrase runs from one into the next)."""

    def text(questions: list[str]) -> str:
        if language is None:
            return "\n".join(questions).lower()
        from articles.translation.stemming import stems

        return " | ".join(stems(question, language) for question in questions)

    def build(entries: list[Any]) -> dict[str, dict[str, str]]:
        return {e["article"]: {a: text(qs) for a, qs in e["sections"].items()} for e in entries}

    return _word_file(_in(language, SECTION_QUESTIONS_FILE), read_section_questions, build)


def merged_names(glossary_pairs: Mapping[str, list[str]], synonyms: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Every phrase that names a concept -> its other names: the glossary's names of one thing,
    and each synonym's patient phrase with its clinical words (and back: a patient who types
    the clinical word also finds the everyday one)."""
    names = {**glossary_pairs}
    for phrase, clinical in synonyms.items():
        clinical = [" ".join(tokens(c)) for c in clinical]
        names[phrase] = names.get(phrase, []) + clinical
        for word in clinical:
            names[word] = names.get(word, []) + [phrase]
    return names


# merged_names and the order of its phrases, worked out once for the same word files: a
# search used to spend a tenth of its time merging them again.
_MERGED: dict[tuple[int, ...], tuple[tuple[object, ...], Any]] = {}
_MERGING = threading.Lock()
T = TypeVar("T")


def _held_for(key_objects: tuple[object, ...], build: Callable[[], T]) -> T:
    """build(), kept while the same objects (by identity; the last few) are asked about."""
    key = tuple(id(o) for o in key_objects)
    with _MERGING:
        entry = _MERGED.get(key)
        if entry is None or any(a is not b for a, b in zip(entry[0], key_objects, strict=True)):
            if len(_MERGED) >= 8:
                _MERGED.pop(next(iter(_MERGED)))
            entry = _MERGED[key] = (key_objects, build())
        return cast(T, entry[1])


def _merged(glossary_pairs: Mapping[str, list[str]], synonyms: Mapping[str, list[str]]) -> dict[str, list[str]]:
    return _held_for((glossary_pairs, synonyms), lambda: merged_names(glossary_pairs, synonyms))


def _phrase_order(names: Mapping[str, list[str]]) -> tuple[dict[str, int], int]:
    """Each phrase's place, longest (in characters) first, and the most words a phrase has."""

    def build() -> tuple[dict[str, int], int]:
        ordered = [p for p in sorted(names, key=len, reverse=True) if p]
        return {p: i for i, p in enumerate(ordered)}, max((len(p.split()) for p in ordered), default=0)

    return _held_for((names,), build)


def concepts(
    query_tokens: Sequence[str],
    glossary_pairs: Mapping[str, list[str]],
    known: Collection[str] = frozenset(),
    synonyms: Mapping[str, list[str]] | None = None,
    stopwords: Collection[str] = STOPWORDS,
    names: Mapping[str, list[str]] | None = None,
) -> list[list[str]]:
    """Group the query into concepts; each concept is a list of phrases that mean the same.

    A patient phrase from the synonym file or the glossary ("back shot", "live x-ray") is one
    concept with its clinical words; every other word that is not a stopword is its own
    concept. Words typed apart that the library writes as one ("radio frequency") are added.
    """
    groups, used = [], set()
    if names is None:  # names: merged_names() once for many queries (translation/search.py)
        names = _merged(glossary_pairs, synonym_map() if synonyms is None else synonyms)
    rank, longest = _phrase_order(names)
    # The query's runs of words that name something, longest name first.
    runs = {" ".join(query_tokens[i : i + n]) for n in range(1, longest + 1) for i in range(len(query_tokens) - n + 1)}
    for phrase in sorted((r for r in runs if r in rank), key=rank.__getitem__):
        words = phrase.split()
        if all(w in used for w in words):
            continue
        used.update(words)
        groups.append(list(dict.fromkeys([phrase, *names[phrase]])))
    for first, second in zip(query_tokens, query_tokens[1:], strict=False):
        if first in stopwords or second in stopwords:
            continue  # "de la" is never "dela"
        if first not in used and second not in used and first + second in known:
            used.update((first, second))
            groups.append([f"{first} {second}", first + second])
    content_words = [t for t in query_tokens if t not in stopwords] or list(query_tokens)
    for word in dict.fromkeys(content_words):
        if word not in used:
            groups.append([word])
    return groups[:MAX_TERMS]
