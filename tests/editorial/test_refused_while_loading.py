"""Topics and glossary terms are written by load_content too: while a load is running, their
admin saves are refused with the loading message and the typed text stays (F18)."""

import pytest
from django.urls import reverse

from articles.models import GlossaryTerm, Topic
from articles.models.site import LibraryLoad

pytestmark = pytest.mark.django_db


def _topic_post(topic, title):
    return {"title": title, "slug": topic.slug, "summary": topic.summary, "order": topic.order, "intro": topic.intro}


def _term_post(term, definition):
    return {"term": term.term, "slug": term.slug, "definition": definition, "aliases": "\n".join(term.aliases)}


@pytest.mark.parametrize(
    ("model", "url_name", "post", "field"),
    [
        (Topic, "admin:articles_topic_change", _topic_post, "title"),
        (GlossaryTerm, "admin:articles_glossaryterm_change", _term_post, "definition"),
    ],
)
def test_a_save_during_a_load_is_refused_and_kept_in_the_form_then_accepted_after_it(
    library, staff_client, model, url_name, post, field
):
    row = model.objects.order_by("pk").first()
    before = getattr(row, field)
    url = reverse(url_name, args=[row.pk])
    data = post(row, "Typed while loading")

    load = LibraryLoad.objects.create()
    response = staff_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert LibraryLoad.LOADING_MESSAGE in page
    assert "Typed while loading" in page
    row.refresh_from_db()
    assert getattr(row, field) == before

    load.delete()
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    row.refresh_from_db()
    assert getattr(row, field) == "Typed while loading"
