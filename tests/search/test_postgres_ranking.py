"""PostgreSQL's article ranking (backends/postgres.rank): matches found from each concept's page
lists, and, past FULLY_RANKED matches, only the likeliest ranked by their whole text."""

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search import _vocabulary
from articles.search.query import concepts, tokens

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
    pytest.mark.usefixtures("library"),
]


def _article(slug, title="A guide", summary="A guide.", body="Some words.", status=Article.Status.PUBLISHED):
    topic = Article.objects.get(slug="epidural-injection").topic
    body = f"## About it\n\n{body}\n"  # one section, so a passage too
    return Article.objects.create(slug=slug, title=title, summary=summary, kind="guide", topic=topic, body=body, status=status)


def _groups(query):
    words = _vocabulary()
    return concepts(tokens(query), words.pairs, words.known)


@pytest.fixture
def soaks():
    """Six live pages that use "soak": two of them name it, one more only in its summary, and
    a draft that names it too."""
    made = {
        "plain-1": _article("plain-1", body="Rest after the shot. A soak in warm water helps."),
        "plain-2": _article("plain-2", body="A soak, a soak and another soak: repeating it is not being about it."),
        "plain-3": _article("plain-3", body="Soak the dressing off gently."),
        "summary": _article("summary", summary="How to soak a sore back.", body="Warm water soak for the back."),
        "named-1": _article("named-1", title="Nerve soak", body="A nerve soak bathes the nerve."),
        "named-2": _article("named-2", title="Soak therapy", body="Soak therapy uses warm water."),
        "draft": _article("draft", title="Soak draft", body="A soak.", status=Article.Status.DRAFT),
    }
    return {slug: article.id for slug, article in made.items()}


@pytest.mark.parametrize(
    "query",
    [
        "epidural steroid injection",
        "warm water soak after",  # "after": a word PostgreSQL does not search, a concept that asks nothing
        "back shot for sciatica",  # a synonym phrase among the concepts
        "soak water zebraquokka",  # a word no page has
    ],
)
@pytest.mark.parametrize("require_all", [True, False])
def test_matches_from_the_page_lists_are_the_databases_own(soaks, query, require_all):
    """rank() finds matches from each concept's page list, not in the statement that ranks:
    the same pages, in the same order, as the one statement that matches and ranks."""
    from articles.search.backends import postgres

    now = timezone.now()
    groups = _groups(query)
    every = list(Article.objects.values_list("id", flat=True))
    found = postgres.rank(groups, require_all, now)
    assert found or require_all and query in {"soak water zebraquokka", "back shot for sciatica"}  # no page has every word
    assert postgres.rank(groups, require_all, now) == postgres._rank_among(groups, require_all, now, every)


def test_past_fully_ranked_the_pages_about_the_word_are_ranked_first_and_none_is_lost(soaks, monkeypatch):
    from articles.search.backends import postgres

    now = timezone.now()
    groups = [["soak"]]
    everything = postgres.rank(groups, True, now)
    monkeypatch.setattr(postgres, "FULLY_RANKED", 3)
    capped = postgres.rank(groups, True, now)
    # Every live page that has the word, once; the draft never.
    assert sorted(capped) == sorted(everything) == sorted(i for slug, i in soaks.items() if slug != "draft")
    # The three ranked by their text are those whose names or summary have it, in the
    # database's order for them; then the pages that only use it, in id order.
    about = [soaks["summary"], soaks["named-1"], soaks["named-2"]]
    assert capped[:3] == [i for i in everything if i in about]
    assert capped[3:] == [soaks["plain-1"], soaks["plain-2"], soaks["plain-3"]]


def test_a_search_past_fully_ranked_still_shows_every_live_match(soaks, monkeypatch):
    from articles.search import search
    from articles.search.backends import postgres

    monkeypatch.setattr(postgres, "FULLY_RANKED", 2)
    results = search("soak")  # the tests' library has no other page with the word
    assert results.total == 6
    assert {hit.slug for hit in results.hits} == {slug for slug in soaks if slug != "draft"}
    assert results.hits[0].slug in {"summary", "named-1", "named-2"}


def test_the_names_and_summary_vector_follows_every_edit(soaks):
    def named(word):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_head @@ plainto_tsquery('english', %s) FROM articles_article WHERE id = %s",
                [word, soaks["plain-3"]],
            )
            return cursor.fetchone()[0]

    article = Article.objects.get(pk=soaks["plain-3"])
    assert not named("dressing")  # in its text only
    article.title = "Dressing care"
    article.save()
    assert named("dressing")
    Article.objects.filter(pk=soaks["plain-3"]).update(title="Wound care", summary="The dressing.")
    assert named("dressing")  # from the summary now
    Article.objects.filter(pk=soaks["plain-3"]).update(summary="Gently.", also_called=["dressing change"])
    assert named("dressing")  # another name
    Article.objects.filter(pk=soaks["plain-3"]).update(also_called=[])
    assert not named("dressing")


def test_sections_are_never_ranked_for_a_page_patients_cannot_see(soaks):
    from articles.search.backends import postgres

    rows = postgres.rank_passages([["soak"]], True, timezone.now(), 100, among=list(soaks.values()))
    found = {article_id for _, article_id, *_ in rows}
    assert soaks["named-1"] in found
    assert soaks["draft"] not in found


@pytest.mark.django_db(transaction=True)
def test_an_index_from_before_the_names_vector_is_brought_up_to_date():
    """A database indexed before search_head existed gets it, filled, on the next migrate
    (ensure_index runs after every migrate)."""
    from articles.search.index import ensure_index

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX articles_article_search_head_gin")
        cursor.execute("ALTER TABLE articles_article DROP COLUMN search_head")
    ensure_index(connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(search_head) FROM articles_article")
        total, filled = cursor.fetchone()
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'articles_article_search_head_gin'")
        assert cursor.fetchone()
    assert total > 0 and filled == total
