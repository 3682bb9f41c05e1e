"""The site's rendering: the pure pipeline plus what lives in the database — the clinic's
emergency number in callout titles, pictures from the image library, glossary links.

Every path that turns an article's Markdown into what patients read comes through here:
Article.save(), re-rendering after a glossary or clinic change, the editor's live preview
and check_content. apply() is the one writer of an article's derived columns.
"""

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from articles.caching.memo import per_stamp
from articles.rendering import images, markdown
from articles.rendering import policies as policy_text
from articles.rendering.glossary import Entry, GlossaryIndex
from articles.rendering.readability import Readability, measure

# What the pipeline derives from an article's Markdown; written only by apply().
RENDERED_FIELDS = (
    "body_html",
    "toc",
    "sections",
    "passages",
    "plain_text",
    "word_count",
    "reading_minutes",
    "smog_grade",
    "fk_grade",
    "render_version",
    "rendered_with",
)
# Raise when the pipeline's output changes; load_content then renders stored articles again.
RENDER_VERSION = 7

_LIBRARY_IMAGE = re.compile(r"!\[([^\]]*)\]\(image:(\d+)\)")


@dataclass(frozen=True)
class Context:
    """What rendering reads from the database, read once for a whole batch of articles."""

    emergency_number: str
    glossary: GlossaryIndex
    # Each clinic policy's current text and the built-in names (rendering/policies.py).
    policies: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """Changes whenever what rendering reads from the database changes."""
        policies = "|".join(f"{name}={text}" for name, text in self.policies)
        return hashlib.sha256(f"{self.emergency_number}|{self.glossary.version}|{policies}".encode()).hexdigest()

    @classmethod
    def current(cls) -> "Context":
        from articles.models import ClinicSettings

        clinic = ClinicSettings.current()
        return cls(clinic.emergency_number, glossary_index(), policy_values(clinic))


@per_stamp
def _policy_rows() -> tuple[tuple[str, str], ...]:
    from articles.models import ClinicPolicy

    return tuple((p.name, p.text) for p in ClinicPolicy.objects.only("name", "default_text", "clinic_text"))


def policy_values(clinic: Any) -> tuple[tuple[str, str], ...]:
    built_in = (
        ("clinic-name", clinic.clinic_name),
        ("clinic-phone", clinic.phone or "the clinic's main number"),
        ("emergency-number", clinic.emergency_number),
    )
    return (*_policy_rows(), *built_in)


@per_stamp
def glossary_index() -> GlossaryIndex:
    from articles.models import GlossaryTerm

    terms = GlossaryTerm.objects.only("term", "slug", "definition", "aliases", "sense_words")
    return GlossaryIndex(Entry(t.term, t.slug, t.definition, tuple(t.aliases), tuple(t.sense_words or ())) for t in terms)


def resolve_library_images(source: str) -> str:
    """Turn ![alt](image:ID) into the image's address, with its alt text and caption."""
    from articles.models import Image

    ids = {int(m.group(2)) for m in _LIBRARY_IMAGE.finditer(source or "")}
    if not ids:
        return source
    images = Image.objects.in_bulk(ids)

    def replace(match: re.Match[str]) -> str:
        image = images.get(int(match.group(2)))
        if image is None:
            return ""  # deleted from the library: withdrawn from every page

        alt = match.group(1).strip() or image.alt_text
        caption = f"\n\n*{image.caption}*" if image.caption else ""
        return f"![{alt}]({image.file.url}){caption}"

    return _LIBRARY_IMAGE.sub(replace, source)


def render(source: str, context: Context | None = None, glossary: bool = True) -> markdown.Rendered:
    context = context or Context.current()
    titles = markdown.default_callout_titles(context.emergency_number)
    filled = policy_text.fill(source or "", dict(context.policies))
    result = markdown.render(resolve_library_images(filled), callout_titles=titles)
    if glossary:
        result.html = context.glossary.link(result.html)
    result.html = images.sized(result.html)
    result.passages = markdown.with_leads(result.passages, result.html)
    return result


def readability(rendered: markdown.Rendered, at_a_glance: dict[str, Any] | None = None) -> Readability:
    """The article's figures: its running text plus the at-a-glance values (content-style.md)."""
    values = at_a_glance.values() if isinstance(at_a_glance, dict) else ()
    facts = [str(value) for value in values if str(value).strip()]
    return measure("\n".join([rendered.prose, *facts]), rendered.text)


def refresh(article: Any, context: Context) -> None:
    """The page's HTML for an article stored with an older glossary or emergency number, for
    reading only (the stored copy is updated by rendering/triggers.py): no figures."""
    result = render(article.body, context)
    article.body_html, article.toc, article.sections = result.html, result.toc, result.sections
    article.rendered_with = context.key


def apply(article: Any, context: Context | None = None) -> markdown.Rendered:
    """Render the article's body and set every derived column on it (not saved)."""
    result = render(article.body, context)
    figures = readability(result, article.at_a_glance)
    article.body_html = result.html
    article.toc = result.toc
    article.sections = result.sections
    article.passages = result.passages
    article.plain_text = result.text
    article.word_count = figures.words
    article.reading_minutes = figures.minutes
    article.smog_grade = figures.smog
    article.fk_grade = figures.flesch_kincaid
    article.render_version = RENDER_VERSION
    article.rendered_with = (context or Context.current()).key
    return result
