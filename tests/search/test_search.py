import pytest

from articles.models import Article
from articles.search import MAX_QUERY_CHARS, clean_query, search

pytestmark = pytest.mark.usefixtures("library")

HOSTILE = [
    '"',
    "'",
    '""',
    "*",
    "-",
    "- -",
    "NEAR",
    "NEAR(a b)",
    "AND",
    "OR",
    "NOT",
    "a AND OR b",
    "(",
    ")",
    "((",
    "[x]",
    "{}",
    "^",
    "title:x",
    "knee-pain",
    "what is CRPS?",
    "epidural*",
    "💉🩻 pain",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "<script>alert(1)</script>",
    "%",
    "\\",
    ";--",
    "' OR 1=1 --",
    "\u202e",
    "   ",
    ":",
    "col:",
    "!@#$%^&*()",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_query_gives_a_normal_page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_query_is_shown_back_escaped(client):
    html = client.get("/search/", {"q": '<b onmouseover="x">epidural'}).content.decode()
    # Django escapes a quote as &quot;, Jinja2 (markupsafe) as &#34;: both are safe.
    assert any(f"&lt;b onmouseover={quote}x{quote}&gt;epidural" in html for quote in ("&quot;", "&#34;"))
    assert '<b onmouseover="x">' not in html


def test_snippets_do_not_mark_small_words_of_a_phrase():
    from articles.search import MARK_START, highlight

    snippet = highlight("Pain that starts in the spine and runs down the leg.", [["pain in the leg"]])
    assert f"{MARK_START}Pain" in snippet and f"{MARK_START}leg" in snippet
    assert f"{MARK_START}in" not in snippet and f"{MARK_START}the" not in snippet


def test_long_queries_are_cut():
    assert len(clean_query("word " * 5000)) == MAX_QUERY_CHARS
    assert "\x00" not in clean_query("a\x00b")


def test_a_query_keeps_its_first_twelve_words_that_are_not_small_words():
    from articles.search.query import MAX_TERMS, STOPWORDS, first_terms

    words = "is it ok that my leg is numb and weak after the nerve block near the tailbone one two three four five".split()
    kept = first_terms(words)  # "is it ok that my" and "and the" do not count: "tailbone" is the 8th
    assert kept[-1] == "four" and "tailbone" in kept
    assert sum(word not in STOPWORDS for word in kept) == MAX_TERMS
    assert first_terms(["the"] * 90) == ["the"] * 90  # small words alone: bounded by the query's length
    assert first_terms(["el", "dolor"], stopwords={"el"}) == ["el", "dolor"]


def test_bad_page_numbers(client):
    for page in ("0", "-1", "abc", "99999999999999999999"):
        assert client.get("/search/", {"q": "injection", "page": page}).status_code == 200


def test_results_have_title_topic_and_highlighted_snippet(client):
    html = client.get("/search/", {"q": "needle"}).content.decode()
    # The title links to the section the words are in, and that section is named.
    assert 'href="/articles/epidural-injection/#what-is-an-epidural-injection">Epidural injection</a>' in html
    assert (
        'Section: <a href="/articles/epidural-injection/#what-is-an-epidural-injection">What is an epidural injection?</a>'
        in html
    )
    assert "Back pain treatments" in html
    assert "<mark>needle</mark>" in html


def test_drafts_are_never_found():
    assert search("ready").total == 0
    assert all(hit.slug != "coming-soon" for hit in search("draft public").hits)


def test_also_called_names_find_the_article():
    assert search("ESI").hits[0].slug == "epidural-injection"
    assert search("back shot").hits[0].slug == "epidural-injection"


def test_glossary_aliases_find_articles_and_show_definitions():
    results = search("live x-ray")
    assert results.glossary and results.glossary[0].term == "Fluoroscopy"
    assert results.hits[0].slug == "epidural-injection"


def test_typos_are_corrected_with_did_you_mean(client):
    results = search("epideral")
    assert results.suggestion == "epidural"
    assert results.hits[0].slug == "epidural-injection"
    html = client.get("/search/", {"q": "epideral"}).content.decode()
    assert 'Did you mean <a href="?q=epidural">epidural</a>' in html


@pytest.mark.parametrize("query", ["is the stem cell clinic a scam", "pain near my butt", "the bone cement leaked"])
def test_a_real_word_the_library_lacks_is_not_corrected(query):
    """A word patients type that is a real English word ("scam", "butt", "leaked") is kept as
    typed, not "corrected" to a library word that looks like it ("sham", "bust", "leak")."""
    assert search(query).suggestion == ""


def test_index_follows_saves_and_deletes():
    article = Article.objects.get(slug="nerve-ablation")
    article.body += "\nA zebra-striped paragraph.\n"
    article.save()
    assert [h.slug for h in search("zebra").hits] == ["nerve-ablation"]
    article.delete()
    assert search("zebra").total == 0


def test_rebuild_search_index_command():
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    assert search("ablation").hits[0].slug == "nerve-ablation"


def test_pagination(client):
    for n in range(25):
        Article.objects.create(
            slug=f"extra-{n}",
            topic_id=Article.objects.first().topic_id,
            title=f"Extra {n}",
            summary="s",
            body="Pagination test words.",
            kind="guide",
        )
    results = search("pagination")
    assert results.total == 25 and len(results.hits) == 10 and results.pages == 3
    assert len(search("pagination", page=3).hits) == 5
    html = client.get("/search/", {"q": "pagination", "page": 2}).content.decode()
    assert "Page 2 of 3" in html and "page=3" in html and "page=1" in html
