"""check_content for translations: their format (translation/sync.validate) and their
reading ease in their own language's measure (rules.reading_ease), read from the files."""

import re
import statistics
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils import translation

from articles import rules
from articles.library.files import Problem
from articles.library.words import unknown_sections
from articles.rendering import markdown
from articles.rendering import policies as policy_text
from articles.rendering.readability import reading_ease


def _outline(body: str) -> list[str]:
    return re.findall(r"^(#{2,3}) ", body or "", flags=re.MULTILINE)


@dataclass
class Eased:
    display: str
    language: str
    ease: rules.Ease


def measure(library, source, language) -> rules.Ease:
    """The reading ease of a translation file as the page shows it: its clinic policies filled
    with the language's defaults (else the English ones), its boxes' titles in the language."""
    return _ease(source, language, _rendered(library, source, language))


def _rendered(library, source, language) -> markdown.Rendered:
    """A translation file rendered as the page shows it (measure)."""
    tr = library.translations
    defaults = {p["name"]: p["text"] for p in library.policies}
    defaults.update({p["name"]: p["text"] for p in tr.policies.get(language, []) if isinstance(p, dict) and "name" in p})
    defaults.update(
        {
            "clinic-name": settings.CLINIC_NAME,
            "clinic-phone": settings.CLINIC_PHONE,
            "emergency-number": settings.EMERGENCY_NUMBER,
        }
    )
    with translation.override(language):
        filled = policy_text.fill(source.body, defaults)
        return markdown.render(filled, callout_titles=markdown.default_callout_titles(settings.EMERGENCY_NUMBER))


def _ease(source, language, result: markdown.Rendered) -> rules.Ease:
    facts = source.meta.get("at_a_glance")
    facts = [str(v) for v in facts.values() if str(v).strip()] if isinstance(facts, dict) else []
    return rules.reading_ease(language, reading_ease("\n".join([result.prose, *facts]), language))


def language_image(src: str, language: str, static_dir: Path) -> str:
    """The same drawing with its labels in `language` ("/static/img/x.es.svg"), if the site
    has one; else "". A drawing's words are text patients read, as the page's are."""
    if not src.startswith("/static/"):
        return ""
    path = PurePosixPath(src)
    own = str(path.with_name(f"{path.stem}.{language}{path.suffix}"))
    return own if (static_dir / own[len("/static/") :]).is_file() else ""


def _image_problems(source, language, static_dir):
    for image in markdown.render(source.body).images:
        src = image["src"]
        if src.startswith("/static/") and not (static_dir / src[len("/static/") :]).is_file():
            yield f"image not found under static/: {src}"
        elif (own := language_image(src, language, static_dir)) and own != src:
            yield f"{src} has its labels in English; use {own}"


def check(library, report, static_dir: Path | None = None) -> list[Eased]:
    """Add the translations' problems to the report; their hard-to-read pages to too_hard."""
    from articles.translation import sync

    sync.validate(library, set(library.articles), {}, [p["name"] for p in library.policies])
    measured = []
    anchors: dict[str, dict[str, list[str]]] = {}  # language -> slug -> its sections' anchors
    for (slug, language), source in library.translations.articles.items():
        rendered = _rendered(library, source, language)
        anchors.setdefault(language, {})[slug] = [p["anchor"] for p in rendered.passages]
        english = library.articles.get(slug)
        if english is not None and _outline(english.body) != _outline(source.body):
            # The handout and the structured data find a translation's sections by the English
            # headings' positions (ArticleTranslation.section_html), and links by their anchors.
            report.warnings.append(
                Problem(source.display, 1, f"its headings (## and ###) are not in the same order as {english.display}'s")
            )
        if static_dir is not None:
            library.problems += [Problem(source.display, 1, m) for m in _image_problems(source, language, static_dir)]
        ease = _ease(source, language, rendered)
        measured.append(Eased(source.display, language, ease))
        if ease.too_hard:
            report.too_hard.append(
                Problem(source.display, 1, f"reading ease {ease} is below {ease.minimum:g} (“bastante fácil”); aim higher")
            )
    for language, entries in library.translations.section_questions.items():
        library.problems += unknown_sections(entries, anchors.get(language, {}), f"section_questions.{language}.yaml")
    return measured


def summary(measured: list[Eased]) -> list[str]:
    lines = []
    for language in sorted({m.language for m in measured}):
        values = [m for m in measured if m.language == language]
        worst = min(values, key=lambda m: m.ease.value)
        median = statistics.median(m.ease.value for m in values)
        lines.append(
            f"{language}: {len(values)} translations; reading ease median {median:.1f}, "
            f"lowest {worst.ease} ({worst.display}); minimum {worst.ease.minimum:g}"
        )
    return lines
