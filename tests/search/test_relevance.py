"""Search relevance on the shipped library, on whichever database the run uses.

Patient-style queries in five sets:
- relevance_queries.py: 56 queries, each with the article that must be in the top three
  (95% or better);
- relevance_set.py: 131 queries written from the articles as patients write (questions,
  misspellings, lay words, body parts), each with the article and the section that answers
  it: the set the ranking was tuned on;
- relevance_check.py: 60 more, written apart, used while tuning to check that a change
  helped queries it was not made for;
- relevance_heldout.py: 60 more, written apart, not looked at while tuning, measured after
  (seven times by 2026-12-01: no longer held out);
- relevance_fresh.py: 60 more, written blind on 2026-12-01 and measured once, after that day's
  changes (README, "Search").
The issue's targets are 95% of articles in the top three and 80% of right sections as the
first link. The floors below are what the ranking reaches today on the weaker of the two
databases (README, "Search"), so a change that makes it worse fails; the section target is
not met yet.
"""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.search import search
from articles.search.answers import is_question
from articles.search.query import tokens
from tests.relevance import assert_sections_found

from . import relevance_check, relevance_fresh, relevance_heldout, relevance_set
from .relevance_queries import QUERIES

TARGET = 0.95
# (set, its floor for the article in the top three, its floor for the right section first)
SECTION_SETS = [
    pytest.param(relevance_set.QUERIES, 0.95, 0.62, id="tuned"),
    pytest.param(relevance_check.QUERIES, 0.95, 0.63, id="check"),
    # 0.56: "does the nerve block for pancreatic cancer pain really help" links to "How well does
    # it work?", not to its first subsection, "Celiac plexus block", which the set names
    # (README, "Search").
    pytest.param(relevance_heldout.QUERIES, 0.95, 0.56, id="heldout"),
    pytest.param(relevance_fresh.QUERIES, 0.91, 0.60, id="fresh"),
]


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
@pytest.mark.parametrize(("queries", "top3_floor", "section_floor"), SECTION_SETS)
def test_patient_questions_find_the_section_that_answers(capsys, request, queries, top3_floor, section_floor):
    assert_sections_found(
        queries,
        lambda query: search(query).hits,
        lambda query: is_question(query, tokens(query)),
        f"section relevance ({request.node.callspec.id})",
        top3_floor,
        section_floor,
        capsys,
    )


def test_the_sets_name_real_sections(db):
    """Every (article, section) a set expects exists in the shipped library."""
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)
    from articles.models import Article

    anchors = {a.slug: {p["anchor"] for p in a.passages} for a in Article.objects.all()}
    for queries in (relevance_set.QUERIES, relevance_check.QUERIES, relevance_heldout.QUERIES, relevance_fresh.QUERIES):
        for query, slug, anchor in queries:
            assert anchor in anchors.get(slug, ()), (query, slug, anchor)


@pytest.mark.usefixtures("shipped")
@pytest.mark.parametrize(
    ("query", "slug", "anchor"),
    [
        # Without content/questions.yaml's ways for these two kinds of section, the first links
        # went to "What is going on in my neck?" and "Who may it help?".
        ("my arm tingles from a pinched nerve", "neck-pain-and-pinched-nerves", "symptoms"),
        ("the nerve burning didnt help my back", "radiofrequency-ablation-back-and-neck", "what-if-it-does-not-help"),
        # "ok" and "okay" frame a question and say nothing of its subject; as words of the
        # query, rare in the library, they led to the one page with "is it OK to stop".
        ("is it okay to exercise if my back hurts", "staying-active-and-physical-therapy", "hurt-versus-harm"),
        # Swimming is in the page's recovery section and in its preparing section; what patients
        # ask that each answers (content/section_questions.yaml) tells them apart.
        ("can i swim with the temporary stimulator wire", "peripheral-nerve-stimulation", "recovery"),
        # Every word of it the page has is the page's name: the kind of question asked ("success
        # rate", content/questions.yaml) must still outweigh it (ranking.asked_weight).
        ("intracept nerve ablation success rate", "basivertebral-nerve-ablation", "how-well-does-it-work"),
    ],
)
def test_a_question_links_to_the_section_that_answers_it(query, slug, anchor):
    hits = search(query).hits
    assert (hits[0].slug, hits[0].anchor) == (slug, anchor)


@pytest.mark.usefixtures("shipped")
def test_a_long_question_keeps_its_last_key_word():
    """The query's first twelve words used to include "for", "in", "my", "and": "tailbone", the
    word that says which joint, was cut, and the page about burning the back's nerves came first.
    Now a page about the sacroiliac joint does (its nerve burning, or its pain)."""
    hits = search("nerve burning for pain low in my back and butt near the tailbone").hits
    assert hits[0].slug.startswith("sacroiliac-joint-")
    assert "sacroiliac-joint-radiofrequency-ablation" in [hit.slug for hit in hits[:3]]


@pytest.mark.usefixtures("shipped")
def test_an_answer_card_needs_a_heading_that_names_what_is_asked_not_a_common_word():
    """The question "can i breastfeed after a back shot?" got the card of "Anti-inflammatory pain
    pills after 20 weeks": the heading named only "after", a word on nearly every page. A heading that names
    what is asked still gets its card."""
    assert search("can i breastfeed after a back shot?").answer is None
    card = search("can i take a bath after my shot?").answer
    assert card is not None and (card.slug, card.anchor) == ("after-your-procedure", "bathing-and-caring-for-the-needle-spot")
