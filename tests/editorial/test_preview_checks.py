"""The editor's checks list: each check as a pure function (library/checks.py), the plain-words
file and its problems, the staff-only endpoint beside the preview, and check_content running
the same functions (new checks as warnings)."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from articles import rules
from articles.library import checks, schema
from articles.library.files import Problem
from articles.library.quality import check_library
from articles.library.words import read_plain_words
from articles.models import Article, GlossaryTerm, Image
from articles.rendering import markdown
from articles.rendering.glossary import Entry, GlossaryIndex
from articles.rendering.readability import measure
from tests.library.test_content_check import PLAIN, write_library

CHECKS_URL = "/admin/markdownx/checks/"
STATIC = Path(settings.BASE_DIR) / "static"
HARD = (
    "Interventional radiofrequency neurotomy necessitates meticulous fluoroscopic localisation "
    "of anatomically variable medial branch innervation. "
)
INDEX = GlossaryIndex([Entry("Fluoroscopy", "fluoroscopy", "A live X-ray.")])
WORDS = checks.Words(INDEX, ["fluoroscopy", "radiculopathy"], {"utilize": ["use"], "prior to": ["before"]})


def findings_of(body, kind="guide", words=WORDS):
    rendered = markdown.render(body)
    return checks.article_findings(body, rendered, measure(rendered.prose, rendered.text), kind, words)


def of(check, found):
    return [f for f in found if f.check == check]


# --- the plain-words file ------------------------------------------------------------------


def read(tmp_path, text):
    path = tmp_path / "plain_words.yaml"
    path.write_text(text)
    problems: list[Problem] = []
    return read_plain_words(path, tmp_path, problems), [str(p) for p in problems]


def test_the_plain_words_file_maps_hard_words_to_plainer_ones(tmp_path):
    words, problems = read(tmp_path, "# a comment\nUtilize: use\nprior to: before\nconsume: [eat, drink]\n")
    assert problems == []
    assert words == {"utilize": ["use"], "prior to": ["before"], "consume": ["eat", "drink"]}


def test_a_missing_plain_words_file_is_no_words(tmp_path):
    assert read_plain_words(tmp_path / "plain_words.yaml", tmp_path, []) == {}


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("utilize: use\nprior to: [before\n", 3, "not valid YAML"),
        ("- utilize\n- use\n", 1, "the file must be 'hard word: plainer word' lines"),
        ("utilize: use\nyes: no\n", 2, "each line is 'hard word: plainer word'"),
        ("utilize: use\napproximately:\n", 2, "'approximately': give the plainer word"),
        ("utilize: use\napproximately: 3\n", 2, "'approximately': give the plainer word"),
        ("utilize: use\napproximately: {about: 1}\n", 2, "'approximately': give the plainer word"),
        ("utilize: use\nfacilitate: [help, '']\n", 2, "'facilitate': give the plainer word"),
        ("utilize: use\ncease: stop\nUtilize: employ\n", 3, "duplicate word 'utilize' (also at line 1)"),
        ("utilize: use\nhelp: [assist, help]\n", 2, "'help' is given as its own plainer word"),
        (
            "physician: doctor\ndoctor: medic\n",
            1,
            "'physician': the plainer word 'doctor' is itself listed as a hard word (line 2)",
        ),
    ],
)
def test_a_bad_plain_words_file_is_a_problem_with_its_line(tmp_path, text, line, message):
    _, problems = read(tmp_path, text)
    assert any(p.startswith(f"{tmp_path.name}/plain_words.yaml:{line}: {message}") for p in problems), problems


def test_a_plain_words_file_that_is_not_utf8_is_a_problem(tmp_path):
    (tmp_path / "plain_words.yaml").write_bytes(b"utilize: use\nna\xefve: simple\n")
    problems: list[Problem] = []
    assert read_plain_words(tmp_path / "plain_words.yaml", tmp_path, problems) == {}
    assert [(p.line, p.message) for p in problems] == [(2, "the file is not UTF-8 text; save it as UTF-8")]


def test_the_shipped_plain_words_file_is_valid_and_never_suggests_a_hard_word():
    problems: list[Problem] = []
    words = read_plain_words(settings.CONTENT_DIR / "plain_words.yaml", settings.CONTENT_DIR, problems)
    assert problems == []
    assert {"utilize", "approximately", "physician", "discontinue"} <= set(words)
    assert words["approximately"] == ["about"] and words["physician"] == ["doctor"] and words["discontinue"] == ["stop"]


def test_check_content_fails_on_a_bad_plain_words_file(tmp_path):
    root = write_library(tmp_path, PLAIN)
    (root / "plain_words.yaml").write_text("utilize: use\nutilize: employ\n")
    found = [str(p) for p in check_library(root, STATIC).problems]
    assert any(p.endswith("plain_words.yaml:2: duplicate word 'utilize' (also at line 1)") for p in found), found


# --- each check ----------------------------------------------------------------------------


def test_reading_grade_within_the_limit_is_no_finding():
    rendered = markdown.render(PLAIN)
    assert checks.reading_grade(measure(rendered.prose, rendered.text), PLAIN) == []


def test_reading_grade_over_the_limit_lists_the_hardest_sentences_with_their_lines(settings):
    settings.PUBLISH_MAX_GRADE = 8
    body = (
        "## About\n\n"
        + "You lie still.\n\n" * 3
        + "**Interventional** radiofrequency [neurotomy](/glossary/) necessitates meticulous care.\n"
    )
    rendered = markdown.render(body)
    [grade] = checks.reading_grade(measure(rendered.prose, rendered.text), body)
    assert grade.stops == "publishing" and grade.message.startswith("reading grade Flesch-Kincaid")
    hardest = grade.details[0]
    # Found through the Markdown's emphasis and link: the line, and the sentence's text there.
    assert hardest.line == 9
    assert hardest.select == "Interventional** radiofrequency [neurotomy](/glossary/) necessitates meticulous care"


def test_a_hard_sentence_from_the_at_a_glance_facts_says_so(settings):
    settings.PUBLISH_MAX_GRADE = -100
    fact = "Numbing medicine in the skin, with light sedation for some people."
    rendered = markdown.render("Short text.")
    figures = measure(rendered.prose + "\n" + fact, rendered.text)
    [grade] = checks.reading_grade(figures, "Short text.", facts=[fact])
    where = {d.message: (d.line, d.where) for d in grade.details}
    assert where[fact] == (None, "the at-a-glance facts")
    assert where["Short text."] == (1, "")


def test_missing_sections_for_a_procedure_only():
    body = "## What is it?\n\nText.\n\n## Risks\n\nText.\n"
    missing = [f.message for f in findings_of(body, kind="procedure") if f.check == "sections"]
    assert missing == [
        f"a procedure needs a '{name}' section (a ## heading)" for name in rules.REQUIRED_SECTIONS["procedure"] if name != "risks"
    ]
    assert of("sections", findings_of(body, kind="guide")) == []


def test_medical_words_missing_from_the_glossary_with_their_line():
    found = of("glossary", findings_of("Intro.\n\nThe doctor uses fluoroscopy.\n\nIt treats Radiculopathy.\n"))
    assert [(f.message, f.line, f.select) for f in found] == [
        ("medical term 'Radiculopathy' is not in the glossary", 5, "Radiculopathy")
    ]


def test_hard_words_with_a_plainer_word_where_one_is_known():
    body = "We utilize a needle.\n\nEat nothing prior  to the visit. Doctors utilizes it.\n"
    found = of("plain-words", findings_of(body))
    assert [(f.message, f.line, f.select) for f in found] == [
        ("'utilize': a plainer word is 'use'", 1, "utilize"),
        ("'prior to': a plainer word is 'before'", 3, "prior  to"),  # selected as typed
    ]
    assert of("plain-words", findings_of("We use a needle. Utilization is fine here.\n")) == []


def test_a_word_only_in_the_title_or_summary_has_no_line():
    rendered = markdown.render("A plain body.")
    found = checks.plain_words("How we utilize it\n" + rendered.text, "A plain body.", WORDS.plain_words)
    assert [(f.line, f.where) for f in found] == [(None, "the title or summary")]


@pytest.mark.parametrize(
    "body,expected",
    [
        ("## One\n\n### Two\n\n## Three\n\n### Four\n", []),
        (
            "Intro.\n\n### Too deep\n\n## Then a section\n",
            [("'Too deep' is a ### heading before any ## heading", 3, "heading:0")],
        ),
        ("## One\n\nText.\n\n#### Skipped\n", [("'Skipped' jumps from ## to ####: use ###", 5, "heading:1")]),
        (
            "# Title again\n\n## One\n",
            [("'# Title again' is a top-level heading: the title is the page's only one; use ##", 1, "")],
        ),
        ("## One\n\n    #### code, not a heading\n", []),
    ],
)
def test_headings_out_of_order(body, expected):
    found = of("headings", findings_of(body))
    assert [(f.message, f.line, f.target) for f in found] == expected


def test_link_text_that_does_not_say_where_it_goes():
    body = (
        "Read about [knee pain](/articles/knee/).\n\n"
        "For more, [click here](/articles/a/). Or [here](/articles/b/).\n\n"
        "Also [Read more!](/articles/c/) and [click here](/articles/d/).\n"
    )
    found = of("link-text", findings_of(body))
    assert [(f.message.split(" does")[0], f.line, f.select, f.target) for f in found] == [
        ("link text 'click here'", 3, "[click here]", "link:1"),
        ("link text 'here'", 3, "[here]", "link:2"),
        ("link text 'Read more!'", 5, "[Read more!]", "link:3"),
        ("link text 'click here'", 5, "[click here]", "link:4"),
    ]


def test_link_targets_count_the_glossary_links_the_preview_has():
    html = INDEX.link(markdown.render("The fluoroscopy picture. [Here](/articles/x/).").html)
    [found] = checks.link_text(html, "The fluoroscopy picture. [Here](/articles/x/).")
    assert found.target == "link:1"  # the glossary's link to "fluoroscopy" is link 0


def test_images_without_alt_text_and_links_to_missing_articles_are_the_loaders_checks():
    body = (
        "Text.\n\n![A spine](/static/img/a.svg) ![](/static/img/b.svg)\n\n" + f"![{rules.PLACEHOLDER_ALT}](/static/img/c.svg)\n\n"
    )
    body += "See [knee pain](/articles/knee/) and [more on it](/articles/ghost/).\n"
    found = checks.body_findings(body, {"knee"})
    assert [(f.check, f.line, f.select, f.target, f.stops) for f in found] == [
        ("alt-text", 3, "![](", "image:1", "saving"),
        ("alt-text", 5, f"![{rules.PLACEHOLDER_ALT}](", "image:2", "saving"),
        ("links", 7, "/articles/ghost/", "", ""),
    ]
    assert found[0].message == rules.ALT_TEXT_MESSAGE


def test_findings_come_in_the_editors_order():
    body = "We utilize it. [Here](/articles/x/).\n\n### Deep\n\nRadiculopathy.\n"
    order = [f.check for f in findings_of(body, kind="procedure")]
    assert order == sorted(order, key=checks.CHECKS.index)
    assert {"sections", "glossary", "headings", "link-text"} <= set(order) and order[-1] == "plain-words"


# --- check_content runs the same checks ------------------------------------------------------


def test_check_content_reports_the_new_checks_as_warnings_with_file_and_line(tmp_path, capsys):
    body = PLAIN + "\n### Too deep\n\nWe utilize a needle. [Click here](/articles/a/).\n"
    root = write_library(tmp_path, body)
    (root / "t" / "b.md").write_text((root / "t" / "a.md").read_text().replace("title: A", "title: B"))
    (root / "plain_words.yaml").write_text("utilize: use\n")
    report = check_library(root, STATIC)
    assert [str(p) for p in report.problems] == []
    warnings = [str(p).removeprefix(f"{root.name}/") for p in report.warnings]
    assert "t/a.md:12: 'Too deep' is a ### heading before any ## heading" in warnings
    assert "t/a.md:14: 'utilize': a plainer word is 'use'" in warnings
    assert any(w.startswith("t/a.md:14: link text 'Click here' does not say where the link goes") for w in warnings)
    call_command("check_content", str(root))
    out, err = capsys.readouterr()
    assert "Content check passed." in out and "6 style warning(s)" in out
    assert f"warning: {root.name}/t/a.md:14: 'utilize': a plainer word is 'use'" in err


def test_check_content_and_the_editor_give_the_same_findings(tmp_path, staff_client, settings):
    settings.PUBLISH_MAX_GRADE = 5
    body = "Intro about fluoroscopy.\n\n### Deep\n\nWe utilize it. It treats radiculopathy. [Here](https://example.org/).\n\n"
    body += HARD * 12
    root = write_library(tmp_path, body, kind="procedure")
    (root / "plain_words.yaml").write_text("utilize: use\n")
    settings.CONTENT_DIR = root
    GlossaryTerm.objects.create(term="Fluoroscopy", slug="fluoroscopy", definition="A live X-ray.")  # as glossary.yaml
    report = check_library(root, STATIC)
    # The codes a page carries are its front matter's (codes/rules.py), not its writing: the
    # editor's checks list is about the text.
    code_rules = ("a procedure needs a procedure code", "no procedure (CPT) code yet", "a condition needs a diagnosis code")
    by_check_content = sorted(
        [
            p.message.removesuffix(" (content/glossary.yaml)")
            for p in report.problems + report.warnings
            if not p.message.startswith(code_rules)
        ]
        + [p.message.split("; longest")[0] for p in report.too_hard]
    )
    facts = json.dumps(dict.fromkeys(schema.AT_A_GLANCE, "x"))  # as write_library writes them
    post = {"content": body, "kind": "procedure", "title": "A", "summary": "A short summary.", "at_a_glance": facts}
    html = staff_client.post(CHECKS_URL, post).content.decode()
    by_editor = sorted(
        unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m))).strip().removeprefix("Stops publishing: ")
        for m in re.findall(r'<li class="check [^"]*">\s*(.*?)(?:<button|<p class="check-details|\n\s*</li>)', html, re.S)
    )
    assert [m[0].lower() + m[1:] for m in by_editor] == by_check_content
    assert len(by_check_content) >= 8  # grade, four sections, glossary, heading, link text, hard word


# --- the endpoint ----------------------------------------------------------------------------


@pytest.fixture
def words_dir(tmp_path, settings):
    (tmp_path / "medical_terms.txt").write_text("radiculopathy\nfluoroscopy\n")
    (tmp_path / "plain_words.yaml").write_text("utilize: use\napproximately: about\n")
    settings.CONTENT_DIR = tmp_path
    return tmp_path


@pytest.mark.usefixtures("library", "words_dir")
def test_the_endpoint_lists_each_finding_with_where_to_jump(staff_client, settings):
    settings.PUBLISH_MAX_GRADE = 100  # a short text's grade jumps about; not what this is about
    body = (
        "Approximately one in ten.\n\n### Deep\n\n![](/static/img/spine-anatomy.svg)\n\n"
        "It treats radiculopathy. [Click here](/articles/ghost/).\n"
    )
    html = staff_client.post(CHECKS_URL, {"content": body, "kind": "guide"}).content.decode()
    assert 'data-count="6"' in html and 'data-stops="1"' in html
    assert '<strong class="check-tag">Stops saving:</strong> An image needs alt text' in html
    assert 'data-line="5" data-select="![](" data-target="image:0"' in html
    assert 'data-line="7" data-select="/articles/ghost/"' in html and "Link to missing article" in html
    assert 'data-line="3" data-select="" data-target="heading:0"' in html
    assert 'data-line="7" data-select="[Click here]" data-target="link:0"' in html
    assert 'data-line="7" data-select="radiculopathy"' in html
    assert 'data-line="1" data-select="Approximately"' in html and "a plainer word is &#x27;about&#x27;" in html
    assert "a procedure needs" not in html


@pytest.mark.usefixtures("library", "words_dir")
def test_the_endpoint_checks_a_procedure_with_its_facts(staff_client, settings):
    body = "## Risks\n\nYou lie still.\n"
    html = staff_client.post(CHECKS_URL, {"content": body, "kind": "procedure"}).content.decode()
    assert "A procedure needs a &#x27;other options&#x27; section" in html
    assert "A procedure needs a &#x27;risks&#x27; section" not in html
    # The at-a-glance facts count towards the grade, as in the publish gate.
    settings.PUBLISH_MAX_GRADE = 6
    fact = "Interventional radiofrequency neurotomy necessitates meticulous fluoroscopic localisation."
    post = {"content": body, "kind": "procedure", "at_a_glance": json.dumps({"treats": fact})}
    html = staff_client.post(CHECKS_URL, post).content.decode()
    assert "Stops publishing:" in html and "(in the at-a-glance facts)" in html
    assert "Stops publishing:" not in staff_client.post(CHECKS_URL, {**post, "at_a_glance": "{not json"}).content.decode()


@pytest.mark.usefixtures("library", "words_dir")
def test_the_endpoint_takes_library_pictures_alt_text_as_the_form_does(staff_client, tmp_path):
    image = Image.objects.create(file="images/x.png", alt_text="A spine from the side")
    described = staff_client.post(CHECKS_URL, {"content": f"Text.\n\n![](image:{image.pk})\n"}).content.decode()
    assert "Stops saving:" not in described and 'data-count="0"' in described
    placeholder = f"Text.\n\n![{rules.PLACEHOLDER_ALT}](image:{image.pk})\n"
    assert "Stops saving:" in staff_client.post(CHECKS_URL, {"content": placeholder}).content.decode()


@pytest.mark.usefixtures("library", "words_dir")
def test_the_endpoint_knows_the_articles_in_the_database(staff_client):
    slug = Article.objects.first().slug
    html = staff_client.post(CHECKS_URL, {"content": f"See [that page](/articles/{slug}/)."}).content.decode()
    assert "Every check passes" in html


@pytest.mark.usefixtures("library", "words_dir")
def test_an_editor_may_use_the_endpoint_and_no_one_else(client, django_user_model):
    assert client.post(CHECKS_URL, {"content": "x"}).status_code == 403
    patient = django_user_model.objects.create_user("patient", password="a-long-test-password")
    client.force_login(patient)
    assert client.post(CHECKS_URL, {"content": "x"}).status_code == 403
    plain_staff = Client()
    plain_staff.force_login(django_user_model.objects.create_user("plain", password="a-long-test-password", is_staff=True))
    assert plain_staff.post(CHECKS_URL, {"content": "x"}).status_code == 403
    editor = Client()
    user = django_user_model.objects.create_user("writer", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    editor.force_login(user)
    assert editor.get(CHECKS_URL).status_code == 405
    assert editor.post(CHECKS_URL, {"content": "We utilize it."}).status_code == 200


@pytest.mark.usefixtures("library", "words_dir")
def test_the_endpoint_escapes_what_it_quotes(staff_client):
    html = staff_client.post(CHECKS_URL, {"content": "### <b>x</b>&\n\n[here](/articles/a/) <script>alert(1)</script>"})
    text = html.content.decode()
    assert "<script" not in text and "<b>" not in text


def test_the_preview_panel_is_the_figures_and_the_longest_sentences(staff_client):
    html = staff_client.post("/admin/markdownx/markdownify/", {"content": HARD * 3}).content.decode()
    panel, _ = html.split("<hr>\n", 1)
    assert '<details class="readability-sentences">' in panel and "<strong>Longest sentences:</strong>" in panel


@pytest.mark.usefixtures("library", "words_dir")
def test_the_checks_list_names_a_policy_written_by_hand_and_stops_an_unknown_one(staff_client, settings):
    from articles.models import ClinicPolicy

    settings.PUBLISH_MAX_GRADE = 100
    ClinicPolicy.objects.create(
        name="driving-after-sedation",
        title="Driving after sedation",
        default_text="No driving for 24 hours.",
        spot=[r"\bdrive\b[^.]{0,40}\brest of the day\b"],
    )
    body = "Do not drive for the rest of the day.\n\n{{ driving-after-sedation }}\n\n{{ driving-after-sedaton }}\n"
    html = staff_client.post(CHECKS_URL, {"content": body, "kind": "guide"}).content.decode()
    assert "This states &#x27;Driving after sedation&#x27; by hand: use {{ driving-after-sedation }} instead" in html
    assert 'data-line="1"' in html
    assert (
        '<strong class="check-tag">Stops saving:</strong> Unknown clinic policy &#x27;{{ driving-after-sedaton }}&#x27;' in html
    )
    assert 'data-line="5" data-select="{{ driving-after-sedaton }}"' in html


def test_the_checks_list_says_when_a_reworded_heading_leaves_patients_questions_behind(staff_client):
    """content/section_questions.yaml files what patients ask under each section's anchor. An
    editor who rewords "### Driving" on the stimulator page changes its anchor, and search
    would quietly stop counting those questions: the checks list says so, as advice."""
    page = next(Path(settings.CONTENT_DIR).glob("*/spinal-cord-stimulation.md")).read_text()
    body = page.split("\n---\n", 1)[1]  # after the front matter
    post = {"content": body, "kind": "procedure", "slug": "spinal-cord-stimulation"}
    assert "section_questions.yaml" not in staff_client.post(CHECKS_URL, post).content.decode()
    reworded = {**post, "content": body.replace("### Driving\n", "### Getting behind the wheel\n")}
    html = staff_client.post(CHECKS_URL, reworded).content.decode()
    item = next(li for li in html.split("<li") if "section_questions.yaml" in li)
    assert "Search finds the section &#x27;#driving&#x27; by what patients ask" in item
    assert "Stops" not in item  # advice: it stops nothing
    # A page no questions are filed for has nothing to leave behind.
    other = staff_client.post(CHECKS_URL, {**reworded, "slug": "a-new-page"}).content.decode()
    assert "section_questions.yaml" not in other
