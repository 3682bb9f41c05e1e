"""A conformance suite for the Infobutton service: MedlinePlus-Connect-style requests for real
codes against the shipped library, their shapes, and what a stranger might send."""

import json
import re

import feedparser
import pytest
from django.conf import settings
from django.core.management import call_command

ICD, SNOMED, CPT = "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96", "2.16.840.1.113883.6.12"
URL = "/connect/service"
REAL = [
    (ICD, "M54.16", "sciatica-and-radiculopathy"),
    (ICD, "M48.062", "spinal-stenosis"),
    (ICD, "M47.816", "facet-joint-arthritis"),
    (ICD, "G89.4", "pain-after-spine-surgery"),
    (ICD, "G97.1", "epidural-blood-patch"),
    (CPT, "62323", "epidural-steroid-injection"),
    (CPT, "64483", "epidural-steroid-injection"),
    (CPT, "64493", "medial-branch-block"),
    (CPT, "64635", "radiofrequency-ablation-back-and-neck"),
    (CPT, "63650", "spinal-cord-stimulation"),
    (CPT, "62273", "epidural-blood-patch"),
    (CPT, "27096", "sacroiliac-joint-injection"),
    (SNOMED, "37796009", "headaches-and-nerve-blocks"),
]


@pytest.fixture
def shipped(db):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)


def ask(client, oid, code, **extra):
    return client.get(URL, {"mainSearchCriteria.v.cs": oid, "mainSearchCriteria.v.c": code, **extra})


@pytest.mark.usefixtures("shipped")
def test_real_codes_find_their_pages_in_atom_and_json(client):
    for oid, code, slug in REAL:
        _conforms(client, oid, code, slug)


def _conforms(client, oid, code, slug):
    atom = ask(client, oid, code)
    assert atom.status_code == 200 and atom["Content-Type"].startswith("text/xml")
    parsed = feedparser.parse(atom.content)
    assert parsed.bozo == 0, parsed.bozo_exception
    assert 1 <= len(parsed.entries) <= 3
    assert any(entry.link.endswith(f"/articles/{slug}/") for entry in parsed.entries)
    for entry in parsed.entries:
        assert entry.link.startswith(settings.SITE_URL) and entry.title and entry.updated and entry.summary
    terms = {c.scheme: c.term for c in parsed.feed.tags} if "tags" in parsed.feed else {}
    assert terms.get("mainSearchCriteria.v.c") == code and terms.get("mainSearchCriteria.v.cs") == oid

    data = ask(client, oid, code, knowledgeResponseType="application/json").json()["feed"]
    assert data["title"]["_value"] and data["updated"]["_value"] and data["id"]["_value"]
    assert {"scheme": "mainSearchCriteria.v.c", "term": code} in data["category"]
    entries = data["entry"]
    assert 1 <= len(entries) <= 3
    for entry in entries:
        assert set(entry) >= {"title", "link", "id", "updated", "summary"}
        assert entry["title"]["_value"] and entry["summary"]["type"] == "html" and entry["summary"]["_value"].startswith("<p>")
        assert entry["link"][0]["href"].startswith(settings.SITE_URL) and entry["link"][0]["rel"] == "alternate"
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry["updated"]["_value"])


@pytest.mark.usefixtures("shipped")
def test_a_code_with_no_exact_match_falls_back_up_its_hierarchy(client):
    feed = ask(client, ICD, "M54.18", knowledgeResponseType="application/json").json()["feed"]  # M54.1 radiculopathy
    assert [e["link"][0]["href"].rsplit("/", 2)[1] for e in feed["entry"]][0] == "sciatica-and-radiculopathy"


@pytest.mark.usefixtures("shipped")
def test_unknown_or_malformed_codes_answer_an_empty_feed(client):
    for oid, code in [
        (ICD, "Z99.999"),
        (ICD, "not-a-code"),
        (CPT, "99999"),
        ("1.2.3.4", "M54.16"),
        (SNOMED, "0"),
        (ICD, "' OR 1=1 --"),
    ]:
        response = ask(client, oid, code, knowledgeResponseType="application/json")
        assert response.status_code == 200 and response.json()["feed"]["entry"] == []
        assert feedparser.parse(ask(client, oid, code).content).bozo == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params,message",
    [
        ({"mainSearchCriteria.v.c": "M54.16"}, "mainSearchCriteria.v.cs is required"),
        ({"mainSearchCriteria.v.cs": ICD}, "mainSearchCriteria.v.c is required"),
        ({"mainSearchCriteria.v.cs": ICD, "mainSearchCriteria.v.c": "M" * 5000}, "too long"),
        ({"mainSearchCriteria.v.cs": ICD, "mainSearchCriteria.v.c": "M54\x0016"}, "not allowed"),
        (
            {"mainSearchCriteria.v.cs": ICD, "mainSearchCriteria.v.c": "M54.16", "knowledgeResponseType": "text/html"},
            "must be one of",
        ),
        (
            {
                "mainSearchCriteria.v.cs": ICD,
                "mainSearchCriteria.v.c": "M54.16",
                "knowledgeResponseType": "application/javascript",
                "callback": "alert(1);x",
            },
            "callback must be",
        ),
        (
            {
                "mainSearchCriteria.v.cs": ICD,
                "mainSearchCriteria.v.c": "M54.16",
                "knowledgeResponseType": "application/javascript",
            },
            "callback must be",
        ),
    ],
)
def test_a_bad_request_gets_a_plain_400(client, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()


@pytest.mark.usefixtures("shipped")
def test_script_in_the_display_name_is_never_markup(client):
    dn = '<script>alert(1)</script>"&'
    atom = ask(client, ICD, "M54.16", **{"mainSearchCriteria.v.dn": dn}).content.decode()
    assert "<script>" not in atom and "&lt;script&gt;" in atom
    body = ask(
        client, ICD, "M54.16", knowledgeResponseType="application/json", **{"mainSearchCriteria.v.dn": dn}
    ).content.decode()
    assert "<script>" not in body and "\\u003cscript\\u003e" in body
    assert json.loads(body)["feed"]["category"][2]["term"] == dn


@pytest.mark.usefixtures("shipped")
def test_jsonp_wraps_the_json_in_the_named_function(client):
    response = ask(client, ICD, "M54.16", knowledgeResponseType="application/javascript", callback="handle.feed")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/javascript") and response["X-Content-Type-Options"] == "nosniff"
    assert body.startswith("handle.feed(") and body.endswith(");")
    assert json.loads(body[len("handle.feed(") : -2])["feed"]["entry"]


@pytest.mark.usefixtures("shipped")
def test_spanish_when_asked_and_only_published_pages(client):
    from articles.models import Article

    feed = ask(
        client, CPT, "64493", knowledgeResponseType="application/json", **{"informationRecipient.languageCode.c": "es"}
    ).json()["feed"]
    assert feed["lang"] == "es" and all("/es/articulos/" in e["link"][0]["href"] for e in feed["entry"])
    assert "Bloqueo de rama medial" in [e["title"]["_value"] for e in feed["entry"]]
    Article.objects.filter(slug="epidural-blood-patch").update(status="draft")
    assert ask(client, ICD, "G97.1", knowledgeResponseType="application/json").json()["feed"]["entry"] == []


@pytest.mark.usefixtures("shipped")
def test_other_infobutton_parameters_are_ignored(client):
    response = ask(
        client,
        CPT,
        "62273",
        knowledgeResponseType="application/json",
        **{"patientPerson.administrativeGenderCode.c": "F", "age.v.v": "45", "taskContext.c.c": "PROBLISTREV"},
    )
    assert response.status_code == 200 and response.json()["feed"]["entry"]


@pytest.mark.usefixtures("shipped")
def test_the_clinicians_page_shows_the_same_matches(client):
    html = client.get("/connect/", {"system": "icd10cm", "code": "M48.062"}).content.decode()
    assert "/articles/spinal-stenosis/" in html and 'content="noindex' in html
    assert "No page of this clinic" in client.get("/connect/", {"system": "cpt", "code": "99999"}).content.decode()
