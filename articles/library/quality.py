"""The content style guide's rules (docs/content-style.md), checked over a whole library.

Format problems come from validation; this adds what makes an article fit for patients,
with the editor's checks list's own functions (library/checks.py): reading grade, required
sections, glossary coverage, images that exist; and, as warnings, hard words, headings out
of order and link text that does not say where it goes.
"""

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from articles import rules
from articles.codes import rules as code_rules
from articles.library import checks
from articles.library.checks import medical_terms_outside as medical_terms_outside
from articles.library.files import Problem
from articles.library.images import read_images
from articles.library.reader import read_library
from articles.library.validation import validate
from articles.library.words import PLAIN_WORDS_FILE, read_plain_words, unknown_sections
from articles.rendering import markdown
from articles.rendering import policies as policy_text
from articles.rendering.glossary import Entry, GlossaryIndex
from articles.rendering.site import readability
from articles.translation import quality as translation_quality

# The checks whose findings are failures; the grade has its own list (too_hard), and the
# rest are warnings: advice the library need not meet to pass.
FAILING_CHECKS = frozenset({"sections", "glossary"})


@dataclass
class Measured:
    slug: str
    display: str
    grade: rules.Grade
    smog: float
    fk: float
    sentences: int
    words: int


@dataclass
class QualityReport:
    problems: list[Problem] = field(default_factory=list)
    # Articles above the reading-grade limit: warnings, not failures, while the library is
    # being brought under the full measure (see docs/content-style.md).
    too_hard: list[Problem] = field(default_factory=list)
    # The style checks added with the editor's checks list (hard words, heading order, link
    # text): warnings, like the grade, so a library written before them still passes.
    warnings: list[Problem] = field(default_factory=list)
    measured: list[Measured] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    glossary_size: int = 0
    translations: list = field(default_factory=list)  # translation/quality.Eased
    per_topic: dict[str, int] = field(default_factory=dict)
    anchors: dict[str, list[str]] = field(default_factory=dict)  # slug -> its sections' anchors

    def grade_summary(self):
        if not self.measured:
            return "no articles measured"
        grades = [m.grade.value for m in self.measured]
        worst = max(self.measured, key=lambda m: m.grade.value)
        limit = worst.grade.limit
        return (
            f"reading grade median {statistics.median(grades):.1f}, worst {worst.grade} ({worst.slug}), "
            f"{sum(g > limit for g in grades)} above {limit:g}; "
            f"SMOG median {statistics.median(m.smog for m in self.measured):.1f}, "
            f"Flesch-Kincaid median {statistics.median(m.fk for m in self.measured):.1f}"
        )


def _static_exists(src, static_dir):
    if not src.startswith("/static/"):
        return True
    return (static_dir / src[len("/static/") :]).is_file()


def _check_article(source, words, static_dir, report, policies):
    meta, display = source.meta, source.display

    def at(line):
        return source.body_line + line - 1 if line else 1

    # Measured and checked as patients read it: with each policy's default text.
    rendered = markdown.render(policy_text.fill(source.body, _defaults(policies)))
    facts = meta.get("at_a_glance") if isinstance(meta.get("at_a_glance"), dict) else None
    figures = readability(rendered, facts)
    grade = rules.reading_grade(figures)
    report.measured.append(
        Measured(source.slug, display, grade, figures.smog, figures.flesch_kincaid, figures.sentences, figures.words)
    )
    report.anchors[source.slug] = [passage["anchor"] for passage in rendered.passages]
    if not figures.smog_reliable:
        report.notes.append(f"{display}: only {figures.sentences} sentences; too short for a stable SMOG score")
    for image in rendered.images:
        if not _static_exists(image["src"], static_dir):
            report.problems.append(Problem(display, 1, f"image not found under static/: {image['src']}"))
    failures, warnings = code_rules.problems(meta.get("kind", ""), meta.get("codes"))
    report.problems += [Problem(display, source.line_of("codes") if meta.get("codes") else 1, m) for m in failures]
    report.warnings += [Problem(display, source.line_of("codes"), m) for m in warnings]
    searchable = "\n".join([meta.get("title", ""), meta.get("summary", ""), rendered.text])
    kind = meta.get("kind", "") if isinstance(meta.get("kind"), str) else ""
    values = [str(value) for value in (facts or {}).values()]
    for finding in checks.article_findings(source.body, rendered, figures, kind, words, searchable, values):
        if finding.check == "grade":
            longest = "; ".join(d.message for d in finding.details[:3])
            report.too_hard.append(Problem(display, 1, f"{finding.message}; longest sentences: {longest}"))
        elif finding.check == "glossary":
            report.problems.append(Problem(display, at(finding.line), f"{finding.message} (content/glossary.yaml)"))
        elif finding.check in FAILING_CHECKS:
            report.problems.append(Problem(display, at(finding.line), finding.message))
        else:
            report.warnings.append(Problem(display, at(finding.line), finding.message))


def _defaults(policies):
    clinic = {
        "clinic-name": settings.CLINIC_NAME,
        "clinic-phone": settings.CLINIC_PHONE,
        "emergency-number": settings.EMERGENCY_NUMBER,
    }
    return {**{p["name"]: p["text"] for p in policies}, **clinic}


def check_library(root, static_dir):
    root = Path(root)
    library = read_library(root)
    # `![](image:7)` takes its alt text from the folder's image library (images.yaml), as the
    # loader reads it.
    validate(library, images=read_images(root, library.problems).alt_texts(with_database=False))
    report = QualityReport()
    report.translations = translation_quality.check(library, report, Path(static_dir))
    report.problems = list(library.problems)
    index = GlossaryIndex(
        Entry(g["term"], "", g["definition"], tuple(g["aliases"]), tuple(g["sense_words"])) for g in library.glossary
    )
    plain = read_plain_words(root / PLAIN_WORDS_FILE, root, report.problems)
    words = checks.Words(index, library.medical_terms, plain, library.policies)
    report.glossary_size = len(library.glossary)
    for slug, source in library.articles.items():
        topic = library.article_topics[slug]
        report.per_topic[topic] = report.per_topic.get(topic, 0) + 1
        _check_article(source, words, Path(static_dir), report, library.policies)
    report.problems += unknown_sections(library.section_questions, report.anchors, library.section_questions_display)
    return report
