"""search/fallback.py: which concepts a search falls back on when few pages have them all,
the one rule both databases use."""

import math

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from articles.search.fallback import ALL_BUT_ONE_UP_TO, FALLBACK_ROWS, FEW, all_but_one, rarer

TOTAL = 10_000


def idf(pages):
    """BM25's idf for a concept `pages` of the TOTAL articles have (what the backends give)."""
    return math.log(1 + (TOTAL - pages + 0.5) / (pages + 0.5))


def test_the_rarer_concepts_are_kept_rarest_first_while_they_hold_about_a_tenth_of_the_library():
    groups = [["pain"], ["shower"], ["stimulator"], ["battery"]]
    pages = [8000, 100, 400, 300]
    weights = [idf(p) for p in pages]
    kept = rarer(groups, weights, weights, TOTAL)
    # "pain" is in most pages: never kept beside rarer ones; the rest fit in a tenth (1,000 rows).
    assert kept == [["shower"], ["battery"], ["stimulator"]]
    # Tighter: the rows run out after the two rarest.
    pages = [8000, 100, 700, 300]
    weights = [idf(p) for p in pages]
    assert rarer(groups, weights, weights, TOTAL) == [["shower"], ["battery"]]


def test_one_incidental_rare_word_is_not_all_a_question_is_searched_for():
    """ "scared of needles, can they put me to sleep for my shot" in a library of 58: only one
    page says "scared", and the rest are common words; searching "scared" alone found that one
    page. While the rarer concepts hold fewer than FEW pages, the next one is added, common or
    not, within the fallback's rows."""
    total = 58

    def small(pages):
        return math.log(1 + (total - pages + 0.5) / (pages + 0.5))

    groups = [["scared"], ["shot"], ["needles"]]
    weights = [small(p) for p in (1, 30, 40)]
    assert rarer(groups, weights, weights, total) == [["scared"], ["shot"]]
    # Enough pages with the rare word: the common ones stay out, as before.
    weights = [small(p) for p in (FEW + 2, 30, 40)]
    assert rarer(groups, weights, weights, total) == [["scared"]]
    # In a large library a common word holds more rows than the fallback may rank: left out.
    weights = [idf(p) for p in (1, 5000, 6000)]
    assert rarer(groups, weights, weights, TOTAL) == [["scared"]]


def test_the_rarest_concept_is_kept_even_when_common_and_a_word_no_page_has_never():
    groups = [["back"], ["pain"], ["meds"]]
    pages = [6000, 8000, 0]
    weights = [idf(p) for p in pages]
    assert rarer(groups, weights, weights, TOTAL) == [["back"]]
    assert rarer([["meds"]], [idf(0)], [idf(0)], TOTAL) == []


def test_a_small_library_keeps_every_concept_that_is_not_common():
    total = 58
    groups = [["shower"], ["nerve burn"], ["knee"]]
    weights = [math.log(1 + (total - p + 0.5) / (p + 0.5)) for p in (3, 5, 12)]
    assert total < FALLBACK_ROWS
    assert rarer(groups, weights, weights, total) == [["shower"], ["nerve burn"], ["knee"]]


def test_all_but_one_for_three_or_four_concepts_only():
    assert all_but_one([["a"], ["b"]]) == []
    assert all_but_one([["a"], ["b"], ["c"]]) == [[["b"], ["c"]], [["a"], ["c"]], [["a"], ["b"]]]
    assert len(all_but_one([[w] for w in "abcd"])) == ALL_BUT_ONE_UP_TO
    assert all_but_one([[w] for w in "abcde"]) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner setting")
@pytest.mark.django_db
def test_the_fallback_search_hands_the_planner_back_its_sequential_scans():
    """postgres.through_the_index turns sequential scans off for the fallback's one statement:
    left off, every later query on the connection would be ten times slower."""
    from articles.search.backends import postgres

    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return cursor.fetchone()[0]

    assert setting() == "on"
    postgres.rank([["back"], ["zebraquokka"], ["needle"]], False, timezone.now())
    assert setting() == "on"
    # A statement failing inside, in a transaction: its rollback hands the setting back.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        with postgres.through_the_index(cursor):
            assert setting() == "off"
            cursor.execute("SELECT 1 / 0")
    assert setting() == "on"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_every_article_match_is_planned_through_the_index(library):
    """The statements that match articles (each concept's pages, in the whole text and in the
    names and summary; the ranking among candidates) find their matches through the GIN
    indexes. With a word most pages use ("pain") the planner read every page's whole vector
    instead: 78 ms where the index answers in 30 at 10,000 articles. With the library's
    statistics, as autovacuum leaves a live site, the planner here would read every row
    too, so this fails without the setting."""
    from articles.search.backends import postgres

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    planned = []

    def explain(execute, sql, params, many, context):
        if " @@ " in sql and "FROM articles_article" in sql and not sql.startswith("EXPLAIN"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql, params)
                planned.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
        return execute(sql, params, many, context)

    now = timezone.now()
    with connection.execute_wrapper(explain):
        postgres.rank([["pain"], ["injection"]], True, now)
        postgres.rank([["pain"], ["zebraquokka"], ["injection"]], False, now)
        postgres.rank([["pain"]], True, now, among=[1, 2, 3])
    # Each of the three concepts' pages (once a library change), then the candidates'.
    assert len(planned) == 4
    assert sum("search_head @@" in sql for sql, _ in planned) == 3
    for sql, plan in planned:
        assert "Seq Scan on articles_article " not in plan + " ", (sql, plan)
