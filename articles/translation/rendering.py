"""Rendering a translation: the same pipeline as English (rendering/site.py), with its
language's glossary, clinic-policy wording, box titles and addresses."""

import re
from typing import Any

from django.utils import translation

from articles.caching.memo import per_stamp_by_key
from articles.rendering import markdown, site
from articles.rendering.glossary import Entry, GlossaryIndex
from articles.rendering.readability import reading_ease, reading_minutes, word_count
from articles.translation.languages import article_url, named_url, topic_url
from articles.translation.stemming import fold, stems

RENDER_VERSION = 5

_INTERNAL = re.compile(r'href="/(articles|topics)/([a-z0-9-]+)/([^"]*)"')


def _anchors(toc: list[Any]) -> list[str]:
    """The ids of an article's h2 and h3 headings, in order."""
    ids = []
    for entry in toc or []:
        ids.append(entry.get("id", ""))
        ids.extend(child.get("id", "") for child in entry.get("children", []))
    return ids


def _section_anchor(slug: str, anchor: str, language: str) -> str:
    """The translation's id of the heading at the same place as the English `anchor` (a
    translation keeps the English headings' order), or the English anchor if not found."""
    from articles.models import ArticleTranslation

    row = ArticleTranslation.objects.filter(article__slug=slug, language=language).select_related("article").first()
    if row is None:
        return anchor
    english, translated = _anchors(row.article.toc), _anchors(row.toc)
    position = english.index(anchor) if anchor in english else None
    return translated[position] if position is not None and position < len(translated) else anchor


def localise_links(html: str, language: str) -> str:
    """A translation keeps the English link targets; its page links the same pages in its
    language (a page not translated yet answers there with a link to the English one), and a
    section by the translation's own heading id."""

    def replace(match: re.Match[str]) -> str:
        kind, slug, rest = match.groups()
        address = article_url(slug, language) if kind == "articles" else topic_url(slug, language)
        if kind == "articles" and rest.startswith("#"):
            rest = "#" + _section_anchor(slug, rest[1:], language)
        return f'href="{address}{rest}"'

    html = _INTERNAL.sub(replace, html)
    return html.replace('href="/glossary/', f'href="{named_url("articles:glossary", language)}')


def _policy_values(language: str, clinic: Any) -> tuple[tuple[str, str], ...]:
    """Each policy in the language: the clinic's wording in it; else the clinic's own English
    wording (its real rule beats a default that may say otherwise); else the default in it."""
    from articles.models import ClinicPolicy

    values = []
    for policy in ClinicPolicy.objects.prefetch_related("translations"):
        own = next((t for t in policy.translations.all() if t.language == language), None)
        if own is not None and own.clinic_text.strip():
            text = own.clinic_text.strip()
        elif policy.clinic_text.strip():
            text = policy.clinic_text.strip()
        else:
            text = own.default_text if own is not None else policy.default_text
        values.append((policy.name, text))
    with translation.override(language):
        phone = clinic.phone or translation.gettext("the clinic's main number")
    return (
        *values,
        ("clinic-name", clinic.clinic_name),
        ("clinic-phone", phone),
        ("emergency-number", clinic.emergency_number),
    )


@per_stamp_by_key(maxsize=8)
def glossary_index(language: str) -> GlossaryIndex:
    from articles.models import GlossaryTranslation

    rows = GlossaryTranslation.objects.filter(language=language)
    entries = (Entry(t.term, t.slug, t.definition, tuple(t.aliases), tuple(t.sense_words or ())) for t in rows)
    return GlossaryIndex(entries, page=named_url("articles:glossary", language))


def context(language: str) -> site.Context:
    from articles.models import ClinicSettings

    clinic = ClinicSettings.current()
    return site.Context(clinic.emergency_number, glossary_index(language), _policy_values(language, clinic))


def render(source: str, language: str, glossary: bool = True, ctx: site.Context | None = None) -> markdown.Rendered:
    with translation.override(language):
        result = site.render(source, ctx or context(language), glossary)
    result.html = localise_links(result.html, language)
    return result


def apply(row: Any, ctx: site.Context | None = None) -> markdown.Rendered:
    """Render a translation's body and set its derived columns (not saved)."""
    ctx = ctx or context(row.language)
    result = render(row.body, row.language, ctx=ctx)
    if row.article_id:
        # A link to a section of the same page keeps the English heading's id: point it at
        # the translation's heading in the same place.
        english_ids, own = _anchors(row.article.toc), _anchors(result.toc)
        moved = {a: own[i] for i, a in enumerate(english_ids) if i < len(own)}
        result.html = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{moved.get(m.group(1), m.group(1))}"', result.html)
    facts = [str(v) for v in (row.at_a_glance or {}).values() if str(v).strip()] if isinstance(row.at_a_glance, dict) else []
    prose = "\n".join([result.prose, *facts])
    row.body_html = result.html
    row.toc = result.toc
    row.sections = result.sections
    # Each section's words stemmed once, here, for the search's best-section choice.
    row.passages = [
        {**p, "heading_stems": stems(p.get("heading", ""), row.language), "text_stems": stems(p.get("text", ""), row.language)}
        for p in result.passages
    ]
    row.plain_text = result.text
    row.word_count = word_count(result.text)
    row.reading_minutes = reading_minutes(row.word_count)
    row.reading_ease = reading_ease(prose, row.language)
    # The English names too: many patients know a procedure only by the name on their
    # paperwork ("spinal cord stimulator", "RFA").
    source = row.article if row.article_id else None
    english_names = [source.title, *(source.also_called or [])] if source is not None else []
    names = " ".join([row.title, *(row.also_called or []), *english_names])
    row.index_title, row.index_summary, row.index_body = fold(names), fold(row.summary), fold(result.text)
    row.stems_title = stems(names, row.language)
    row.stems_summary = stems(row.summary, row.language)
    row.stems_body = stems(result.text, row.language)
    row.render_version = RENDER_VERSION
    row.rendered_with = ctx.key
    return result
