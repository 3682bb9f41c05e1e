"""The article form's structured fields (articles/editorial/widgets.py): staff type facts,
other names and sources into labelled boxes and rows, never JSON. What the security review
found with the old JSON boxes (F15: a list where the facts go broke the page and its
handout; F16: "LSB" shown as "L, S, B", a deeply nested JSON array gave a 500) is refused
with a clear message or cannot be typed, the format's own checks give the loader's words,
an unchanged save changes nothing, and the sources can be added, removed and reordered with
plain form posts."""

import json
import re

import pytest
from django.db import connection
from django.db.models import JSONField, Value
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.editorial.forms import ArticleAdminForm
from articles.library import schema
from articles.models import Article
from tests.editorial.forms import form_data, structured

pytestmark = pytest.mark.usefixtures("library")

CHANGE = "/admin/articles/article/{}/change/"
DEEP = "[" * 100_000 + "]" * 100_000  # F16: json.loads of this raised RecursionError
SOURCES = [
    {"title": "First guideline", "publisher": "Society A", "year": 2020},
    {"title": "Second review", "publisher": "Journal B", "year": 2021, "url": "https://example.org/b"},
    {"title": "Third leaflet", "publisher": "Clinic C", "year": 2022},
]


def article():
    return Article.objects.get(slug="epidural-injection")


def post(client, data, current=None):
    return client.post(CHANGE.format((current or article()).pk), data)


def pages_answer(slug="epidural-injection"):
    """The public page and its handout, as an anonymous reader gets them."""
    reader = Client()
    return reader.get(f"/articles/{slug}/").status_code, reader.get(f"/articles/{slug}/handout/").status_code


def refused(response):
    page = response.content.decode()
    return response.status_code == 200 and 'class="errornote"' in page


def loader_says(**meta):
    """The loader's messages (library/schema.check) for a front matter with these values, as
    the form words them."""
    base = {"title": "T", "summary": "S.", "kind": "guide", "sources": SOURCES[:1], "updated": "2026-01-01"}
    messages = []
    schema.check({**base, **meta}, lambda name, message: messages.append(message[0].upper() + message[1:] + "."))
    return messages


FORMAT_FIELDS = ("kind", "also_called", "at_a_glance", "sources", "__all__")


def form_errors(current, data):
    """The form's messages about the article's format (the admin's form also splits the
    publication date in two, which this plain form does not read)."""
    form = ArticleAdminForm(data=data, instance=current)
    form.is_valid()
    return [message for name in FORMAT_FIELDS for message in form.errors.get(name, [])]


def stored_shapes_are_the_formats(current):
    assert isinstance(current.at_a_glance, dict)
    assert all(
        key in schema.AT_A_GLANCE and isinstance(value, str) and value.strip() for key, value in current.at_a_glance.items()
    )
    assert isinstance(current.also_called, list) and all(isinstance(name, str) and name for name in current.also_called)
    assert isinstance(current.sources, list) and current.sources
    assert all(isinstance(source, dict) and set(source) <= set(schema.SOURCE_KEYS) for source in current.sources)


# --- what staff see --------------------------------------------------------------------------


def test_the_form_shows_a_labelled_box_per_fact_a_name_a_line_and_a_row_per_source(staff_client):
    current = article()
    page = staff_client.get(CHANGE.format(current.pk)).content.decode()
    for key, label in schema.AT_A_GLANCE.items():
        assert f'<label for="id_at_a_glance-{key}">{label}</label>' in page
        box = re.search(rf'<textarea name="at_a_glance-{key}"([^>]*)>\n(.*?)</textarea>', page, re.S)
        assert f'maxlength="{schema.AT_A_GLANCE_MAX}"' in box.group(1)
        assert box.group(2).replace("&#x27;", "'") == current.at_a_glance[key]
    assert f"Up to {schema.AT_A_GLANCE_MAX} characters." in page
    names = re.search(r'<textarea name="also_called"[^>]*>\n(.*?)</textarea>', page, re.S).group(1)
    assert names.splitlines() == current.also_called
    for index, source in enumerate(current.sources):
        assert re.search(rf'name="sources-{index}-title" [^>]*value="{re.escape(source["title"])}"', page)
        assert re.search(rf'name="sources-{index}-position" [^>]*value="{index + 1}"', page)
        assert f'name="sources-{index}-remove"' in page
    blank = len(current.sources)
    for index in (blank, blank + 1):  # two empty rows to add sources, with nothing to remove
        assert re.search(rf'<input type="text" name="sources-{index}-title" id="[^"]+">', page)
        assert f'name="sources-{index}-remove"' not in page
    # No JSON to type, and nothing inline for the Content-Security-Policy to block.
    assert 'name="at_a_glance"' not in page and 'name="sources"' not in page and '{"treats"' not in page
    assert "/static/css/admin-fields.css" in page and "/static/js/admin-fields.js" in page
    form = ArticleAdminForm(instance=current)
    for name in ("also_called", "at_a_glance", "sources"):
        html = str(form[name])
        assert " style=" not in html and "<script" not in html and not re.search(r"\son[a-z]+=", html)


def test_an_unchanged_save_keeps_every_value_as_it_was_in_the_same_order(staff_client):
    current = article()
    # Keys in an order other than the format's, as an older file or edit may have them.
    facts = dict(reversed(list(current.at_a_glance.items())))
    sources = [{"year": 2019, "publisher": "P", "title": "Year first"}, *current.sources]
    Article.objects.filter(pk=current.pk).update(at_a_glance=facts, sources=sources, also_called=["ESI", "back shot"])
    current = article()
    before = {name: json.dumps(getattr(current, name)) for name in ("at_a_glance", "also_called", "sources")}
    form = ArticleAdminForm(data=form_data(current), instance=current)
    assert not form_errors(current, form_data(current))
    assert not {"at_a_glance", "also_called", "sources"} & set(form.changed_data)
    assert post(staff_client, form_data(current), current).status_code == 302
    after = article()
    assert after.version == current.version + 1
    assert {name: json.dumps(getattr(after, name)) for name in before} == before


def test_one_edited_fact_keeps_the_other_facts_order(staff_client):
    current = article()
    facts = dict(reversed(list(current.at_a_glance.items())))
    Article.objects.filter(pk=current.pk).update(at_a_glance=facts)
    current = article()
    edited = {**facts, "duration": "About an hour"}
    assert post(staff_client, form_data(current, at_a_glance=edited), current).status_code == 302
    stored = article().at_a_glance
    if connection.vendor == "postgresql":
        assert stored == edited  # jsonb keeps keys in an order of its own
    else:
        assert list(stored.items()) == list(edited.items())


# --- F15 and F16 ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ['["Back pain"]', "Back pain", json.dumps(["Back pain"]), "{}"])
def test_f15_a_list_or_text_posted_where_the_facts_go_cannot_replace_the_facts(staff_client, value):
    current = article()
    data = {**form_data(current), "at_a_glance": value}  # the old box's name: no longer read
    assert post(staff_client, data, current).status_code == 302
    assert article().at_a_glance == current.at_a_glance
    assert pages_answer() == (200, 200)


@pytest.mark.parametrize("value", ['["Back pain"]', '{"treats": "Back pain"}', "[[1, 2], {}]"])
def test_f15_json_typed_into_a_fact_box_is_refused_with_a_clear_message(staff_client, value):
    current = article()
    response = post(staff_client, form_data(current, at_a_glance={**current.at_a_glance, "treats": value}), current)
    assert refused(response)
    assert "&#x27;What it treats&#x27; looks like JSON. Type the fact itself, in plain words." in response.content.decode()
    assert article().at_a_glance == current.at_a_glance
    assert pages_answer() == (200, 200)


def test_f16_lsb_is_one_other_name_not_three_letters(staff_client):
    current = article()
    data = {**form_data(current), "also_called": "LSB"}
    assert post(staff_client, data, current).status_code == 302
    assert article().also_called == ["LSB"]
    page = Client().get("/articles/epidural-injection/").content.decode()
    assert "Also called: LSB<" in page and "L, S, B" not in page


def test_also_called_takes_one_name_a_line_and_leaves_out_blank_lines(staff_client):
    current = article()
    data = {**form_data(current), "also_called": "\r\n  Lumbar epidural  \r\n\r\n   \r\nESI\r\n"}
    assert post(staff_client, data, current).status_code == 302
    assert article().also_called == ["Lumbar epidural", "ESI"]
    data = {**form_data(article()), "also_called": ""}
    assert post(staff_client, data).status_code == 302
    assert article().also_called == []


def test_a_json_list_typed_as_other_names_is_refused(staff_client):
    current = article()
    response = post(staff_client, {**form_data(current), "also_called": '["ESI", "back shot"]'}, current)
    assert refused(response) and "Type one name per line, in plain words, not a JSON list." in response.content.decode()
    assert article().also_called == current.also_called


SOURCE_INPUTS = ("sources-0-title", "sources-0-publisher", "sources-0-year", "sources-0-url")
INPUTS = (*(f"at_a_glance-{key}" for key in schema.AT_A_GLANCE), "also_called", *SOURCE_INPUTS, "sources-3-title")
IGNORED = ("sources-0-position", "at_a_glance", "sources")  # not a number: the row keeps its place; the old boxes' names


@pytest.mark.parametrize("name", (*INPUTS, *IGNORED))
def test_f16_a_deeply_nested_json_array_in_any_input_is_refused_or_ignored_never_a_500(staff_client, name):
    current = article()
    response = post(staff_client, {**form_data(current), name: DEEP}, current)  # a 500 would raise here
    if name in IGNORED:
        assert response.status_code == 302
    else:
        assert refused(response)
        stored = article()
        assert (stored.at_a_glance, stored.also_called, stored.sources) == (
            current.at_a_glance,
            current.also_called,
            current.sources,
        )
    assert pages_answer() == (200, 200)


# --- the format's checks, in the loader's words ----------------------------------------------


@pytest.mark.parametrize(
    ("row", "source"),
    [
        ({"title": "A guideline", "publisher": "", "year": "2020"}, {"title": "A guideline", "year": 2020}),
        ({"title": "A guideline", "publisher": "P", "year": "99"}, {"title": "A guideline", "publisher": "P", "year": 99}),
        ({"title": "A guideline", "publisher": "P", "year": "next year"}, {"title": "T", "publisher": "P", "year": "x"}),
        (
            {"title": "A guideline", "publisher": "P", "year": "2020", "url": "javascript:alert(1)"},
            {"title": "A guideline", "publisher": "P", "year": 2020, "url": "javascript:alert(1)"},
        ),
        ({"title": "", "publisher": "P", "year": "2020"}, {"publisher": "P", "year": 2020}),
    ],
)
def test_a_source_the_format_refuses_gets_the_loaders_message(staff_client, row, source):
    current = article()
    expected = loader_says(sources=[source])
    assert expected
    data = {**form_data(current, sources=[]), **{f"sources-0-{part}": value for part, value in row.items()}}
    assert form_errors(current, data) == expected
    response = post(staff_client, data, current)
    assert refused(response)
    assert article().sources == current.sources
    assert pages_answer() == (200, 200)


def test_a_fact_over_the_limit_is_refused_by_the_form_and_the_loader_alike(staff_client):
    current = article()
    long = "x" * (schema.AT_A_GLANCE_MAX + 1)
    expected = loader_says(at_a_glance={"treats": long})
    assert expected == [
        f"At_a_glance 'treats' (What it treats) is {len(long)} characters; the limit is {schema.AT_A_GLANCE_MAX}."
    ]
    assert form_errors(current, form_data(current, at_a_glance={**current.at_a_glance, "treats": long})) == expected
    fits = "x" * schema.AT_A_GLANCE_MAX
    assert not loader_says(at_a_glance={"treats": fits})
    assert post(staff_client, form_data(current, at_a_glance={**current.at_a_glance, "treats": fits}), current).status_code == 302
    assert article().at_a_glance["treats"] == fits
    assert pages_answer() == (200, 200)


def test_a_procedure_with_an_empty_fact_box_gets_the_loaders_message():
    current = article()
    facts = {**current.at_a_glance, "repeatable": "  "}
    expected = loader_says(kind="procedure", at_a_glance={k: v for k, v in facts.items() if k != "repeatable"})
    assert expected == ["A procedure's at_a_glance is missing: repeatable."]
    assert form_errors(current, form_data(current, at_a_glance=facts)) == expected


def test_an_article_with_no_source_left_gets_the_loaders_message(staff_client):
    current = article()
    data = form_data(current)
    data["sources-0-remove"] = "on"
    assert form_errors(current, data) == loader_says(sources=[])
    assert refused(post(staff_client, data, current))
    assert article().sources == current.sources


def test_a_nul_character_is_refused_not_stored():
    current = article()
    data = form_data(current, at_a_glance={**current.at_a_glance, "treats": "Leg\x00pain"})
    assert form_errors(current, data) == ["Null characters are not allowed."]


# --- sources: add, remove, reorder with plain posts -------------------------------------------


def with_sources(sources):
    current = article()
    Article.objects.filter(pk=current.pk).update(sources=sources)
    return article()


def titles():
    return [source["title"] for source in article().sources]


def test_a_source_is_added_in_an_empty_row_and_empty_rows_are_left_out(staff_client):
    current = with_sources(SOURCES[:1])
    data = form_data(current)
    data.update({"sources-1-title": " New guideline ", "sources-1-publisher": "NICE", "sources-1-year": "2024"})
    data.update({"sources-1-url": "https://www.nice.org.uk/x"})
    assert post(staff_client, data, current).status_code == 302
    assert article().sources == [
        SOURCES[0],
        {"title": "New guideline", "publisher": "NICE", "year": 2024, "url": "https://www.nice.org.uk/x"},
    ]
    assert pages_answer() == (200, 200)
    page = Client().get("/articles/epidural-injection/").content.decode()
    assert '<a href="https://www.nice.org.uk/x">New guideline</a>. NICE, 2024.' in page


def test_a_source_ticked_remove_is_taken_out(staff_client):
    current = with_sources(SOURCES)
    data = {**form_data(current), "sources-1-remove": "on"}
    assert post(staff_client, data, current).status_code == 302
    assert article().sources == [SOURCES[0], SOURCES[2]]


@pytest.mark.parametrize(
    ("positions", "order"),
    [
        ({2: "1"}, ["Third leaflet", "First guideline", "Second review"]),  # the third moved to the top
        ({0: "3"}, ["Second review", "Third leaflet", "First guideline"]),  # the first moved to the end
        ({0: "2", 1: "1"}, ["Second review", "First guideline", "Third leaflet"]),  # swapped
        ({0: "3", 1: "2", 2: "1"}, ["Third leaflet", "Second review", "First guideline"]),  # what the buttons post
        ({1: "9"}, ["First guideline", "Third leaflet", "Second review"]),  # past the end
        ({0: "", 1: "two"}, ["First guideline", "Second review", "Third leaflet"]),  # not numbers: left in place
    ],
)
def test_sources_are_saved_in_position_order(staff_client, positions, order):
    current = with_sources(SOURCES)
    data = {**form_data(current), **{f"sources-{index}-position": value for index, value in positions.items()}}
    assert post(staff_client, data, current).status_code == 302
    assert titles() == order
    assert article().sources == sorted(SOURCES, key=lambda source: order.index(source["title"]))  # each one unchanged


def test_a_new_source_can_go_first_and_an_old_one_be_removed_in_one_save(staff_client):
    current = with_sources(SOURCES)
    data = {**form_data(current), "sources-0-remove": "on"}
    data.update({"sources-4-title": "Newest", "sources-4-publisher": "P", "sources-4-year": "2025", "sources-4-position": "1"})
    assert post(staff_client, data, current).status_code == 302
    assert titles() == ["Newest", "Second review", "Third leaflet"]


def test_a_refused_form_shows_the_rows_as_they_will_be_saved_numbered_as_its_messages(staff_client):
    current = with_sources(SOURCES)
    data = {**form_data(current), "sources-2-position": "1", "sources-2-publisher": ""}
    response = post(staff_client, data, current)
    page = response.content.decode()
    assert refused(response) and "Source 1 is missing &#x27;publisher&#x27;." in page
    assert re.search(r'name="sources-0-title" [^>]*value="Third leaflet"', page)  # now "Source 1", as the message says
    assert re.search(r'name="sources-1-title" [^>]*value="First guideline"', page)
    assert article().sources == SOURCES


# --- any accepted save leaves the pages working ------------------------------------------------

any_text = st.text(max_size=60)
some_facts = st.dictionaries(st.sampled_from(list(schema.AT_A_GLANCE)), any_text)
some_sources = st.lists(st.fixed_dictionaries({part: any_text for part in ("title", "publisher", "year", "url")}), max_size=3)


@hypothesis_settings(
    max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    facts=some_facts, names=any_text, sources=some_sources, kind=st.sampled_from(schema.KINDS), deep=st.sampled_from(["", DEEP])
)
def test_whatever_is_typed_the_form_answers_and_after_any_accepted_save_the_pages_answer(
    staff_client, facts, names, sources, kind, deep
):
    current = article()
    data = {**form_data(current, kind=kind), **structured(facts, [], sources)}
    data["also_called"] = names + deep
    response = post(staff_client, data, current)  # a 500 raises here
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        stored = article()
        stored_shapes_are_the_formats(stored)
        assert pages_answer() == (200, 200)


# --- whatever the column holds, the pages and the form still work -------------------------------

ODD_SHAPES = [
    {"at_a_glance": ["Back pain"]},
    {"at_a_glance": "Back pain"},
    {"at_a_glance": {"treats": ["Back pain"], "duration": {"min": 5}, "imaging": 3, "same_day_home": True, "x": "y"}},
    {"at_a_glance": {"treats": None, "duration": "  "}},
    {"at_a_glance": Value(None, JSONField())},  # JSON null
    {"also_called": "LSB"},
    {"also_called": [["nested"], 3, None]},
    {"sources": "x"},
    {"sources": [["a"], {"title": ["T"], "publisher": {"p": 1}, "year": [2020]}, 5]},
]


@pytest.mark.parametrize("shape", ODD_SHAPES)
def test_an_odd_stored_shape_breaks_neither_the_pages_nor_the_form(staff_client, shape):
    current = article()
    Article.objects.filter(pk=current.pk).update(**shape)
    assert pages_answer() == (200, 200)
    current = article()
    assert staff_client.get(CHANGE.format(current.pk)).status_code == 200
    # And staff can put it right by filling in the boxes.
    good = {
        "at_a_glance": {key: f"Fact {n}" for n, key in enumerate(schema.AT_A_GLANCE)},
        "also_called": ["ESI"],
        "sources": SOURCES,
    }
    assert post(staff_client, form_data(current, **good), current).status_code == 302
    stored_shapes_are_the_formats(article())
    assert pages_answer() == (200, 200)


@pytest.mark.parametrize(
    ("facts", "rows"),
    [
        (["Back pain"], []),
        ("Back pain", []),
        (None, []),
        (42, []),
        (
            {"treats": "Back pain", "duration": 20, "imaging": ["x"], "anesthesia": "  ", "unknown": "y"},
            [("What it treats", "Back pain")],
        ),
        ({"repeatable": "Yes", "treats": "Back pain"}, [("What it treats", "Back pain"), ("Can it be repeated", "Yes")]),
    ],
)
def test_at_a_glance_rows_show_only_text_facts_in_the_formats_order(facts, rows):
    assert Article(at_a_glance=facts).at_a_glance_rows() == rows


def test_the_limit_leaves_room_above_every_fact_in_the_library():
    from django.conf import settings

    from articles.library.reader import read_library

    library = read_library(settings.BASE_DIR / "content")
    longest = max(
        len(str(fact).strip()) for source in library.articles.values() for fact in (source.meta.get("at_a_glance") or {}).values()
    )
    assert longest < schema.AT_A_GLANCE_MAX


def test_a_glossary_terms_other_names_are_typed_one_a_line_and_can_all_be_cleared(staff_client):
    from articles.models import GlossaryTerm

    term = GlossaryTerm.objects.order_by("pk").first()
    url = f"/admin/articles/glossaryterm/{term.pk}/change/"
    post = {"term": term.term, "slug": term.slug, "definition": term.definition}
    assert staff_client.post(url, {**post, "aliases": "first name\n\n  second name  \n"}).status_code == 302
    term.refresh_from_db()
    assert term.aliases == ["first name", "second name"]
    # A blank box stored null before, which the column refuses: a 500 for clearing the list.
    assert staff_client.post(url, {**post, "aliases": ""}).status_code == 302
    term.refresh_from_db()
    assert term.aliases == []
    refused = staff_client.post(url, {**post, "aliases": '["a", "b"]'})
    assert refused.status_code == 200 and "not a JSON list" in refused.content.decode()
