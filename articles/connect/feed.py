"""The knowledge response: an Atom feed, or the same feed as JSON with every scalar wrapped
as {"_value": …}, the shape MedlinePlus Connect returns (its categories echo the request,
up to three entries each with a title, an absolute link, an HTML summary and its date)."""

import datetime
import io
import json
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from articles.connect import request as infobutton
from articles.seo.structured_data import absolute, site_scheme_and_host

ATOM = "http://www.w3.org/2005/Atom"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _tag(path: str, day) -> str:
    """A tag URI (RFC 4151): stable for a page, unlike its address's host."""
    return f"tag:{site_scheme_and_host()[1]},{day:%Y-%m-%d}:{path}"


def build(req: infobutton.Request, matches, clinic) -> dict:
    """The feed as plain data, for either rendering."""
    system = req.system
    now = timezone.now()
    label = system.name if system else req.oid
    entries = []
    for match in matches:
        page = match.page
        path = page.get_absolute_url()
        updated = datetime.datetime.combine(page.updated, datetime.time(), tzinfo=datetime.UTC)
        entries.append(
            {
                "lang": match.language,
                "title": page.title,
                "href": absolute(path),
                "id": _tag(path, match.article.published_at),
                "updated": _stamp(updated),
                "summary": f"<p>{escape(page.summary)}</p>",
            }
        )
    return {
        "lang": req.language,
        "base": settings.SITE_URL + "/",
        "title": f"{clinic.clinic_name}: patient education",
        "subtitle": f"{clinic.clinic_name} results for {label} {req.code}",
        "author": {"name": clinic.clinic_name, "uri": settings.SITE_URL},
        "updated": _stamp(now),
        "id": _tag(f"/connect/service?{req.oid}:{req.code}", now),
        "category": [
            (infobutton.CODE, req.code),
            (infobutton.CODE_SYSTEM, req.oid),
            (infobutton.DISPLAY_NAME, req.display_name),
            ("informationRecipient.languageCode.c", req.language),
        ],
        "entry": entries,
    }


def as_json(feed: dict) -> str:
    def value(text):
        return {"_value": text}

    data = {
        "feed": {
            "xsi": XSI,
            "base": feed["base"],
            "lang": feed["lang"],
            "title": {**value(feed["title"]), "type": "text"},
            "subtitle": {**value(feed["subtitle"]), "type": "text"},
            "author": {"name": value(feed["author"]["name"]), "uri": value(feed["author"]["uri"])},
            "updated": value(feed["updated"]),
            "category": [{"scheme": scheme, "term": term} for scheme, term in feed["category"]],
            "id": value(feed["id"]),
            "entry": [
                {
                    "lang": entry["lang"],
                    "title": {**value(entry["title"]), "type": "text"},
                    "link": [{"title": entry["title"], "rel": "alternate", "type": "html", "href": entry["href"]}],
                    "id": value(entry["id"]),
                    "updated": value(entry["updated"]),
                    "summary": {**value(entry["summary"]), "type": "html"},
                }
                for entry in feed["entry"]
            ],
        }
    }
    # No "</script>" or U+2028 can end a script that embeds this (JSONP): < > & are escaped.
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def as_atom(feed: dict) -> str:
    out = io.StringIO()
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()

    def element(name, text=None, **attrs):
        xml.startElement(name, AttributesImpl(attrs))
        if text is not None:
            xml.characters(text)
        xml.endElement(name)

    xml.startElement(
        "feed", AttributesImpl({"xmlns": ATOM, "xmlns:xsi": XSI, "xml:base": feed["base"], "xml:lang": feed["lang"]})
    )
    element("title", feed["title"], type="text")
    element("subtitle", feed["subtitle"], type="text")
    xml.startElement("author", AttributesImpl({}))
    element("name", feed["author"]["name"])
    element("uri", feed["author"]["uri"])
    xml.endElement("author")
    element("updated", feed["updated"])
    for scheme, term in feed["category"]:
        element("category", scheme=scheme, term=term)
    element("id", feed["id"])
    for entry in feed["entry"]:
        xml.startElement("entry", AttributesImpl({"xml:lang": entry["lang"]}))
        element("title", entry["title"], type="text")
        element("link", href=entry["href"], rel="alternate", type="html", title=entry["title"])
        element("id", entry["id"])
        element("updated", entry["updated"])
        element("summary", entry["summary"], type="html")
        xml.endElement("entry")
    xml.endElement("feed")
    xml.endDocument()
    return out.getvalue()
