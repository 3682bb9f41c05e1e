"""Search relevance on the shipped library, on whichever database the run uses.

Two sets of patient-style queries:
- relevance_queries.py: 56 queries, each with the article that must be in the top three
  (95% or better);
- relevance_set.py: 131 queries written from the articles as patients write (questions,
  misspellings, lay words, body parts), each with the article and the section that answers
  it. The issue's targets are 95% of articles in the top three and 80% of right sections as
  the first link; the floors below are what the ranking reaches today on both databases
  (README, "Search"), so a change that makes it worse fails.
"""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.search import search
from articles.search.answers import is_question
from articles.search.query import tokens

from .relevance_queries import QUERIES
from .relevance_set import QUERIES as SECTION_QUERIES

TARGET = 0.95
SET_TOP3_FLOOR = 0.9
SET_SECTION_FLOOR = 0.54


@pytest.fixture
def shipped(db):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)


@pytest.mark.usefixtures("shipped")
def test_patient_queries_find_the_right_article(capsys):
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


@pytest.mark.usefixtures("shipped")
def test_patient_questions_find_the_section_that_answers(capsys):
    in_top3 = first_section = 0
    for query, slug, anchor in SECTION_QUERIES:
        hits = search(query).hits
        in_top3 += slug in [hit.slug for hit in hits[:3]]
        first_section += bool(hits) and (hits[0].slug, hits[0].anchor) == (slug, anchor)
    total = len(SECTION_QUERIES)
    with capsys.disabled():
        print(
            f"\nsection relevance: article in the top 3 {in_top3}/{total} = {in_top3 / total:.1%}; "
            f"right section first {first_section}/{total} = {first_section / total:.1%}"
        )
    questions = [q for q, *_ in SECTION_QUERIES if is_question(q, tokens(q))]
    assert total >= 80 and len(questions) >= 25
    assert in_top3 / total >= SET_TOP3_FLOOR
    assert first_section / total >= SET_SECTION_FLOOR
