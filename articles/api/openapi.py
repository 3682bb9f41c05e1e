"""The content API's OpenAPI 3.1 description, served at /api/v1/openapi.json (and checked
against the answers in tests/api/)."""

from django.conf import settings

CODE = {
    "type": "object",
    "required": ["system", "oid", "uri", "code"],
    "properties": {
        "system": {"type": "string", "enum": ["ICD-10-CM", "CPT", "SNOMED CT"]},
        "oid": {"type": "string"},
        "uri": {"type": "string"},
        "code": {"type": "string"},
    },
}
SUMMARY = {
    "type": "object",
    "required": ["slug", "language", "title", "summary", "kind", "topic", "url", "updated", "modified", "codes"],
    "properties": {
        "slug": {"type": "string"},
        "language": {"type": "string", "enum": ["en", "es"]},
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "kind": {"type": "string", "enum": ["procedure", "condition", "guide", "faq"]},
        "topic": {"type": "string"},
        "url": {"type": "string", "format": "uri", "description": "The page's canonical address."},
        "updated": {"type": "string", "format": "date", "description": "When the text last changed."},
        "modified": {"type": "string", "format": "date-time"},
        "codes": {"type": "array", "items": {"$ref": "#/components/schemas/Code"}},
    },
}
DETAIL = {
    "allOf": [
        {"$ref": "#/components/schemas/ArticleSummary"},
        {
            "type": "object",
            "required": [
                "at_a_glance",
                "introduction",
                "sections",
                "sources",
                "reviewed",
                "reviewer",
                "review_due",
                "translations",
            ],
            "properties": {
                "at_a_glance": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["label", "fact"],
                        "properties": {"label": {"type": "string"}, "fact": {"type": "string"}},
                    },
                },
                "introduction": {"type": "string", "description": "HTML before the first section."},
                "sections": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["heading", "html"],
                        "properties": {"heading": {"type": "string"}, "html": {"type": "string"}},
                    },
                },
                "sources": {"type": "array", "items": {"type": "object"}},
                "reviewed": {
                    "type": ["string", "null"],
                    "format": "date",
                    "description": "Only while the reviewed text is the text shown.",
                },
                "reviewer": {"type": ["string", "null"]},
                "review_due": {"type": ["string", "null"], "format": "date"},
                "translations": {"type": "array", "items": {"type": "string"}},
            },
        },
    ]
}
LIST = {
    "type": "object",
    "required": ["count", "next", "previous", "results"],
    "properties": {
        "count": {"type": "integer"},
        "next": {"type": ["string", "null"]},
        "previous": {"type": ["string", "null"]},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}},
    },
}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def _param(name, description, schema=None):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema or {"type": "string"}}


def _json_response(description, ref):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def spec() -> dict:
    language = _param(
        "language",
        "en (default) or es: the translation where one is live, else English",
        {"type": "string", "enum": ["en", "es"]},
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Patient library content API",
            "version": "1",
            "description": "Published patient-education articles, read only. Every answer has an ETag; send If-None-Match for a 304.",
        },
        "servers": [{"url": f"{settings.SITE_URL}/api/v1"}],
        "paths": {
            "/articles/": {
                "get": {
                    "summary": "Published articles, 50 a page",
                    "parameters": [
                        _param("topic", "a topic's slug"),
                        _param("system", "the code system of `code`", {"type": "string", "enum": ["icd10cm", "cpt", "snomed"]}),
                        _param("code", "articles carrying this code (with `system`)"),
                        _param(
                            "modified_since",
                            "changed at or after this time (ISO 8601)",
                            {"type": "string", "format": "date-time"},
                        ),
                        language,
                        _param("page", "page number", {"type": "integer", "minimum": 2}),
                    ],
                    "responses": {
                        "200": _json_response("A page of articles", "ArticleList"),
                        "400": _json_response("A bad filter", "Error"),
                    },
                }
            },
            "/articles/{slug}/": {
                "get": {
                    "summary": "One published article",
                    "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}, language],
                    "responses": {
                        "200": _json_response("The article", "Article"),
                        "404": {"description": "No published article"},
                    },
                }
            },
        },
        "components": {
            "schemas": {"Code": CODE, "ArticleSummary": SUMMARY, "Article": DETAIL, "ArticleList": LIST, "Error": ERROR}
        },
    }
