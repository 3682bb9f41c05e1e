"""/connect/service (the Infobutton service) and /connect/ (the same matches, for a person)."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from articles.caching.page_cache import public_page
from articles.codes import lookup, systems
from articles.connect import feed
from articles.connect import request as infobutton
from articles.models import ClinicSettings
from articles.translation import languages

SERVICE_QUERY = {
    name: infobutton.acceptable
    for name in (
        infobutton.CODE_SYSTEM,
        infobutton.CODE,
        infobutton.DISPLAY_NAME,
        infobutton.LANGUAGE,
        infobutton.RESPONSE_TYPE,
        infobutton.CALLBACK,
    )
}
CONTENT_TYPES = {
    infobutton.XML: "text/xml; charset=utf-8",
    infobutton.JSON: "application/json; charset=utf-8",
    infobutton.JSONP: "application/javascript; charset=utf-8",
}


def _matches(req):
    if req.system is None:
        return []  # a code system this site does not hold: no entries, as for an unknown code
    return lookup.find(req.system, req.code, req.language)


@public_page(query=SERVICE_QUERY)
def service(request):
    raw = request.META.get("QUERY_STRING", "")
    sent = {part.split("=", 1)[0] for part in raw.split("&") if part}
    try:
        req = infobutton.parse(request.GET, raw={name: True for name in sent})
    except infobutton.BadRequest as refused:
        return HttpResponseBadRequest(f"{refused}\n", content_type="text/plain; charset=utf-8")
    data = feed.build(req, _matches(req), ClinicSettings.current())
    if req.response_type == infobutton.XML:
        body = feed.as_atom(data)
    elif req.response_type == infobutton.JSON:
        body = feed.as_json(data)
    else:
        body = f"{req.callback}({feed.as_json(data)});"
    response = HttpResponse(body, content_type=CONTENT_TYPES[req.response_type])
    response["Access-Control-Allow-Origin"] = "*"  # health-record pages call it from anywhere
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public_page(query={"system": systems.BY_KEY.__contains__, "code": infobutton.acceptable})
def lookup_page(request):
    """For a clinician clicking an infobutton: the same matches as the service, as a page."""
    system = systems.BY_KEY.get(request.GET.get("system", ""))
    code = (request.GET.get("code") or "").strip()
    matches = lookup.find(system, code, languages.current()) if system and code else []
    return render(
        request,
        "articles/connect.html",
        {
            "systems": systems.SYSTEMS,
            "system": system,
            "code": code,
            "matches": matches,
            "noindex": True,
            "meta_title": f"Find a page by code | {ClinicSettings.current().clinic_name}",
        },
    )
