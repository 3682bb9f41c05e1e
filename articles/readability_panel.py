"""The figures an editor sees above the live preview, from the same preview request."""

import re

from django.conf import settings
from django.template.loader import render_to_string

from .models import glossary_names
from .quality import _term_pattern, read_term_list
from .readability import measure


def unknown_terms(text):
    """Medical words from the curated list that the glossary does not explain."""
    known = {name.lower() for name, _, _ in glossary_names()}
    known |= {re.sub(r"e?s$", "", name) for name in known}
    found = []
    for term in read_term_list(settings.CONTENT_DIR / "medical_terms.txt"):
        if term not in known and _term_pattern(term).search(text):
            found.append(term)
    return found


def panel(rendered):
    figures = measure(rendered.prose, rendered.text)
    return render_to_string(
        "articles/_readability_panel.html",
        {
            "figures": figures,
            "limit": settings.PUBLISH_MAX_GRADE,  # the publish gate's limit (editorial_forms.py)
            "too_hard": figures.smog > settings.PUBLISH_MAX_GRADE,
            "unknown_terms": unknown_terms(rendered.text),
        },
    )
