"""Structured data (schema.org JSON-LD) and absolute URLs, built from model fields only.

Every type and property used here exists in the schema.org vocabulary; reviewedBy and
lastReviewed appear only when a real clinical review is recorded for the text on the page.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import get_language

from articles.models import Article

SCHEMA = "https://schema.org"


def absolute(path):
    """The one way to make an absolute URL: from SITE_URL, never from the request's Host."""
    return settings.SITE_URL + path


def site_scheme_and_host():
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, parts.netloc


def publisher(clinic):
    org = {"@type": "MedicalOrganization", "name": clinic.clinic_name, "url": absolute("/")}
    if clinic.phone:
        org["telephone"] = clinic.phone
    return org


def breadcrumbs(crumbs, here):
    """crumbs: [(path or None, label)] below Home; None marks the current page."""
    items = [("/", "Home")] + [(path or here, label) for path, label in crumbs]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": label, "item": absolute(path)}
            for n, (path, label) in enumerate(items, 1)
        ],
    }


# How much of a section structured data quotes: enough to answer, short of the whole page.
SECTION_QUOTE_CHARS = 1000


def _names(article, about):
    if article.also_called:
        about["alternateName"] = article.also_called
    return about


def _about(article):
    if article.kind == Article.Kind.PROCEDURE:
        about = {"@type": "MedicalProcedure", "name": article.title}
        _names(article, about)
        if article.body_location:
            about["bodyLocation"] = article.body_location
        # Every procedure on this site goes through the skin with a needle or a lead.
        about["procedureType"] = SCHEMA + "/PercutaneousProcedure"
        preparation = article.section_text("how to prepare")[:SECTION_QUOTE_CHARS]
        if preparation:
            about["preparation"] = preparation
        followup = article.section_text("recovery")[:SECTION_QUOTE_CHARS]
        if followup:
            about["followup"] = followup
        how = article.section_text("on the day")[:SECTION_QUOTE_CHARS]
        if how:
            about["howPerformed"] = how
        return about
    if article.kind == Article.Kind.CONDITION:
        return _names(article, {"@type": "MedicalCondition", "name": article.title})
    return {"@type": "Thing", "name": article.title}


def article_graph(article, crumbs, clinic):
    page = {
        "@type": "MedicalWebPage",
        "@id": absolute(article.get_absolute_url()),
        "url": absolute(article.get_absolute_url()),
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "inLanguage": get_language() or "en",
        "medicalAudience": {"@type": "Patient"},
        "about": _about(article),
        "datePublished": article.published_at.date().isoformat(),
        "dateModified": article.updated.isoformat(),
        "publisher": publisher(clinic),
        "author": {"@type": "Organization", "name": clinic.authors},
        "wordCount": article.word_count,
    }
    if article.review_is_current:
        page["lastReviewed"] = article.reviewed.isoformat()
        page["reviewedBy"] = {"@type": "Person", "name": article.reviewer.name}
        if article.reviewer.credentials:
            page["reviewedBy"]["honorificSuffix"] = article.reviewer.credentials
    graph = [page, breadcrumbs(crumbs, article.get_absolute_url())]
    if article.kind == Article.Kind.FAQ:
        questions = [(q, a) for q, a in article.sections if q.endswith("?") and a]
        if questions:
            graph.append(
                {
                    "@type": "FAQPage",
                    "url": absolute(article.get_absolute_url()),
                    "mainEntity": [
                        {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in questions
                    ],
                }
            )
    return graph


def page_graph(name, path, description, clinic, crumbs=None):
    page = {
        "@type": "WebPage",
        "url": absolute(path),
        "name": name,
        "description": description,
        "inLanguage": get_language() or "en",
        "publisher": publisher(clinic),
    }
    graph = [page]
    if crumbs:
        graph.append(breadcrumbs(crumbs, path))
    return graph


def to_script(graph):
    """JSON for a <script type="application/ld+json"> block; '<' escaped so text can't close it."""
    data = {"@context": SCHEMA, "@graph": graph}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
