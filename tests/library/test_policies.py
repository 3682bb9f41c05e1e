"""Clinic policies: written once (content/policies.yaml), named in articles, changed by the
clinic in the admin; the loader refuses an unknown name with its file and line."""

import pytest
from django.core.management import call_command

from articles.library.files import ContentError
from articles.library.policies import read_policies, stated_by_hand
from articles.library.quality import check_library
from articles.library.sync import load_library
from articles.models import Article, ClinicPolicy, ClinicSettings
from articles.rendering import policies

POLICIES = """\
- name: driving-after-sedation
  title: Driving after sedation
  text: If you had sedation, do not drive for 24 hours.
  source: A test source.
  spot:
    - '\\bdrive\\b[^.]{0,40}\\b(rest of the day|24 hours)\\b'
- name: after-hours-help
  title: After hours
  text: Call {{ clinic-phone }} after hours.
"""


@pytest.fixture
def with_policies(library_dir):
    (library_dir / "policies.yaml").write_text(POLICIES)
    article = library_dir / "back-pain" / "epidural-injection.md"
    # "How to prepare" is one of the sections the printable handout carries.
    article.write_text(article.read_text() + "\n## How to prepare\n\n{{ driving-after-sedation }}\n\n- {{ after-hours-help }}\n")
    return library_dir


def test_fill_puts_in_each_text_and_the_built_in_names_inside_it():
    values = {"a-rule": "Call {{ clinic-phone }}.", "clinic-phone": "555-0100"}
    assert policies.fill("Before. {{ a-rule }} After.", values) == "Before. Call 555-0100. After."
    assert policies.unknown("ok {{ a-rule }}\n{{ no-such }}", ["a-rule"]) == [
        (1, "unknown clinic policy '{{ no-such }}': the names are in content/policies.yaml")
    ]


def test_a_policy_alone_on_its_line_keeps_its_list_inside_a_box_and_one_in_a_sentence_is_one_line():
    values = {"help": "Call:\n\n- 988\n- Poison Control"}
    assert (
        policies.fill('!!! note "Help"\n    {{ help }}\n', values)
        == '!!! note "Help"\n    Call:\n\n    - 988\n    - Poison Control\n'
    )
    assert policies.fill("- Before {{ help }}", values) == "- Before Call: - 988 - Poison Control"


def test_an_article_shows_the_default_until_the_clinic_sets_its_own(db, with_policies):
    ClinicSettings(clinic_name="Test Clinic", phone="555-0100").save()
    load_library(with_policies)
    article = Article.objects.get(slug="epidural-injection")
    assert "do not drive for 24 hours" in article.body_html
    assert "Call 555-0100 after hours." in article.body_html
    assert "{{" not in article.body_html and "{{" not in article.plain_text


@pytest.mark.django_db(transaction=True)
def test_a_clinic_wording_reaches_every_page_on_the_next_request(with_policies, client):
    load_library(with_policies)
    call_command("load_content", str(with_policies), verbosity=0)
    assert "do not drive for 24 hours" in client.get("/articles/epidural-injection/").content.decode()
    policy = ClinicPolicy.objects.get(name="driving-after-sedation")
    policy.clinic_text = "At our clinic: no driving until the next morning."
    policy.save()
    page = client.get("/articles/epidural-injection/").content.decode()
    handout = client.get("/articles/epidural-injection/handout/").content.decode()
    for html in (page, handout):
        assert "no driving until the next morning" in html and "do not drive for 24 hours" not in html
    stored = Article.objects.get(slug="epidural-injection")
    assert "no driving until the next morning" in stored.body_html  # the stored copy follows too
    # Reloading the library keeps the clinic's wording; only the definitions come from the file.
    load_library(with_policies)
    assert ClinicPolicy.objects.get(name="driving-after-sedation").clinic_text.startswith("At our clinic")


def test_the_loader_refuses_an_unknown_name_with_its_file_and_line(db, with_policies):
    article = with_policies / "back-pain" / "nerve-ablation.md"
    lines = article.read_text().splitlines()
    lines.append("Plan ahead: {{ driving-after-sedaton }}")
    article.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as raised:
        load_library(with_policies)
    found = [p for p in raised.value.problems if "driving-after-sedaton" in p.message]
    assert len(found) == 1 and found[0].path.endswith("nerve-ablation.md") and found[0].line == len(lines)
    assert not Article.objects.exists()  # nothing written


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- name: Driving\n  title: t\n  text: x\n", "lower-case words"),
        ("- name: clinic-phone\n  title: t\n  text: x\n", "built in"),
        ("- name: a\n  title: t\n  text: '{{ b }}'\n", "may use only"),
        ("- name: a\n  title: t\n  text: x\n  spot: ['(']\n", "not a valid regular expression"),
        ("- name: a\n  title: t\n  text: x\n- name: a\n  title: t\n  text: y\n", "duplicate policy"),
        ("- name: a\n  title: t\n", "needs a title and a text"),
    ],
)
def test_a_bad_policies_file_is_refused_with_the_line(tmp_path, text, message):
    (tmp_path / "policies.yaml").write_text(text)
    problems = []
    read_policies(tmp_path / "policies.yaml", tmp_path, problems)
    assert problems and message in problems[-1].message and problems[-1].line >= 1


def test_check_content_warns_where_a_page_states_a_policy_by_hand(with_policies, settings):
    article = with_policies / "back-pain" / "nerve-ablation.md"
    article.write_text(article.read_text() + "\nDo not drive for the rest of the day.\n")
    report = check_library(with_policies, settings.BASE_DIR / "static")
    warned = [w for w in report.warnings if "by hand" in w.message]
    assert [w.path.endswith("nerve-ablation.md") for w in warned] == [True]
    assert "{{ driving-after-sedation }}" in warned[0].message
    # The placeholder itself is not a statement by hand.
    assert (
        stated_by_hand("{{ driving-after-sedation }}", [{"name": "x", "title": "t", "text": "", "source": "", "spot": ["drive"]}])
        == []
    )


def test_the_library_policies_file_loads_and_every_placeholder_in_content_is_known(settings):
    report = check_library(settings.CONTENT_DIR, settings.BASE_DIR / "static")
    assert not [p for p in report.problems if "policy" in p.message]
    problems = []
    found, _ = read_policies(settings.CONTENT_DIR / "policies.yaml", settings.CONTENT_DIR, problems)
    assert not problems and {"driving-after-sedation", "blood-thinners", "crisis-help"} <= {p["name"] for p in found}
