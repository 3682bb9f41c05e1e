"""The admin change form's fields for an article, as a browser posts them."""

import json

from articles.library import schema


def structured(at_a_glance=None, also_called=None, sources=None):
    """The structured fields' inputs (articles/editorial/widgets.py) for these values, as the
    change form shows them: a box per fact, one name a line, a row per source plus two blank
    rows, each with its position number."""
    data = {f"at_a_glance-{key}": str((at_a_glance or {}).get(key, "")) for key in schema.AT_A_GLANCE}
    data["also_called"] = "\r\n".join(also_called or [])
    rows = list(sources or []) + [{}, {}]
    for index, source in enumerate(rows):
        for part in ("title", "publisher", "year", "url"):
            data[f"sources-{index}-{part}"] = str(source.get(part, ""))
        data[f"sources-{index}-position"] = str(index + 1)
    return data


def _value(value):
    # A test may give a value as the old JSON boxes took it ('{}'): the same value.
    return json.loads(value) if isinstance(value, str) else value


def form_data(article, **changes):
    values = {name: _value(changes.pop(name, getattr(article, name))) for name in ("at_a_glance", "also_called", "sources")}
    data = {
        "title": article.title,
        "slug": article.slug,
        "topic": article.topic_id,
        "kind": article.kind,
        "order": article.order or "",
        "status": article.status,
        "summary": article.summary,
        "body": article.body,
        **structured(**values),
        "body_location": article.body_location,
        "updated": "2026-11-28",
        "reviewed": "",
        "reviewer": "",
        "review_due": "",
        "published_at_0": "2026-01-01",
        "published_at_1": "00:00:00",
        "opened_version": article.version,
    }
    data.update(changes)
    return data
