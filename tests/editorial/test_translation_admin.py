"""Translations in the admin: editors write, reviewers publish, nothing too hard to read goes
live, and the list says which translations are behind their English page or missing. (An
editor's change to a live translation: test_translation_changes.py.)"""

import pytest
from django.contrib.auth.models import Group

from articles.models import Article, ArticleTranslation
from articles.translation.freshness import source_hash

EASY = "Un texto corto.\n\n## ¿Qué es?\n\nEs una inyección. Se pone en la espalda. Ayuda a muchas personas.\n"
HARD = (
    "La administración transforaminal de corticosteroides particulados conlleva consideraciones "
    "farmacocinéticas extraordinariamente complejas, especialmente considerando comorbilidades "
    "cardiovasculares preexistentes, interacciones medicamentosas potencialmente significativas "
    "y variabilidades anatómicas interindividuales considerablemente heterogéneas.\n"
)


@pytest.fixture
def translation(library):
    article = Article.objects.get(slug="epidural-injection")
    return ArticleTranslation.objects.create(
        article=article,
        language="es",
        title="Inyección epidural",
        summary="Una inyección.",
        body=EASY,
        status="review",
        source_hash=source_hash(article),
    )


def _login(client, django_user_model, group):
    user = django_user_model.objects.create_user(group.lower().replace(" ", "-"), password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)


def _data(row, **changes):
    data = {
        "title": row.title,
        "summary": row.summary,
        "also_called": "",
        "body": row.body,
        "status": row.status,
        "updated": "2026-11-30",
        "reviewed": "",
        "reviewer": "",
    }
    data.update({f"at_a_glance_{key}": "" for key in Article.AT_A_GLANCE_FIELDS})
    data.update(changes)
    return data


def url(row):
    return f"/admin/articles/articletranslation/{row.pk}/change/"


def test_an_editor_writes_a_translation_but_cannot_make_it_live(client, django_user_model, translation):
    _login(client, django_user_model, "Editor")
    refused = client.post(url(translation), _data(translation, status="published"))
    assert refused.status_code == 200 and "Only a clinical reviewer" in refused.content.decode()
    assert ArticleTranslation.objects.get().status == "review"
    saved = client.post(url(translation), _data(translation, title="Inyección epidural de esteroides"))
    assert saved.status_code == 302
    assert ArticleTranslation.objects.get().title == "Inyección epidural de esteroides"


def test_a_reviewer_publishes_but_not_a_text_too_hard_to_read(client, django_user_model, translation):
    _login(client, django_user_model, "Clinical reviewer")
    refused = client.post(url(translation), _data(translation, status="published", body=HARD))
    assert refused.status_code == 200 and "Too hard to read to publish" in refused.content.decode()
    assert ArticleTranslation.objects.get().status == "review"
    done = client.post(url(translation), _data(translation, status="published"))
    assert done.status_code == 302 and ArticleTranslation.objects.get().status == "published"


def test_the_list_shows_what_is_behind_and_what_is_missing(client, django_user_model, translation):
    _login(client, django_user_model, "Editor")
    page = client.get("/admin/articles/articletranslation/").content.decode()
    assert "Not translated yet" in page and "Nerve ablation" in page  # published English page, no translation
    assert client.get("/admin/articles/articletranslation/?freshness=behind").context["cl"].result_count == 0
    article = Article.objects.get(slug="epidural-injection")
    article.body += "\nNew English text.\n"
    article.save()
    behind = client.get("/admin/articles/articletranslation/?freshness=behind")
    assert behind.context["cl"].result_count == 1
    assert "may be behind" in client.get(url(translation)).content.decode()


def test_bringing_a_translation_up_to_date_clears_may_be_behind(client, django_user_model, translation):
    article = Article.objects.get(slug="epidural-injection")
    article.body += "\nNew English text.\n"
    article.save()
    _login(client, django_user_model, "Editor")
    assert client.post(url(translation), _data(translation, matches_english="on")).status_code == 302
    assert ArticleTranslation.objects.get().source_hash == source_hash(Article.objects.get(slug="epidural-injection"))


def test_the_translation_editor_previews_with_the_spanish_reading_measure(client, django_user_model, translation):
    _login(client, django_user_model, "Editor")
    page = client.get(url(translation)).content.decode()
    assert 'data-markdownx-urls-path="/admin/markdownx/markdownify/?language=es"' in page
    preview = client.post("/admin/markdownx/markdownify/?language=es", {"content": EASY}).content.decode()
    assert "Reading ease:</strong> Szigriszt-Pazos (INFLESZ)" in preview and "Reading grade" not in preview
    english = client.post("/admin/markdownx/markdownify/", {"content": "Some words here."}).content.decode()
    assert "Reading grade" in english
