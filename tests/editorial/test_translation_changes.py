"""An editor's change to a live translation waits beside it: patients keep reading the live
Spanish page until a clinical reviewer approves the change, never below the reading-ease
minimum; a change sent back, or not approved, leaves the page as it was."""

import pytest
from django.test import Client
from django.utils import timezone

from articles.editorial import translation_workflow, workflow
from articles.models import Article, ArticleTranslation, TranslationRevision
from articles.translation.freshness import source_hash
from tests.editorial.test_translation_admin import EASY, HARD, _data, url

NEW_LINE = "Después vuelve a casa el mismo día."
PAGE = "/es/articulos/epidural-injection/"


@pytest.fixture
def live(library):
    article = Article.objects.get(slug="epidural-injection")
    return ArticleTranslation.objects.create(
        article=article,
        language="es",
        title="Inyección epidural",
        summary="Una inyección.",
        body=EASY,
        status="published",
        source_hash=source_hash(article),
    )


def public_page():
    response = Client().get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def review(row):
    return f"/admin/articles/articletranslation/{row.pk}/review/"


def propose(editor, row, body=EASY + "\n" + NEW_LINE + "\n", **changes):
    response = editor.post(url(row), _data(row, body=body, **changes), follow=True)
    assert response.status_code == 200
    return response


def approve(reviewer, row, **fields):
    proposal = TranslationRevision.objects.get(state="pending")
    data = {"action": "approve", "decided_by": "Ana Ruiz, MD", "text_hash": proposal.text_hash, **fields}
    return reviewer.post(review(row), data)


def test_an_editors_change_to_a_live_translation_waits_and_patients_keep_the_live_text(editor, live):
    before = public_page()
    assert "Es una inyección" in before and NEW_LINE not in before
    response = propose(editor, live, title="Inyección epidural de esteroides")
    assert "waiting for clinical review" in response.content.decode()
    after = public_page()
    assert NEW_LINE not in after and "Inyección epidural de esteroides" not in after
    assert ArticleTranslation.objects.get().body == EASY
    proposal = TranslationRevision.objects.get()
    assert proposal.state == "pending" and NEW_LINE in proposal.content["body"]
    assert proposal.content["title"] == "Inyección epidural de esteroides" and proposal.proposed_by == "editor"
    # Reopened, the form holds the editor's text, and says patients still see the live one.
    page = editor.get(url(live)).content.decode()
    assert NEW_LINE in page and 'value="Inyección epidural de esteroides"' in page
    assert "Patients still see the live translation" in page


def test_a_second_save_replaces_the_change_waiting(editor, live):
    propose(editor, live)
    propose(editor, live, body=EASY + "\nOtra frase más.\n")
    assert list(TranslationRevision.objects.order_by("pk").values_list("state", flat=True)) == ["withdrawn", "pending"]
    page = editor.get(url(live)).content.decode()
    assert "Otra frase más." in page and NEW_LINE not in page
    # Saving the live text as it is takes the change back: nothing waits.
    propose(editor, live, body=EASY)
    assert not TranslationRevision.objects.filter(state="pending").exists()


def test_a_reviewer_sees_the_change_in_the_list_and_approves_it(editor, reviewer, live):
    propose(editor, live)
    waiting = reviewer.get("/admin/articles/articletranslation/?waiting=yes")
    assert waiting.context["cl"].result_count == 1
    assert reviewer.get("/admin/articles/articletranslation/?waiting=no").context["cl"].result_count == 0
    page = reviewer.get(review(live)).content.decode()
    assert NEW_LINE in page and "Added:" in page
    assert approve(reviewer, live).status_code == 302
    assert NEW_LINE in public_page()
    row = ArticleTranslation.objects.get()
    assert row.reviewer.name == "Ana Ruiz" and row.reviewed == timezone.localdate() and row.review_is_current
    assert NEW_LINE in row.body_html  # rendered again
    assert TranslationRevision.objects.get().state == "approved"
    assert reviewer.get("/admin/articles/articletranslation/?waiting=yes").context["cl"].result_count == 0


def test_a_change_too_hard_to_read_cannot_be_approved(editor, reviewer, live):
    propose(editor, live, body=HARD)
    assert "too hard to read" in reviewer.get(review(live)).content.decode()
    refused = approve(reviewer, live)
    assert refused.status_code == 200 and "Too hard to read to publish" in refused.content.decode()
    assert "Es una inyección" in public_page() and "corticosteroides" not in public_page()
    assert TranslationRevision.objects.get().state == "pending"
    assert ArticleTranslation.objects.get().body == EASY


def test_asking_for_changes_keeps_the_live_text_and_tells_the_editor(editor, reviewer, live):
    propose(editor, live)
    assert reviewer.post(review(live), {"action": "changes", "comment": ""}).status_code == 200  # a comment is needed
    assert TranslationRevision.objects.get().state == "pending"
    sent = reviewer.post(review(live), {"action": "changes", "comment": "Diga cuánto dura la visita."})
    assert sent.status_code == 302
    assert NEW_LINE not in public_page() and ArticleTranslation.objects.get().body == EASY
    proposal = TranslationRevision.objects.get()
    assert proposal.state == "changes" and proposal.comment == "Diga cuánto dura la visita."
    page = editor.get(url(live)).content.decode()
    assert "Diga cuánto dura la visita." in page and NEW_LINE in page  # goes on from their text


def test_an_editor_cannot_approve(editor, live):
    propose(editor, live)
    proposal = TranslationRevision.objects.get()
    assert editor.get(review(live)).status_code == 200  # may read it
    data = {"action": "approve", "decided_by": "Me, MD", "text_hash": proposal.text_hash}
    assert editor.post(review(live), data).status_code == 403
    assert editor.post(review(live), {"action": "changes", "comment": "No."}).status_code == 403
    assert TranslationRevision.objects.get().state == "pending" and NEW_LINE not in public_page()
    # Nor take it down: a live translation's status is the reviewer's.
    propose(editor, live, status="draft")
    assert ArticleTranslation.objects.get().status == "published" and "Es una inyección" in public_page()


def test_approving_keeps_the_english_hash_unless_the_reviewer_says_it_matches(editor, reviewer, live):
    article = Article.objects.get(slug="epidural-injection")
    old = live.source_hash
    article.body += "\nNew English text.\n"
    article.save()
    assert "atrasada" in public_page()
    propose(editor, live)
    approve(reviewer, live)
    assert ArticleTranslation.objects.get().source_hash == old and "atrasada" in public_page()
    # The editor ticks "now says what the English page says"; the review page starts ticked,
    # and only the reviewer's tick records it.
    propose(editor, live, body=EASY + "\nUna frase al día.\n", matches_english="on")
    assert TranslationRevision.objects.get(state="pending").english_hash == source_hash(article)
    assert ArticleTranslation.objects.get().source_hash == old
    page = reviewer.get(review(live)).content.decode()
    assert 'name="matches_english" value="on" checked' in page
    approve(reviewer, live, matches_english="on", english_hash=source_hash(article))
    assert ArticleTranslation.objects.get().source_hash == source_hash(article) and "atrasada" not in public_page()


def test_a_decision_is_made_once_and_on_the_text_seen(django_user_model, live):
    user = django_user_model.objects.create_user("writer")
    first = translation_workflow.propose(live, {**translation_workflow.text_of(live), "title": "Uno"}, user)
    with pytest.raises(workflow.Refused):
        translation_workflow.approve(first, decided_by="Ana Ruiz, MD", expected_hash="0" * 64)
    second = translation_workflow.propose(live, {**translation_workflow.text_of(live), "title": "Dos"}, user)
    with pytest.raises(workflow.Refused, match="already been decided"):
        translation_workflow.approve(first, decided_by="Ana Ruiz, MD")
    translation_workflow.approve(second, decided_by="Ana Ruiz, MD", expected_hash=second.text_hash)
    assert ArticleTranslation.objects.get().title == "Dos"
    with pytest.raises(workflow.Refused, match="already been decided"):
        translation_workflow.request_changes(second, "someone", "Más corto.")


def test_an_editors_history_revert_of_a_live_translation_waits_too(editor, live):
    first = live.history.earliest()
    live.body = EASY + "\nUna frase nueva en vivo.\n"
    live.save()
    path = f"/admin/articles/articletranslation/{live.pk}/history/{first.history_id}/"
    response = editor.post(path, _data(first.instance, body=EASY), follow=True)
    assert "waiting for clinical review" in response.content.decode()
    assert "Una frase nueva en vivo." in public_page()
    assert TranslationRevision.objects.get().content["body"].strip() == EASY.strip()


def test_the_admin_front_page_lists_the_change_until_it_is_decided(editor, reviewer, live):
    """A change to a live translation is not left unseen: it waits on the front page of the
    editor who made it and of every clinical reviewer, as an article's change does."""
    import re

    def box(client, box_id):
        found = re.search(rf'<div class="module" id="{box_id}">(.*?)</div>', client.get("/admin/").content.decode(), re.S)
        return found.group(1) if found else ""

    assert "Inyección epidural" not in box(editor, "your-waiting") + box(reviewer, "to-review")
    propose(editor, live)
    mine = box(editor, "your-waiting")
    assert f'<a href="{url(live)}" lang="es">Inyección epidural</a>' in mine and "Español: change to the live translation" in mine
    waiting = box(reviewer, "to-review")
    assert f'<a href="{review(live)}" lang="es">Inyección epidural</a>' in waiting
    assert "Español: change from editor" in waiting
    assert approve(reviewer, live).status_code == 302
    assert "Inyección epidural" not in box(editor, "your-waiting") + box(reviewer, "to-review")


def test_a_new_translation_waiting_to_be_published_is_on_the_reviewers_front_page(reviewer, live):
    live.status = "review"
    live.save()
    waiting = reviewer.get("/admin/").content.decode()
    assert f'<a href="{url(live)}" lang="es">Inyección epidural</a>' in waiting
    assert "Español: new translation, waiting for review" in waiting


def test_a_clinical_change_tells_spanish_patients_what_changed_in_spanish(editor, reviewer, live):
    note = "Ahora dice que puede volver a casa el mismo día."
    propose(editor, live)
    # A clinical change without its note for patients is refused, and nothing is approved.
    refused = approve(reviewer, live, kind="clinical", note=" ")
    assert refused.status_code == 200 and "needs a one-line note for patients" in refused.content.decode()
    # The form comes back as the clinician filled it in.
    assert 'value="Ana Ruiz, MD"' in refused.content.decode() and 'value="clinical" checked' in refused.content.decode()
    assert TranslationRevision.objects.get().state == "pending" and NEW_LINE not in public_page()

    assert approve(reviewer, live, kind="clinical", note=note).status_code == 302
    page = public_page()
    assert NEW_LINE in page and "Qué cambió" in page and note in page
    # English patients are not shown the Spanish page's note.
    english = Client().get("/articles/epidural-injection/").content.decode()
    assert note not in english


def test_a_minor_change_tells_patients_nothing(editor, reviewer, live):
    propose(editor, live)
    assert approve(reviewer, live).status_code == 302  # the form's default: minor
    page = public_page()
    assert NEW_LINE in page and "Qué cambió" not in page
    assert TranslationRevision.objects.get().change_kind == "minor"


def link_for(client, row):
    import re

    response = client.post(review(row), {"action": "link"})
    assert response.status_code == 200
    return re.search(r'value="(http[^"]+/review/[^"]+)"', response.content.decode()).group(1).split("127.0.0.1:8000", 1)[-1]


def test_a_clinician_without_an_account_approves_a_translation_change_by_link(editor, live):
    propose(editor, live)
    path = link_for(editor, live)  # an editor may make the link, as for English
    clinician = Client()
    page = clinician.get(path)
    html = page.content.decode()
    # The Spanish page as patients would read it, the change in it, the decision panel in English.
    assert page.status_code == 200 and '<html lang="es"' in html and NEW_LINE in html
    assert '<section class="signoff" aria-labelledby="signoff-title" lang="en">' in html
    assert "a change to the Español translation of" in html and "noindex" in page["X-Robots-Tag"]
    assert NEW_LINE not in public_page()

    note = "Ahora dice que vuelve a casa el mismo día."
    decision = {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "clinical", "note": note}
    assert clinician.post(path, decision).status_code == 302
    live_page = public_page()
    assert NEW_LINE in live_page and note in live_page
    proposal = TranslationRevision.objects.get()
    assert proposal.state == "approved" and proposal.decided_by == "Ana Ruiz, MD" and not proposal.link_nonce
    # Single use.
    assert clinician.get(path).status_code == 404


def test_a_translation_link_can_send_the_change_back_and_is_refused_once_the_text_changes(editor, live):
    propose(editor, live)
    path = link_for(editor, live)
    propose(editor, live, body=EASY + "\nOtra frase más.\n")  # a newer change replaces the one linked
    refused = Client().post(path, {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "minor"})
    assert refused.status_code == 200 and "Otra frase más." not in public_page() and NEW_LINE not in public_page()
    path = link_for(editor, live)
    assert Client().post(path, {"action": "changes", "decided_by": "Ana Ruiz, MD", "comment": "Más corto."}).status_code == 302
    assert TranslationRevision.objects.get(state="changes").comment == "Más corto."
    assert "Otra frase más." not in public_page()
