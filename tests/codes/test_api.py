"""The content API (/api/v1/) and FHIR (/fhir/): shapes checked against the served OpenAPI
description and against fhir.resources (R4B); filters, pages, validators, CORS."""

import pytest
from django.conf import settings
from django.core.management import call_command
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.documentreference import DocumentReference
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate


@pytest.fixture
def shipped(db):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)


def conforms(spec, name, data):
    """`data` against components.schemas[name], $refs resolved inside the served description."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=str)
    assert not errors, errors[:3]


@pytest.mark.usefixtures("shipped")
def test_the_api_answers_as_its_openapi_description_says(client):
    spec = client.get("/api/v1/openapi.json").json()
    validate(spec)
    first = client.get("/api/v1/articles/")
    assert first.status_code == 200 and first["Access-Control-Allow-Origin"] == "*"
    data = first.json()
    conforms(spec, "ArticleList", data)
    assert data["count"] >= 58 and len(data["results"]) == 50 and data["next"] and data["previous"] is None
    second = client.get(data["next"].replace(settings.SITE_URL, "")).json()
    conforms(spec, "ArticleList", second)
    assert second["previous"] and not {r["slug"] for r in second["results"]} & {r["slug"] for r in data["results"]}
    detail = client.get("/api/v1/articles/medial-branch-block/").json()
    conforms(spec, "Article", detail)
    assert detail["sections"] and detail["at_a_glance"] and detail["codes"] and "es" in detail["translations"]
    assert detail["url"] == f"{settings.SITE_URL}/articles/medial-branch-block/"
    spanish = client.get("/api/v1/articles/medial-branch-block/", {"language": "es"}).json()
    conforms(spec, "Article", spanish)
    assert spanish["language"] == "es" and spanish["title"] == "Bloqueo de rama medial" and "/es/articulos/" in spanish["url"]


@pytest.mark.usefixtures("shipped")
def test_the_list_filters_by_topic_code_and_modification_time(client):
    by_topic = client.get("/api/v1/articles/", {"topic": "nerve-blocks"}).json()
    assert by_topic["count"] == 8 and {r["topic"] for r in by_topic["results"]} == {"nerve-blocks"}
    by_code = client.get("/api/v1/articles/", {"system": "cpt", "code": "64493"}).json()
    assert {r["slug"] for r in by_code["results"]} == {"facet-joint-injection", "medial-branch-block"}
    assert client.get("/api/v1/articles/", {"system": "icd10cm", "code": "m54.16"}).json()["count"] >= 3
    assert client.get("/api/v1/articles/", {"modified_since": "2999-01-01"}).json()["count"] == 0
    assert client.get("/api/v1/articles/", {"code": "64493"}).status_code == 400


@pytest.mark.usefixtures("shipped")
def test_validators_and_conditional_requests(client):
    first = client.get("/api/v1/articles/medial-branch-block/")
    assert first["ETag"]
    assert client.get("/api/v1/articles/medial-branch-block/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    from articles.models import Article

    article = Article.objects.get(slug="medial-branch-block")
    article.summary += " More."
    article.save()
    assert client.get("/api/v1/articles/medial-branch-block/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.usefixtures("shipped")
def test_only_published_articles(client):
    from articles.models import Article

    Article.objects.filter(slug="medial-branch-block").update(status="draft")
    assert client.get("/api/v1/articles/medial-branch-block/").status_code == 404
    assert "medial-branch-block" not in {
        r["slug"] for r in client.get("/api/v1/articles/", {"topic": "nerve-blocks"}).json()["results"]
    }
    assert client.get("/fhir/DocumentReference/medial-branch-block").status_code == 404


@pytest.mark.usefixtures("shipped")
def test_fhir_document_references_validate(client):
    response = client.get("/fhir/DocumentReference/epidural-steroid-injection")
    assert response["Content-Type"].startswith("application/fhir+json")
    document = DocumentReference.model_validate(response.json())
    assert document.status == "current" and document.content[0].attachment.url.endswith("/articles/epidural-steroid-injection/")
    codes = {(c.system, c.code) for event in document.context.event for c in event.coding}
    assert ("http://www.ama-assn.org/go/cpt", "62323") in codes and ("http://hl7.org/fhir/sid/icd-10-cm", "M54.16") in codes
    spanish = DocumentReference.model_validate(
        client.get("/fhir/DocumentReference/epidural-steroid-injection", {"language": "es"}).json()
    )
    assert spanish.content[0].attachment.language == "es"

    bundle = Bundle.model_validate(
        client.get("/fhir/DocumentReference", {"event": "http://hl7.org/fhir/sid/icd-10-cm|M48.062"}).json()
    )
    assert bundle.type == "searchset" and bundle.total >= 1
    assert "spinal-stenosis" in [entry.resource.id for entry in bundle.entry]
    empty = Bundle.model_validate(client.get("/fhir/DocumentReference", {"code": "urn:oid:1.2.3|X"}).json())
    assert empty.total == 0
    missing = client.get("/fhir/DocumentReference")
    assert missing.status_code == 400 and missing.json()["resourceType"] == "OperationOutcome"
