"""The content style guide's rules, checked over a whole library (CONTENT_STYLE.md).

Format problems come from validation; this adds what makes an article fit for patients:
reading grade, required sections, alt text, glossary coverage, working links and images.
"""

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from .content import Problem, read_library
from .readability import measure
from .rendering import render
from .validation import validate

MAX_GRADE = 8.0
# A procedure must answer these; each is matched against its h2 headings.
REQUIRED_PROCEDURE_SECTIONS = {
    "risks": re.compile(r"\brisks?\b", re.I),
    "other options": re.compile(r"\bother options\b|\balternatives\b", re.I),
    "how to prepare": re.compile(r"\bprepar", re.I),
    "when to get help": re.compile(r"\bget help\b|\bwhen to call\b", re.I),
}


@dataclass
class Measured:
    slug: str
    display: str
    smog: float
    fk: float
    sentences: int
    words: int


@dataclass
class QualityReport:
    problems: list = field(default_factory=list)
    measured: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    glossary_size: int = 0
    per_topic: dict = field(default_factory=dict)

    def grade_summary(self):
        grades = [m.smog for m in self.measured]
        if not grades:
            return "no articles measured"
        worst = max(self.measured, key=lambda m: m.smog)
        return (
            f"SMOG median {statistics.median(grades):.1f}, worst {worst.smog:.1f} ({worst.slug}); "
            f"Flesch-Kincaid median {statistics.median(m.fk for m in self.measured):.1f}"
        )


def read_term_list(path):
    if not Path(path).exists():
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _term_pattern(term):
    # Whole words, any case, with a plain plural; spaces and hyphens are interchangeable.
    words = [re.escape(w) for w in re.split(r"[\s-]+", term) if w]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:s|es)?(?![\w-])", re.I)


def glossary_names(glossary):
    names = set()
    for entry in glossary:
        for name in [entry["term"], *entry["aliases"]]:
            name = name.strip().lower()
            names.update({name, re.sub(r"s$", "", name), re.sub(r"es$", "", name)})
    return names


def _static_exists(src, static_dir):
    if not src.startswith("/static/"):
        return True
    return (static_dir / src[len("/static/") :]).is_file()


def _check_article(source, library, watch, covered, static_dir, report):
    meta, display = source.meta, source.display

    def problem(message, line=1):
        report.problems.append(Problem(display, line, message))

    rendered = render(source.body)
    figures = measure(rendered.prose, rendered.text)
    report.measured.append(Measured(source.slug, display, figures.smog, figures.flesch_kincaid, figures.sentences, figures.words))
    if figures.smog > MAX_GRADE:
        longest = "; ".join(figures.long_sentences[:3])
        problem(f"reading grade SMOG {figures.smog} is over {MAX_GRADE:g}; longest sentences: {longest}")
    if not figures.smog_reliable:
        report.notes.append(f"{display}: only {figures.sentences} sentences; too short for a stable SMOG score")
    if meta.get("kind") == "procedure":
        headings = [item["title"] for item in rendered.toc]
        for name, pattern in REQUIRED_PROCEDURE_SECTIONS.items():
            if not any(pattern.search(h) for h in headings):
                problem(f"a procedure needs a '{name}' section (an h2 heading)")
    for image in rendered.images:
        if not image["alt"].strip():
            problem(f"image without alt text: {image['src']}")
        if not _static_exists(image["src"], static_dir):
            problem(f"image not found under static/: {image['src']}")
    searchable = "\n".join([meta.get("title", ""), meta.get("summary", ""), rendered.text])
    body_lines = source.body.splitlines()
    for term in watch:
        if term in covered:
            continue
        pattern = _term_pattern(term)
        match = pattern.search(searchable)
        if match:
            offset = next((i for i, line in enumerate(body_lines) if pattern.search(line)), None)
            line = source.body_line + offset if offset is not None else 1
            problem(f"medical term '{match.group(0)}' is not in the glossary (content/glossary.yaml)", line)


def check_library(root, static_dir):
    root = Path(root)
    library = read_library(root)
    validate(library)
    report = QualityReport(problems=list(library.problems))
    watch = read_term_list(root / "medical_terms.txt")
    covered = glossary_names(library.glossary)
    report.glossary_size = len(library.glossary)
    for slug, source in library.articles.items():
        topic = library.article_topics[slug]
        report.per_topic[topic] = report.per_topic.get(topic, 0) + 1
        _check_article(source, library, watch, covered, Path(static_dir), report)
    return report
