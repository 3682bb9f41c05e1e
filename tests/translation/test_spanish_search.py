"""Search in Spanish, over the Spanish pages only, on whichever database the run uses.

Two relevance sets of Spanish patient queries (lay words, no accents, misspellings, questions),
each with the page that answers:
- relevance_es.py (64): written first; the Spanish synonyms and the ranking were tuned on it;
- relevance_es_heldout.py (45): written afterwards by someone who saw neither the synonyms nor
  the first set, and not used for tuning: the honest measure. The target is 90% in the top three.
And two with the page and the section that answers, each written blind (without the search
code, the tests, the synonyms or the patient-question files), by different writers:
- relevance_es_sections.py (80): looked at while porting English's rule for choosing a
  page's section (search/ranking.py, within_page) to Spanish;
- relevance_es_sections_heldout.py (60): measured once, afterwards.
The issue's targets are 95% in the top three and 80% of right sections as the first link; the
floors are what the search reaches on the weaker of the two databases (README, "Search in
Spanish"), so a change that makes it worse fails; the targets are not met in Spanish.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from articles.translation.search import is_question, search
from articles.translation.stemming import words
from tests.relevance import assert_sections_found

from .relevance_es import QUERIES as TUNED
from .relevance_es_heldout import QUERIES as HELD_OUT
from .relevance_es_sections import QUERIES as SECTIONS
from .relevance_es_sections_heldout import QUERIES as SECTIONS_HELD_OUT
from .test_spanish import root, spanish  # noqa: F401 (fixtures: the small library with one translation)

TARGET = 0.90
TUNED_FLOOR = 0.85


@pytest.fixture
def shipped(db):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)


def _rate(queries, capsys, name):
    misses = []
    for query, slug in queries:
        top = [hit.slug for hit in search(query, "es").hits[:3]]
        if slug not in top:
            misses.append(f"{query!r}: wanted {slug}, got {top}")
    rate = 1 - len(misses) / len(queries)
    with capsys.disabled():
        print(f"\nSpanish search, {name}: {len(queries) - len(misses)}/{len(queries)} = {rate:.1%} in the top 3")
        for miss in misses:
            print("  miss:", miss)
    return rate, misses


@pytest.mark.slow
@pytest.mark.usefixtures("shipped")
def test_held_out_spanish_queries_find_the_right_page(capsys):
    rate, misses = _rate(HELD_OUT, capsys, "held-out set")
    assert len(HELD_OUT) >= 30
    assert rate >= TARGET, "\n".join(misses)


@pytest.mark.slow
@pytest.mark.usefixtures("shipped")
def test_tuned_spanish_queries_stay_found(capsys):
    rate, misses = _rate(TUNED, capsys, "tuning set")
    assert rate >= TUNED_FLOOR, "\n".join(misses)


# (set, its floor for the page in the top three, its floor for the right section first)
SECTION_SETS = [
    pytest.param(SECTIONS, 0.82, 0.47, id="sections"),
    pytest.param(SECTIONS_HELD_OUT, 0.81, 0.48, id="sections-heldout"),
]


@pytest.mark.slow
@pytest.mark.usefixtures("shipped")
@pytest.mark.parametrize(("queries", "top3_floor", "section_floor"), SECTION_SETS)
def test_spanish_queries_find_the_section_that_answers(capsys, request, queries, top3_floor, section_floor):
    assert_sections_found(
        queries,
        lambda query: search(query, "es").hits,
        lambda query: is_question(query, words(query)),
        f"Spanish section relevance ({request.node.callspec.id})",
        top3_floor,
        section_floor,
        capsys,
    )


def test_the_spanish_sets_name_real_sections(db):
    """Every (page, section) a Spanish set expects exists among the shipped Spanish pages."""
    from articles.models import ArticleTranslation

    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)
    anchors = {t.article.slug: {p["anchor"] for p in t.passages} for t in ArticleTranslation.objects.filter(language="es")}
    for queries in (SECTIONS, SECTIONS_HELD_OUT):
        for query, slug, anchor in queries:
            assert anchor in anchors.get(slug, ()), (query, slug, anchor)


@pytest.mark.usefixtures("shipped")
def test_a_spanish_section_is_chosen_by_the_words_that_set_it_apart():
    """English's rule for a page's sections holds in Spanish (search/ranking.py, within_page):
    the words of the page's name ("nervios", "rodilla": in its title and its first heading)
    hardly count, so the section about what else is asked wins. Before, the first section,
    "¿Qué es la ablación por radiofrecuencia de los nervios de la rodilla?", was linked."""
    hits = search("¿cuanto dura el alivio de quemar los nervios de la rodilla?", "es").hits
    linked = {hit.slug: hit.anchor for hit in hits[:3]}
    assert linked["genicular-radiofrequency-ablation"] == "qué-tan-bien-funciona"


@pytest.mark.usefixtures("shipped")
def test_accents_stems_synonyms_and_typos(client):
    def top(query):
        return [hit.slug for hit in search(query, "es").hits[:3]]

    assert top("inyección epidural")[0] == top("inyeccion epidural")[0] == top("INYECCIONES EPIDURALES")[0]
    assert "radiofrequency-ablation-back-and-neck" in top("quemar el nervio de la espalda")
    assert "epidural-steroid-injection" in top("inyeccion en la espalda")
    typo = search("estimulasion de la medula", "es")
    assert typo.suggestion == "estimulacion de la medula" and typo.corrected
    assert "spinal-cord-stimulation" in [hit.slug for hit in typo.hits[:3]]
    page = client.get("/es/buscar/", {"q": "inyecsion epidural"}).content.decode()
    assert "¿Quiso decir" in page and "inyeccion epidural" in page and "/es/articulos/epidural-steroid-injection/" in page


@pytest.mark.usefixtures("shipped")
def test_spanish_search_shows_spanish_pages_only_and_english_search_no_spanish(client):
    html = client.get("/es/buscar/", {"q": "bloqueo de rama medial"}).content.decode()
    assert 'href="/es/articulos/medial-branch-block/' in html and 'href="/articles/medial-branch-block/' not in html
    assert '<html lang="es">' in html and "Resultados de la búsqueda" in html
    english = client.get("/search/", {"q": "bloqueo de rama medial"}).content.decode()
    assert "/es/articulos/" not in english


@pytest.mark.usefixtures("spanish")
def test_hostile_spanish_queries_get_a_page_not_an_error(client):
    for query in [
        '"NEAR(a b)" col:x *',
        "\x00 OR 1=1 --",
        "<script>alert(1)</script>",
        "á" * 400,
        "inyección " * 50,
        ")(",
        "^-+",
    ]:
        response = client.get("/es/buscar/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


@pytest.mark.usefixtures("shipped")
def test_a_draft_translation_is_never_found(client):
    from articles.models import ArticleTranslation

    ArticleTranslation.objects.filter(article__slug="medial-branch-block").update(status="draft")
    assert "medial-branch-block" not in [hit.slug for hit in search("bloqueo de rama medial", "es").hits]


@pytest.mark.usefixtures("shipped")
def test_a_spanish_question_one_section_answers_gets_the_answer_first(client):
    """The answer card in Spanish: the Spanish section's heading and first paragraph, its link
    under /es/, the card's words in Spanish; none for a phrase that is not a question."""
    query = "cuanta radiacion me dan con los rayos x en la inyeccion"
    answer = search(query, "es").answer
    assert answer is not None and answer.slug == "image-guided-procedures"
    assert answer.heading == "¿Cuánta radiación voy a recibir?"
    html = client.get("/es/buscar/", {"q": query}).content.decode()
    assert 'class="answer-card"' in html and "La respuesta puede estar en" in html and "Lea esta parte de" in html
    assert f'href="/es/articulos/image-guided-procedures/#{answer.anchor}"' in html
    assert answer.html and answer.html in html and 'href="/articles/' not in answer.html
    assert search("radiacion rayos x inyeccion", "es").answer is None  # not a question


@pytest.mark.usefixtures("shipped")
def test_a_long_spanish_question_keeps_its_last_key_word():
    """Counted with "el", "se", "al", "de", "y", the first twelve words cut "brote" (a flare):
    the question got the card of "¿Qué diferencia hay entre adormecer y sedar?" ("diferente"
    and "diferencia" share a stem), and the flare page was not among the first three."""
    results = search("el dolor se siente diferente al de siempre y tengo fiebre, es solo un brote?", "es")
    assert "planning-for-flare-ups" in [hit.slug for hit in results.hits[:3]]
    assert results.answer is None or results.answer.slug == "planning-for-flare-ups"


@pytest.mark.usefixtures("shipped")
def test_never_a_spanish_answer_from_a_page_patients_cannot_see():
    from articles.models import ArticleTranslation

    ArticleTranslation.objects.filter(article__slug="image-guided-procedures").update(status="draft")
    answer = search("cuanta radiacion me dan con los rayos x en la inyeccion", "es").answer
    assert answer is None or answer.slug != "image-guided-procedures"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.usefixtures("shipped")
def test_spanish_matches_are_found_through_the_index_and_the_planner_gets_its_scans_back():
    """Every statement of a Spanish search that matches pages' vectors is planned through the
    GIN index: with a few hundred or thousand matches the planner read every page's whole
    vector instead (50 ms where the index answers in 3, at 10,000 pages). Checked on the
    small test library, where the planner would read every row too, so this test fails
    without the setting; afterwards the connection has its sequential scans back."""
    planned = []
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_articletranslation")  # as autovacuum leaves a live site

    def explain(execute, sql, params, many, context):
        if ("search_vector @@" in sql or "search_head @@" in sql) and not sql.startswith("EXPLAIN"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql, params)
                planned.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
        return execute(sql, params, many, context)

    # New words and concepts each time: nothing held from an earlier search.
    with connection.execute_wrapper(explain):
        for query in ("inyeccion en la espalda para el dolor de pierna", "quemar el nervio de la rodilla", "siatica"):
            search(query, "es")
    assert planned
    for sql, plan in planned:
        assert "Seq Scan on articles_articletranslation" not in plan, (sql, plan)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.usefixtures("shipped")
def test_a_large_library_searches_the_rarer_concepts_some_page_has(monkeypatch):
    """When the query's concepts hold more pages than the pool (a large library: the pool
    made tiny here), only the rarer concepts are searched. A word no page has ("soy") is not
    one of them: it found nothing at all at 10,000 pages. And a synonym's phrase is kept
    unless a word of it that is matched is common: "de" is on every page but never matched
    (here only a word on every page counts as common)."""
    from articles.translation import search as spanish_search

    monkeypatch.setattr(spanish_search, "POOL", 2)
    hits = search("soy diabetico se me sube el azucar con la cortisona?", "es").hits
    assert "diabetes-and-steroid-shots" in [hit.slug for hit in hits[:3]]
    monkeypatch.setattr(spanish_search, "COMMON_SHARE", 0.99)
    hits = search("estimulador temporal de 60 dias para el nervio", "es").hits
    assert "peripheral-nerve-stimulation" in [hit.slug for hit in hits[:3]]


@pytest.mark.usefixtures("shipped")
def test_the_small_words_of_a_query_are_ours_on_both_databases():
    """The word "tantos" is one of our small words (stemming.STOPWORDS), not PostgreSQL's. The
    patient phrase "tantos especialistas" (content/synonyms.es.yaml) is matched by its typed words
    without ours on both databases: every page with "especialistas" has it (on PostgreSQL
    only those with "tantos" too did, and at 10,000 pages none, so nothing was found)."""
    phrase = search("tantos especialistas", "es")
    word = search("especialistas", "es")
    assert word.total > 0
    assert phrase.total >= word.total


@pytest.mark.usefixtures("shipped")
def test_a_spanish_question_about_how_long_relief_lasts_links_to_how_well_it_works():
    """content/questions.es.yaml: "cuánto dura el alivio" asks what "¿Qué tan bien funciona?"
    answers (without the file the result linked to the section that names the treatment)."""
    hits = search("cuanto dura el alivio de quemar los nervios de la espalda", "es").hits
    assert (hits[0].slug, hits[0].anchor) == ("radiofrequency-ablation-back-and-neck", "qué-tan-bien-funciona")


@pytest.mark.usefixtures("shipped")
@pytest.mark.parametrize(
    ("query", "slug", "anchor"),
    [
        # The Spanish pages word these sections more than one way; questions.es.yaml lists each
        # wording. Without the ways, the links went to the sections that name the condition.
        ("hormigueo en la mano por el cuello", "neck-pain-and-pinched-nerves", "cuáles-son-los-síntomas"),
        ("que causa la ciatica", "sciatica-and-radiculopathy", "qué-lo-causa"),
        ("la inyeccion en la espalda no me sirvio", "epidural-steroid-injection", "qué-pasa-si-no-me-ayuda"),
    ],
)
def test_a_spanish_question_about_a_standard_section_links_to_it(query, slug, anchor):
    hits = search(query, "es").hits
    assert (hits[0].slug, hits[0].anchor) == (slug, anchor)


@pytest.mark.usefixtures("shipped")
def test_a_spanish_snippet_marks_the_words_asked_not_the_small_words():
    """The Spanish snippet leaves the query's small words ("los", "las") unmarked: with
    English's list of small words, "Los resultados…" was marked for "quemar los nervios"."""
    hits = search("cuanto dura el alivio de quemar los nervios de la espalda", "es").hits
    assert hits and all("<mark>los</mark>" not in hit.snippet.lower() for hit in hits)


@pytest.mark.usefixtures("shipped")
def test_the_verb_dura_is_not_the_dura_mater(client):
    """The verb "dura" (it lasts) is common in Spanish pages and questions ("¿cuánto dura?"): it was an
    alias of Duramadre, so the pages linked it to the dura mater's definition and the search
    showed that definition's card. The glossary entry keeps "saco dural"."""
    html = client.get("/es/articulos/what-is-interventional-pain-management/").content.decode()
    assert 'href="/es/glosario/#duramadre">dura<' not in html
    glossary = search("cuanto dura el alivio de quemar los nervios de la espalda", "es").glossary
    assert "Duramadre" not in [entry.term for entry in glossary]


@pytest.mark.parametrize(
    ("heading", "sums_up"),
    [
        ("Puntos clave", True),
        ("¿Qué le puedo preguntar a mi médico?", True),
        ("Preguntas para hacerle a su médico", True),
        ("Key points", True),
        ("¿Qué tan bien funciona?", False),
        ("¿Cuándo debo buscar ayuda?", False),
    ],
)
def test_a_spanish_summary_or_list_of_questions_counts_little(heading, sums_up):
    """Sections that sum up the page or list questions to ask mention everything and answer
    nothing, in Spanish as in English (search/ranking.py, SUMMARY_HEADING)."""
    from articles.search.ranking import SUMMARY_HEADING

    assert bool(SUMMARY_HEADING.search(heading)) is sums_up
