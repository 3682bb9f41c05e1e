"""Translation files beside their sources, keyed by the English slug (writes nothing):

content/<topic>/<slug>.<lang>.md    an article in <lang>: its own words and workflow fields;
                                    kind, order, related, sources… come from <slug>.md
content/<topic>/_topic.<lang>.md    a topic's title, summary and introduction
content/glossary.<lang>.yaml        each entry names the English entry it translates (`en`)
content/policies.<lang>.yaml        each clinic policy's title and default text (`name`)
"""

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.library import schema, words
from articles.library.files import Problem, column_limit, file_hash, read_optional, shown, text_problem, yaml_list
from articles.library.reader import SourceFile, read_source
from articles.translation.freshness import source_hash
from articles.translation.languages import DEFAULT, codes

# What a translation file may say: its own words and its own workflow. The rest is the English file's.
ARTICLE_FIELDS = ("title", "summary", "also_called", "at_a_glance", "updated", "status", "reviewed", "reviewer", "review_due")
OWN_FIELDS = frozenset((*ARTICLE_FIELDS, "source_hash"))
TOPIC_FIELDS = frozenset({"title", "summary"})


def languages() -> tuple[str, ...]:
    return tuple(code for code in codes() if code != DEFAULT)


def language_of(path: Path) -> tuple[str, str] | None:
    """(stem, language) for `<stem>.<lang>.md`; None for a source file."""
    stem, dot, language = path.stem.rpartition(".")
    return (stem, language) if dot and language in languages() else None


@dataclass
class Translations:
    articles: dict[tuple[str, str], SourceFile] = field(default_factory=dict)  # (slug, lang)
    topics: dict[tuple[str, str], SourceFile] = field(default_factory=dict)  # (topic slug, lang)
    glossary: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # lang -> entries
    glossary_hash: dict[str, str] = field(default_factory=dict)
    policies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # lang -> entries
    synonyms: dict[str, list[Any]] = field(default_factory=dict)  # lang -> synonyms.<lang>.yaml entries
    body_parts: dict[str, list[Any]] = field(default_factory=dict)  # lang -> body_parts.<lang>.yaml entries
    questions: dict[str, list[Any]] = field(default_factory=dict)  # lang -> questions.<lang>.yaml entries
    section_questions: dict[str, list[Any]] = field(default_factory=dict)  # lang -> section_questions.<lang>.yaml
    topic_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (slug, lang) -> its folder


def read_translation(path: Path, root: Path, problems: list[Problem]) -> SourceFile | None:
    source = read_source(path, root, problems)
    if source is not None:
        source.slug = path.stem.rpartition(".")[0]
    return source


def _yaml_list(path: Path, root: Path, problems: list[Problem]) -> tuple[list[Any], str]:
    raw = read_optional(path, root, problems)
    read = yaml_list(raw, path, root, problems, "the file must be a list of entries")
    return (read[2], file_hash(raw)) if read is not None and raw is not None else ([], "")


def read_words(root: Path, translations: Translations, problems: list[Problem]) -> None:
    for language in languages():
        glossary = root / f"glossary.{language}.yaml"
        entries, digest = _yaml_list(glossary, root, problems)
        if digest:
            translations.glossary[language], translations.glossary_hash[language] = entries, digest
        policies, digest = _yaml_list(root / f"policies.{language}.yaml", root, problems)
        if digest:
            translations.policies[language] = policies
        # The search's word files, read with the English files' own checks (library/words.py).
        translations.synonyms[language] = words.read_synonyms(root / f"synonyms.{language}.yaml", root, problems)
        translations.body_parts[language] = words.read_body_parts(root / f"body_parts.{language}.yaml", root, problems)
        translations.questions[language] = words.read_questions(root / f"questions.{language}.yaml", root, problems)
        asked = words.read_section_questions(root / f"section_questions.{language}.yaml", root, problems)
        translations.section_questions[language] = asked


def check_article(source: SourceFile, english: SourceFile | None, language: str, problems: list[Problem]) -> None:
    def problem(key: str, message: str) -> None:
        problems.append(Problem(source.display, source.line_of(key), message))

    if english is None:
        problem("title", f"no English article {shown(source.slug)} beside it: a translation is named after its English file")
        return
    meta = source.meta
    for key in sorted(set(meta) - OWN_FIELDS, key=str):
        problem(key, f"{shown(key)} is not set in a translation: it comes from the English file ({english.display})")
    for key in ("title", "summary", "updated"):
        if meta.get(key) in (None, ""):
            problem(key, f"missing required field '{key}'")
    for key in ARTICLE_FIELDS:
        if meta.get(key) is not None and key != "reviewer":
            f = schema.BY_NAME[key]
            f.check(f, meta[key], functools.partial(problem, key), meta)
    for key in ("title",):
        if isinstance(meta.get(key), str) and (
            message := text_problem(key, meta[key].strip(), column_limit("ArticleTranslation", key))
        ):
            problem(key, message)
    if not source.body.strip():
        problem("title", "the translation has no text below its front matter")
    made_from = meta.get("source_hash")
    if not isinstance(made_from, str) or len(made_from) != 64:
        problem(
            "source_hash",
            "missing 'source_hash': the hash of the English text this translation was made from. If it was made "
            f"from the English file as it is now, add: source_hash: {english_hash(english)}",
        )


def english_hash(english: SourceFile) -> str:
    """The source hash of an English file as it would be stored (freshness.source_hash)."""
    values = schema.model_values(english.meta)
    row = type(
        "Row",
        (),
        {**{k: values.get(k) for k in ("title", "summary", "also_called", "at_a_glance")}, "body": english.body.strip() + "\n"},
    )
    return source_hash(row)


def check_topic(source: SourceFile, english_topics: set[str], problems: list[Problem]) -> None:
    if source.slug not in english_topics:
        problems.append(Problem(source.display, 1, f"no English topic {shown(source.slug)} beside it"))
    for key in sorted(set(source.meta) - TOPIC_FIELDS, key=str):
        problems.append(Problem(source.display, source.line_of(key), f"unknown field {shown(key)} (allowed: title, summary)"))
    for key in ("title", "summary"):
        if not isinstance(source.meta.get(key), str) or not source.meta[key].strip():
            problems.append(Problem(source.display, source.line_of(key), f"missing required field '{key}'"))


def check_glossary(language: str, entries: list[Any], english_terms: set[str], display: str, problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry[k].strip() for k in ("term", "en", "definition")
        ):
            problems.append(Problem(display, 1, f"{where}: needs 'term', 'en' (the English entry) and 'definition'"))
            continue
        if entry["en"] not in english_terms:
            problems.append(
                Problem(display, 1, f"{where} ({shown(entry['term'])}): 'en' names no English entry: {shown(entry['en'])}")
            )
        names = [entry["term"], *(a for a in entry.get("aliases") or [] if isinstance(a, str))]
        for name in names:
            key = name.casefold()
            if key in seen and seen[key] != entry["en"] and not entry.get("sense_words"):
                problems.append(Problem(display, 1, f"{where}: the name {shown(name)} is also {shown(seen[key])}'s"))
            seen.setdefault(key, entry["en"])
