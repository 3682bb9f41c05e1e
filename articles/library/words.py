"""The library's word files: the glossary, the patient phrases search understands
(synonyms.yaml), the questions a standard section answers (questions.yaml), what patients ask
that one article's sections answer (section_questions.yaml) and the medical words the
glossary should explain (medical_terms.txt).
Read and checked like the articles: every problem with its file and line."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypedDict

import yaml

from articles.library.files import (
    YAML_LOADER,
    Problem,
    column_limit,
    decode,
    display_name,
    file_hash,
    read_optional,
    shown,
    text_problem,
    yaml_list,
)

GLOSSARY_FILE = "glossary.yaml"


class GlossaryEntry(TypedDict):
    term: str
    definition: str
    aliases: list[str]
    sense_words: list[str]  # only where another entry shares a name (rendering/glossary.py)


class SynonymEntry(TypedDict):
    patient: list[str]
    clinical: list[str]


def read_glossary(path: Path, root: Path, problems: list[Problem]) -> tuple[list[GlossaryEntry], str]:
    """content/glossary.yaml: the terms, and the file's hash (empty when there is no file)."""
    glossary: list[GlossaryEntry] = []
    raw = read_optional(path, root, problems)
    if raw is None:
        return glossary, ""
    digest = file_hash(raw)
    found = yaml_list(raw, path, root, problems, "the glossary must be a list of terms")
    if found is None:
        return glossary, digest
    display, node, data = found
    seen: dict[str, int] = {}  # term, lower-case -> its line
    for index, entry in enumerate(data):
        # data is a list, so its node is a sequence: one node an entry.
        line = node.value[index].start_mark.line + 1
        if not isinstance(entry, dict):
            problems.append(Problem(display, line, "each entry needs term and definition"))
            continue
        term, definition = entry.get("term"), entry.get("definition")
        aliases = entry.get("aliases") or []
        senses = entry.get("sense_words") or []
        if not isinstance(term, str) or not term.strip():
            problems.append(Problem(display, line, "missing required field 'term'"))
            continue
        if not isinstance(definition, str) or not definition.strip():
            problems.append(Problem(display, line, f"{shown(term)}: missing required field 'definition'"))
            continue
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(Problem(display, line, f"{shown(term)}: aliases must be a list of words"))
            continue
        if not isinstance(senses, list) or not all(isinstance(w, str) and w.strip() for w in senses):
            problems.append(Problem(display, line, f"{shown(term)}: sense_words must be a list of words"))
            continue
        refused = _column_problems(term.strip(), definition.strip(), [a.strip() for a in aliases])
        if refused:
            problems.extend(Problem(display, line, f"{shown(term)}: {message}") for message in refused)
            continue
        key = term.strip().lower()
        if key in seen:
            problems.append(Problem(display, line, f"duplicate term {shown(term)} (also at line {seen[key]})"))
            continue
        seen[key] = line
        glossary.append(
            {
                "term": term.strip(),
                "definition": definition.strip(),
                "aliases": [a.strip() for a in aliases],
                "sense_words": [w.strip() for w in senses],
            }
        )
    _shared_names(glossary, display, node, problems)
    return glossary, digest


def _shared_names(glossary: list[GlossaryEntry], display: str, node: Any, problems: list[Problem]) -> None:
    """A name two entries share links to the right one only if sense words tell them apart."""
    from articles.rendering.glossary import Entry, GlossaryIndex

    index = GlossaryIndex(Entry(g["term"], "", g["definition"], tuple(g["aliases"]), tuple(g["sense_words"])) for g in glossary)
    for name, entries in index.shared_names():
        terms = " and ".join(shown(e.term) for e in entries if not e.sense_words)
        problems.append(
            Problem(display, 1, f"{shown(name)} is a name of {terms}: give each meaning sense_words, or keep the name on one")
        )


def _column_problems(term: str, definition: str, aliases: list[str]) -> list[str]:
    # The term's slug is made from it and its limit is longer (GlossaryTerm.slug); aliases
    # are a JSON column: no length limit, but no NUL either.
    checks = [("term", term, column_limit("GlossaryTerm", "term")), ("definition", definition, None)]
    checks += [("aliases", alias, None) for alias in aliases]
    return [message for name, value, limit in checks if (message := text_problem(name, value, limit))]


SYNONYMS_FILE = "synonyms.yaml"
BODY_PARTS_FILE = "body_parts.yaml"
QUESTIONS_FILE = "questions.yaml"
SECTION_QUESTIONS_FILE = "section_questions.yaml"
MEDICAL_TERMS_FILE = "medical_terms.txt"


def _lists_of_words(lists: list[Any]) -> bool:
    """Each value a non-empty list of non-blank text."""
    return all(isinstance(v, list) and v and all(isinstance(p, str) and p.strip() for p in v) for v in lists)


def _entries(
    path: Path, root: Path, problems: list[Problem], what: str, keys: set[str], exact: bool = True
) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """A word file's entries with their lines: each a mapping with `keys` (what: how the
    messages name them), or a problem with its line; (its display name, the entries)."""
    found = yaml_list(
        read_optional(path, root, problems), path, root, problems, f"the file must be a list of entries with {what}"
    )
    if found is None:
        return "", []
    display, node, data = found
    entries = []
    for index, entry in enumerate(data):
        line = node.value[index].start_mark.line + 1
        if not isinstance(entry, dict) or (set(entry) != keys if exact else bool(set(entry) - keys)):
            problems.append(Problem(display, line, f"each entry has {what}, and nothing else"))
            continue
        entries.append((line, entry))
    return display, entries


def read_synonyms(path: Path, root: Path, problems: list[Problem]) -> list[SynonymEntry]:
    """content/synonyms.yaml: patient phrases and the clinical words they stand for."""
    display, found = _entries(path, root, problems, "'patient' and 'clinical' lists", {"patient", "clinical"}, exact=False)
    entries: list[SynonymEntry] = []
    for line, entry in found:
        lists: list[Any] = [entry.get("patient"), entry.get("clinical")]  # checked just below
        if not _lists_of_words(lists):
            problems.append(Problem(display, line, "'patient' and 'clinical' must each be a list of phrases"))
            continue
        entries.append({"patient": [p.strip() for p in lists[0]], "clinical": [p.strip() for p in lists[1]]})
    return entries


class BodyPartEntry(TypedDict):
    words: list[str]
    articles: list[str]
    line: int  # where the entry is, for the problems validation finds later


def read_body_parts(path: Path, root: Path, problems: list[Problem]) -> list[BodyPartEntry]:
    """content/body_parts.yaml: the words patients use for a part of the body, and the articles
    about treating it (search ranks those higher when a query names the part). The articles'
    slugs are checked against the library like `related` (validation.py)."""
    display, found = _entries(path, root, problems, "'words' and 'articles' lists", {"words", "articles"})
    entries: list[BodyPartEntry] = []
    seen: dict[str, int] = {}
    for line, entry in found:
        lists: list[Any] = [entry["words"], entry["articles"]]
        if not _lists_of_words(lists):
            problems.append(Problem(display, line, "'words' and 'articles' must each be a list of words"))
            continue
        words = [" ".join(w.lower().split()) for w in lists[0]]
        for word in words:
            if word in seen:
                problems.append(Problem(display, line, f"{shown(word)} is listed twice (also at line {seen[word]})"))
            seen.setdefault(word, line)
        entries.append({"words": words, "articles": [a.strip() for a in lists[1]], "line": line})
    return entries


class QuestionEntry(TypedDict):
    headings: list[str]  # the one section's wordings: a translation may word it several ways
    asked: list[str]


def read_questions(path: Path, root: Path, problems: list[Problem]) -> list[QuestionEntry]:
    """content/questions.yaml: the ways patients ask what one standard section answers ("how
    long does it last" for "How well does it work?"). Each way is words in order, "*" for any
    words between: search links a result that asks it to the section with that heading. The
    heading may be a list, when the pages word the same section more than one way."""
    display, found = _entries(path, root, problems, "a 'heading' and an 'asked' list", {"heading", "asked"})
    entries: list[QuestionEntry] = []
    for line, entry in found:
        heading, asked = entry["heading"], entry["asked"]
        headings = [heading] if isinstance(heading, str) else heading
        if not _lists_of_words([headings, asked]):
            problems.append(Problem(display, line, "'heading' must be text (or a list of texts) and 'asked' a list of phrases"))
            continue
        ways = [" ".join(way.lower().split()) for way in asked]
        if bad := next((way for way in ways if way.startswith("*") or way.endswith("*")), None):
            problems.append(Problem(display, line, f"{shown(bad)}: '*' only stands between words"))
            continue
        entries.append({"headings": [" ".join(h.split()) for h in headings], "asked": ways})
    return entries


class SectionQuestionsEntry(TypedDict):
    article: str
    sections: dict[str, list[str]]  # a section's anchor -> what patients ask that it answers
    line: int  # where the entry is, for the problems validation finds later


def read_section_questions(path: Path, root: Path, problems: list[Problem]) -> list[SectionQuestionsEntry]:
    """content/section_questions.yaml: for each article, by section anchor, what patients ask
    that the section answers, in their words ("can i take a bath" for "Recovery"). Search
    counts them with the section's own words (search/ranking.py). The slugs are checked against the library like
    body_parts.yaml's (validation.py); the anchors by check_content, which renders the pages
    (unknown_sections)."""
    display, found = _entries(path, root, problems, "an 'article' and its 'sections'", {"article", "sections"})
    entries: list[SectionQuestionsEntry] = []
    seen: dict[str, int] = {}
    for line, entry in found:
        article, sections = entry["article"], entry["sections"]
        if (
            not isinstance(article, str)
            or not article.strip()
            or not isinstance(sections, dict)
            or not sections
            or not all(isinstance(anchor, str) and anchor.strip() for anchor in sections)
            or not _lists_of_words(list(sections.values()))
        ):
            message = "'article' must be a slug and 'sections' each section's anchor with a list of questions"
            problems.append(Problem(display, line, message))
            continue
        slug = article.strip()
        if slug in seen:
            problems.append(Problem(display, line, f"{shown(slug)} is listed twice (also at line {seen[slug]})"))
            continue
        seen[slug] = line
        asked = {anchor.strip(): [" ".join(q.split()) for q in questions] for anchor, questions in sections.items()}
        entries.append({"article": slug, "sections": asked, "line": line})
    return entries


def left_behind(filed: Iterable[str], have: Iterable[str]) -> list[str]:
    """The anchors questions are filed under that the page's sections no longer have (a heading
    reworded since: its anchor changed), for check_content and the editor's checks list."""
    present = set(have)
    return [anchor for anchor in filed if anchor not in present]


def unknown_sections(entries: list[SectionQuestionsEntry], anchors: dict[str, list[str]], display: str) -> list[Problem]:
    """The sections a section-questions file names that its article does not have (left_behind).
    anchors: each rendered article's section anchors."""
    problems = []
    for entry in entries:
        have = anchors.get(entry["article"])
        if have is None:
            continue  # no such article: the loader's check says so
        for anchor in left_behind(entry["sections"], have):
            message = f"{shown(entry['article'])} has no section {shown('#' + anchor)} (was its heading reworded?)"
            problems.append(Problem(display, entry["line"], message))
    return problems


def read_term_list(path: Path, root: Path, problems: list[Problem]) -> list[str]:
    """content/medical_terms.txt: one term a line; # starts a comment."""
    raw = read_optional(path, root, problems)
    if raw is None:
        return []
    text = decode(raw, display_name(path, root), problems)
    if text is None:
        return []
    return [line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


PLAIN_WORDS_FILE = "plain_words.yaml"
_STR_TAG = "tag:yaml.org,2002:str"


def _words_of(node: yaml.Node) -> list[str] | None:
    """A plain-words entry's value: one word or phrase, or a list of them; None if neither."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG and node.value.strip():
        return [node.value.strip()]
    if isinstance(node, yaml.SequenceNode) and node.value:
        items = node.value
        if all(isinstance(i, yaml.ScalarNode) and i.tag == _STR_TAG and str(i.value).strip() for i in items):
            return [str(i.value).strip() for i in items]
    return None


def read_plain_words(path: Path, root: Path, problems: list[Problem]) -> dict[str, list[str]]:
    """content/plain_words.yaml: hard words, each with the plainer word (or words) to use instead.

    One `hard word: plainer word` line an entry (or `hard word: [one, another]`); the hard
    word is matched the way glossary words are (rendering/glossary.py). Keys are lower case.
    """
    raw = read_optional(path, root, problems)
    if raw is None:
        return {}
    display = display_name(path, root)
    text = decode(raw, display, problems)
    if text is None:
        return {}
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(display, mark.line + 1 if mark else 1, "not valid YAML"))
        return {}
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(display, node.start_mark.line + 1, "the file must be 'hard word: plainer word' lines"))
        return {}
    words: dict[str, list[str]] = {}
    lines: dict[str, int] = {}  # hard word -> its line
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not (isinstance(key, yaml.ScalarNode) and key.tag == _STR_TAG and key.value.strip()):
            problems.append(Problem(display, line, "each line is 'hard word: plainer word'"))
            continue
        hard = " ".join(key.value.lower().split())
        plain = _words_of(value)
        if plain is None:
            problems.append(Problem(display, line, f"{shown(hard)}: give the plainer word, or a list of them in [ ]"))
            continue
        if hard in lines:
            problems.append(Problem(display, line, f"duplicate word {shown(hard)} (also at line {lines[hard]})"))
            continue
        if any(" ".join(p.lower().split()) == hard for p in plain):
            problems.append(Problem(display, line, f"{shown(hard)} is given as its own plainer word"))
            continue
        words[hard], lines[hard] = plain, line
    for hard, plain in words.items():
        for word in plain:
            other = " ".join(word.lower().split())
            if other in lines:
                message = f"{shown(hard)}: the plainer word {shown(word)} is itself listed as a hard word (line {lines[other]})"
                problems.append(Problem(display, lines[hard], message))
    return words
