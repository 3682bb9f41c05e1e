"""Search relevance on the shipped library: patient-style queries, the right article in the top 3."""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.search import search

from .relevance_queries import QUERIES

TARGET = 0.95


@pytest.mark.django_db
def test_patient_queries_find_the_right_article(capsys):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)
    misses = []
    for query, slug in QUERIES:
        top = [hit.slug for hit in search(query).hits[:3]]
        if slug not in top:
            misses.append(f"{query!r}: wanted {slug}, got {top}")
    rate = 1 - len(misses) / len(QUERIES)
    with capsys.disabled():
        print(f"\nsearch relevance: {len(QUERIES) - len(misses)}/{len(QUERIES)} = {rate:.1%} in the top 3")
        for miss in misses:
            print("  miss:", miss)
    assert len(QUERIES) >= 40
    assert rate >= TARGET, "\n".join(misses)
