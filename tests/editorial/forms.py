"""The admin change form's fields for an article, as a browser posts them."""

import json


def form_data(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "topic": article.topic_id,
        "kind": article.kind,
        "order": article.order or "",
        "status": article.status,
        "summary": article.summary,
        "body": article.body,
        "also_called": json.dumps(article.also_called),
        "at_a_glance": json.dumps(article.at_a_glance),
        "sources": json.dumps(article.sources),
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
