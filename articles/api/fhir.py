"""Each published article as a FHIR R4 DocumentReference, and a search by code.

GET /fhir/DocumentReference/<slug>                      one resource
GET /fhir/DocumentReference?event=<system>|<code>       a searchset Bundle (`code` works too)
    &language=es                                        the Spanish page where one is live

The article's codes are the document's `context.event` (the clinical acts or conditions it is
about); its page is the attachment. Validated with fhir.resources (R4B) in tests/api/.
"""

import datetime

from django.http import Http404, JsonResponse

from articles.api import documents
from articles.caching.page_cache import public_page
from articles.codes import lookup, systems
from articles.connect.request import acceptable
from articles.public.reads import published_article
from articles.seo.structured_data import absolute
from articles.translation import languages

FHIR_JSON = "application/fhir+json; charset=utf-8"


def _answer(data, status=200):
    response = JsonResponse(data, status=status, content_type=FHIR_JSON, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _outcome(message, status):
    return _answer(
        {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "invalid", "diagnostics": message}]}, status
    )


def resource(article, language) -> dict:
    summary = documents.summary(article, language)
    codes = article.codes if isinstance(article.codes, dict) else {}
    events = [
        {"coding": [{"system": systems.FHIR_URI[system.key], "code": code}]}
        for system in systems.SYSTEMS
        for code in codes.get(system.key, [])
    ]
    moment = datetime.datetime.combine(datetime.date.fromisoformat(summary["updated"]), datetime.time(), tzinfo=datetime.UTC)
    document = {
        "resourceType": "DocumentReference",
        "id": article.slug,
        "status": "current",
        "docStatus": "final",
        "type": {"text": "Patient education"},
        "date": moment.isoformat().replace("+00:00", "Z"),
        "description": summary["summary"],
        "content": [
            {
                "attachment": {
                    "contentType": "text/html",
                    "language": summary["language"],
                    "url": summary["url"],
                    "title": summary["title"],
                }
            }
        ],
    }
    if events:
        document["context"] = {"event": events}
    return document


@public_page(query={"language": lambda v: v in languages.codes()})
def read(request, slug):
    article = published_article(slug)
    if article is None:
        raise Http404("No such DocumentReference")
    return _answer(resource(article, request.GET.get("language", languages.DEFAULT)))


def _token(value: str):
    """(code system, code) from a FHIR token `system|code`; None for anything else."""
    if "|" not in value:
        return None
    uri, code = value.split("|", 1)
    system = systems.BY_FHIR_URI.get(uri)
    return (system, code) if system and code else None


@public_page(query={"event": acceptable, "code": acceptable, "language": lambda v: v in languages.codes()})
def search(request):
    token_text = request.GET.get("event") or request.GET.get("code")
    if not token_text:
        return _outcome("Search by event (or code): system|code, e.g. http://hl7.org/fhir/sid/icd-10-cm|M54.16", 400)
    token = _token(token_text)
    language = request.GET.get("language", languages.DEFAULT)
    matches = lookup.find(token[0], token[1], language, most=20) if token else []
    entries = [
        {
            "fullUrl": absolute(f"/fhir/DocumentReference/{m.article.slug}"),
            "resource": resource(m.article, language),
            "search": {"mode": "match"},
        }
        for m in matches
    ]
    return _answer({"resourceType": "Bundle", "type": "searchset", "total": len(entries), "entry": entries})
