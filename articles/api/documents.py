"""An article (or its translation) as the API gives it: one shape, used by the list, the
detail and the FHIR resource, so the three never disagree."""

from articles.codes import systems
from articles.seo.structured_data import absolute
from articles.translation import languages
from articles.translation import reads as translated_reads


def page_for(article, language):
    """The article in `language` when its translation is live, else the English article."""
    if language != languages.DEFAULT:
        translation = translated_reads.published(article.slug, language)
        if translation is not None:
            return translation, language
    return article, languages.DEFAULT


def codes_of(article) -> list[dict]:
    codes = article.codes if isinstance(article.codes, dict) else {}
    return [
        {"system": system.name, "oid": system.oid, "uri": systems.FHIR_URI[system.key], "code": code}
        for system in systems.SYSTEMS
        for code in codes.get(system.key, [])
    ]


def summary(article, language) -> dict:
    page, shown = page_for(article, language)
    with languages_override(shown):
        url = absolute(page.get_absolute_url())
    return {
        "slug": article.slug,
        "language": shown,
        "title": page.title,
        "summary": page.summary,
        "kind": article.kind,
        "topic": article.topic.slug,
        "url": url,
        "updated": page.updated.isoformat(),
        "modified": article.modified_at.isoformat(),
        "codes": codes_of(article),
    }


def detail(article, language) -> dict:
    import re

    page, shown = page_for(article, language)
    parts = re.split(r"(<h2[^>]*>.*?</h2>)", page.body_html, flags=re.S)
    sections = [
        {"heading": re.sub(r"<[^>]+>", "", parts[i]).strip(), "html": parts[i + 1].strip()} for i in range(1, len(parts) - 1, 2)
    ]
    reviewed = page.review_is_current
    return {
        **summary(article, language),
        "at_a_glance": [{"label": label, "fact": fact} for label, fact in page.at_a_glance_rows()],
        "introduction": parts[0].strip(),
        "sections": sections,
        "sources": [{k: s.get(k) for k in ("title", "publisher", "year", "url")} for s in article.linked_sources()],
        "reviewed": page.reviewed.isoformat() if reviewed else None,
        "reviewer": page.reviewer.name if reviewed else None,
        "review_due": page.review_due.isoformat() if reviewed and page.review_due else None,
        "translations": sorted(translated_reads.translations_of(article.slug)),
    }


def languages_override(language):
    from django.utils import translation

    return translation.override(language)
