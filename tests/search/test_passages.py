"""Sections as passages (issue: search that answers the question): indexed on both databases
whatever writes the article, linked from each result, and an answer card for a question
that one live section clearly answers."""

import pytest
from django.conf import settings
from django.db import connection

from articles.library.sync import rerender_all
from articles.library.words import read_body_parts, read_questions
from articles.models import Article, Passage
from articles.search import search

pytestmark = pytest.mark.usefixtures("library")

SECTIONS = """A shot for sore nerves.

## What is a nerve soak?

A nerve soak bathes a sore nerve in numbing medicine.

## Can I shower afterwards?

- Wait one day before you shower or swim.
- Keep the dressing dry until then.

## Key points

- Showering, swimming and driving are covered above.
"""


def _article(slug="nerve-soak", status=Article.Status.PUBLISHED, body=SECTIONS):
    topic = Article.objects.get(slug="epidural-injection").topic
    return Article.objects.create(
        slug=slug, title="Nerve soak", summary="A shot.", kind="guide", topic=topic, body=body, status=status
    )


def _anchors(article):
    return list(Passage.objects.filter(article=article).order_by("position").values_list("anchor", flat=True))


@pytest.mark.django_db(transaction=True)
def test_every_way_of_writing_an_article_keeps_its_passages_in_step():
    article = _article()
    assert _anchors(article) == ["what-is-a-nerve-soak", "can-i-shower-afterwards", "key-points"]
    # A bulk update of the derived columns (what re-rendering does) re-indexes the sections.
    article.body = SECTIONS.replace("Can I shower afterwards?", "Bathing afterwards")
    article.save()
    rerender_all(only=Article.objects.filter(pk=article.pk))
    assert _anchors(article)[1] == "bathing-afterwards"
    Article.objects.filter(pk=article.pk).update(passages=[])
    assert _anchors(article) == []
    Article.objects.filter(pk=article.pk).update(passages=[{"anchor": "a", "heading": "Shower rules", "text": "Wait."}])
    assert search("shower rules").hits[0].anchor == "a"
    article.delete()
    assert not Passage.objects.exists() or not Passage.objects.filter(article_id=article.pk).exists()


def test_a_result_links_to_the_section_that_has_the_words():
    _article()
    hit = next(h for h in search("shower swim").hits if h.slug == "nerve-soak")
    assert (hit.anchor, hit.section) == ("can-i-shower-afterwards", "Can I shower afterwards?")
    # A summing-up section mentions everything and answers nothing: it is not chosen.
    assert search("showering swimming driving").hits[0].anchor != "key-points"


def test_a_question_one_section_answers_gets_the_answer_first(client):
    _article()
    results = search("can i shower after a nerve soak?")
    assert results.answer is not None
    assert (results.answer.slug, results.answer.anchor) == ("nerve-soak", "can-i-shower-afterwards")
    assert (
        results.answer.html
        == "<ul>\n<li>Wait one day before you shower or swim.</li>\n<li>Keep the dressing dry until then.</li>\n</ul>"
    )
    html = client.get("/search/", {"q": "can i shower after a nerve soak?"}).content.decode()
    assert 'class="answer-card"' in html and "Wait one day before you shower or swim." in html
    assert 'href="/articles/nerve-soak/#can-i-shower-afterwards"' in html


def test_no_answer_card_for_a_non_question_or_when_nothing_clearly_answers():
    _article()
    assert search("nerve soak shower").answer is None  # not a question
    assert search("can i drive a bus to the moon?").answer is None  # nothing answers it


def test_never_an_answer_or_a_section_from_a_page_patients_cannot_see():
    _article(slug="draft-soak", status=Article.Status.DRAFT)
    results = search("can i shower after a nerve soak?")
    assert results.answer is None or results.answer.slug != "draft-soak"
    assert all(hit.slug != "draft-soak" for hit in results.hits)


def test_the_passage_index_exists_on_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM articles_passage_fts WHERE articles_passage_fts MATCH 'epidural'")
        else:
            cursor.execute("SELECT count(*) FROM articles_passage WHERE search_vector @@ plainto_tsquery('english', 'epidural')")
        assert cursor.fetchone()[0] > 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- words: [foot]\n", "each entry has 'words' and 'articles' lists"),
        ("- words: [foot]\n  articles: []\n", "must each be a list of words"),
        ("- words: [foot]\n  articles: [a]\n- words: [foot]\n  articles: [b]\n", "'foot' is listed twice (also at line 1)"),
    ],
)
def test_a_bad_body_parts_file_is_refused_with_its_line(tmp_path, text, message):
    (tmp_path / "body_parts.yaml").write_text(text)
    problems = []
    read_body_parts(tmp_path / "body_parts.yaml", tmp_path, problems)
    assert problems and message in problems[-1].message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- heading: How well does it work?\n", "each entry has a 'heading' and an 'asked' list"),
        ("- heading: How well does it work?\n  asked: []\n", "'asked' a list of phrases"),
        ("- heading: {a: b}\n  asked: [actually work]\n", "'heading' must be text"),
        ("- heading: [How well does it work?, '']\n  asked: [actually work]\n", "'heading' must be text"),
        ("- heading: How well does it work?\n  asked: ['* last']\n", "'* last': '*' only stands between words"),
    ],
)
def test_a_bad_questions_file_is_refused_with_its_line(tmp_path, text, message):
    (tmp_path / "questions.yaml").write_text(text)
    problems = []
    read_questions(tmp_path / "questions.yaml", tmp_path, problems)
    assert problems and message in problems[-1].message and problems[-1].line == 1


def test_a_section_worded_several_ways_is_one_entry(tmp_path):
    """A translation words the same section more than one way: each wording gets the ways."""
    from articles.search.query import question_ways, tokens

    (tmp_path / "questions.yaml").write_text("- heading: ['¿Y si no me ayuda?', '¿Y si no le ayuda?']\n  asked: [no me sirvio]\n")
    problems = []
    entries = read_questions(tmp_path / "questions.yaml", tmp_path, problems)
    assert not problems
    ways = question_ways(entries, tokens)
    assert [heading for heading, _ in ways] == ["y si no me ayuda", "y si no le ayuda"]
    assert all(pattern.search("la inyeccion no me sirvio de nada") for _, patterns in ways for pattern in patterns)


def test_a_section_that_answers_the_kind_of_question_asked_is_linked():
    """content/questions.yaml: "does it actually work" and "how long does the relief last" ask
    what "How well does it work?" answers. Their own words are on most pages and say little
    alone, so without the file the section that names the treatment won; a query that does
    not ask it leaves the choice to the words."""
    from articles.search.query import questions_asked, tokens
    from articles.search.ranking import section_scores

    assert questions_asked(tokens("how long does the relief from the nerve soak last")) == {"how well does it work"}
    assert questions_asked(tokens("does the nerve soak actually work")) == {"how well does it work"}
    assert questions_asked(tokens("how long is the drive home")) == set()
    sections = [
        ("what is a nerve soak?", "a nerve soak calms a sore nerve. it works on the nerve for a long time."),
        ("how well does it work?", "about half of people have less pain."),
    ]
    groups, rarity = [["nerve soak"], ["actually"], ["work"]], [2.0, 0.0, 0.1]
    asked = section_scores(sections, groups, rarity, "nerve soak", tokens("does the nerve soak actually work"))
    assert asked[1] > asked[0]
    plain = section_scores(sections, groups, rarity, "nerve soak", tokens("nerve soak work"))
    assert plain[0] > plain[1]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("body_parts.yaml", "- words: [foot]\n  articles: [no-such-article]\n"),
        ("section_questions.yaml", "- article: no-such-article\n  sections: {a: [b]}\n"),
    ],
)
def test_a_word_file_names_an_article_that_must_exist(library_dir, name, text):
    from articles.library.files import ContentError
    from articles.library.sync import load_library

    (library_dir / name).write_text(text)
    with pytest.raises(ContentError) as raised:
        load_library(library_dir)
    assert any(
        p.path.endswith(name) and p.line == 1 and "'no-such-article' does not exist" in p.message for p in raised.value.problems
    )


def test_on_its_own_page_a_concept_asks_about_what_the_page_name_does_not_say():
    """On the nerve soak's page, "soak battery" asks about the battery: the section on it wins,
    not the one that names the page and mentions a battery in passing."""
    from articles.search.ranking import section_scores

    sections = [
        ("what is a nerve soak?", "a nerve soak is a small device with a battery."),
        ("battery choices", "some batteries recharge; others last for years."),
    ]
    scores = section_scores(sections, [["soak battery", "pulse generator"]], [2.0], "nerve soak")
    assert scores[1] > scores[0]


def test_words_of_the_question_close_together_pick_the_section():
    """How long does relief last: the section where "long" and "last" stand together, not the
    one that has "long" here and "last" far away."""
    from articles.search.ranking import section_scores

    far = "it may be a long day. " + "rest at home with your feet up and drink water. " * 3 + "the last step is sleep."
    sections = [("recovery", far), ("how well does it work?", "relief can last a long time for many people.")]
    scores = section_scores(sections, [["long"], ["last"]], [1.0, 1.0], "nerve soak")
    assert scores[1] > scores[0]


def test_a_word_no_page_has_does_not_empty_the_results():
    """A word the library does not use ("zzqx", "meds") leaves the pages with the other words,
    even when those are common (PostgreSQL's fallback once kept only the rare word)."""
    _article()
    _article(slug="nerve-soak-again")
    assert "nerve-soak" in [hit.slug for hit in search("nerve soak zzqx").hits]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- article: epidural-injection\n", "each entry has an 'article' and its 'sections'"),
        ("- article: epidural-injection\n  sections: [a]\n", "'sections' each section's anchor with a list of questions"),
        ("- article: epidural-injection\n  sections:\n    risks-and-side-effects: []\n", "a list of questions"),
        (
            "- article: x\n  sections: {when-to-get-help: [fever]}\n- article: x\n  sections: {when-to-get-help: [pus]}\n",
            "'x' is listed twice (also at line 1)",
        ),
    ],
)
def test_a_bad_section_questions_file_is_refused_with_its_line(tmp_path, text, message):
    from articles.library.words import read_section_questions

    (tmp_path / "section_questions.yaml").write_text(text)
    problems = []
    read_section_questions(tmp_path / "section_questions.yaml", tmp_path, problems)
    assert problems and message in problems[-1].message
    assert problems[-1].line == (3 if "twice" in message else 1)


def test_check_content_finds_section_questions_for_a_heading_that_was_reworded(library_dir):
    """A heading reworded changes its anchor: the questions filed under the old one would
    quietly stop counting, so check_content names them."""
    from articles.library.quality import check_library

    (library_dir / "section_questions.yaml").write_text(
        "- article: epidural-injection\n  sections:\n    when-to-get-help: [fever after the shot]\n"
        "    side-effects: [will my face go red]\n"
    )
    found = [str(p) for p in check_library(library_dir, settings.BASE_DIR / "static").problems]
    assert [p for p in found if "section_questions.yaml" in p] == [
        "library/section_questions.yaml:1: 'epidural-injection' has no section '#side-effects' (was its heading reworded?)"
    ]


def test_what_patients_ask_leads_to_the_section_that_answers():
    """content/section_questions.yaml: a section's patient questions count with its words, so
    the section that answers wins even when the patient's word is not on the page."""
    from articles.search.query import tokens
    from articles.search.ranking import section_scores

    sections = [
        ("what is a nerve soak?", "a nerve soak calms a sore nerve."),
        ("recovery", "keep the spot clean and dry. do not soak it in water for two days."),
        ("when to get help", "call us if the spot is red or hot."),
    ]
    groups, rarity = [["bath"]], [1.5]
    query = tokens("can i take a bath afterwards")
    assert section_scores(sections, groups, rarity, "nerve soak", query) == [0.0, 0.0, 0.0]  # on no section
    patients = ["what is it", "can i take a bath or shower after", ""]
    asked = section_scores(sections, groups, rarity, "nerve soak", query, patients=patients)
    assert max(range(3), key=asked.__getitem__) == 1


def test_what_patients_ask_does_not_make_a_word_the_pages_name():
    """Whether a concept is the page's own name (and so only breaks ties) goes by the page's
    own words. Counted with the patients' questions, "appeal" on a costs page, in one section's
    text and two sections' questions, was taken for the page's name and lost its weight."""
    from articles.search.ranking import section_scores

    sections = [
        ("what is prior approval?", "your plan agrees to pay before the procedure."),
        ("why is cost hard to know?", "prices depend on the plan."),
        ("what if my plan says no?", "you can appeal. ask the clinic to help."),
        ("a limit on how many shots", "plans pay for a few shots a year."),
        ("help with bills", "ask about a payment plan."),
        ("key points", "ask before the procedure."),
    ]
    patients = ["", "do i have to appeal", "", "can i appeal a limit", "", ""]
    groups, rarity = [["appeal"], ["help"]], [3.0, 0.5]
    scores = section_scores(sections, groups, rarity, "costs and approval appeal", ["appeal", "help"], patients=patients)
    assert max(range(len(sections)), key=scores.__getitem__) == 2
