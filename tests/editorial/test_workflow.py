"""Nothing reaches patients without the review the clinic requires, through any path: the
exact requests of the security review's F1-F4, F8, F24 and F26, signed in as each role."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.test import Client
from PIL import Image as PILImage

from articles.editorial import signoff, workflow
from articles.models import Article, Image, Reviewer, Revision
from tests.editorial.forms import form_data

pytestmark = pytest.mark.usefixtures("library")

CHANGE = "/admin/articles/article/{}/change/"


def live_text(slug):
    return Client().get(f"/articles/{slug}/")


def new_article_form(topic_id, **changes):
    data = {
        "title": "Rt editor direct",
        "slug": "rt-editor-direct",
        "topic": topic_id,
        "kind": "guide",
        "status": "published",
        "summary": "A page an editor tried to publish at once.",
        "body": "You lie still. The doctor numbs your skin.",
        "also_called": "[]",
        "at_a_glance": "{}",
        "sources": '[{"title": "S", "publisher": "P", "year": 2020}]',
        "body_location": "",
        "updated": "2026-11-28",
        "published_at_0": "2026-01-01",
        "published_at_1": "00:00:00",
        "opened_version": 1,
    }
    return {**data, **changes}


def test_f1_a_new_article_starts_as_a_draft_and_an_editor_cannot_publish_it(editor):
    page = editor.get("/admin/articles/article/add/").content.decode()
    assert re.search(r'<option value="draft" selected>', page)
    assert 'value="published"' not in page and 'name="published_at_0"' not in page
    topic = Article.objects.get(slug="epidural-injection").topic_id
    editor.post("/admin/articles/article/add/", new_article_form(topic))  # the review's exact request
    assert live_text("rt-editor-direct").status_code == 404
    stored = Article.objects.filter(slug="rt-editor-direct").first()
    assert stored is None or stored.status != "published"


def test_f2_history_revert_does_not_put_an_unpublished_article_back_online(editor, reviewer):
    article = Article.objects.get(slug="nerve-ablation")
    reviewer.post(CHANGE.format(article.pk), form_data(article, status="draft"))
    assert live_text("nerve-ablation").status_code == 404
    published_version = article.history.filter(status="published").first()
    current = Article.objects.get(pk=article.pk)
    url = f"/admin/articles/article/{article.pk}/history/{published_version.history_id}/"
    editor.post(url, form_data(current, status="published"))
    assert live_text("nerve-ablation").status_code == 404
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_f3_an_editors_change_to_a_live_article_waits_beside_it(editor, reviewer):
    person = Reviewer.objects.create(name="Dr Real Reviewer", credentials="MD")
    article = Article.objects.get(slug="epidural-injection")
    article.record_review(person, datetime.date(2026, 11, 20))
    article.save()
    before = live_text("epidural-injection").content.decode()
    assert "Checked by a clinician, Dr Real Reviewer, MD, on" in before
    response = editor.post(CHANGE.format(article.pk), form_data(article, body="Take 50 tablets at once."))
    assert response.status_code == 302
    after = live_text("epidural-injection").content.decode()
    assert "Take 50 tablets" not in after and "Checked by a clinician, Dr Real Reviewer, MD, on" in after
    revision = Revision.objects.get(article=article, state="pending")
    assert revision.content["body"] == "Take 50 tablets at once."
    # The reviewer sees it waiting, and its page as patients would see it.
    assert "A change is waiting for clinical review" in reviewer.get(CHANGE.format(article.pk)).content.decode()
    assert "Take 50 tablets at once." in reviewer.get(f"/admin/articles/article/{article.pk}/review/").content.decode()


def test_f4_an_editor_cannot_bring_a_scheduled_article_forward_or_override_the_grade_gate(editor):
    article = Article.objects.get(slug="epidural-injection")
    Article.objects.filter(pk=article.pk).update(published_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC))
    article.refresh_from_db()
    assert live_text("epidural-injection").status_code == 404
    editor.post(
        CHANGE.format(article.pk),
        form_data(article, published_at_0="2026-01-01", publish_anyway="on", publish_reason="because"),
    )
    assert live_text("epidural-injection").status_code == 404
    assert Article.objects.get(pk=article.pk).published_at.year == 2099


def test_f26_staff_without_permissions_can_neither_upload_nor_preview(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("plainstaff", password="a-long-test-password", is_staff=True))
    png = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(png, "PNG")
    png.seek(0)
    png.name = "p.png"
    assert client.post("/admin/markdownx/upload/", {"image": png}).status_code == 403
    assert client.post("/admin/markdownx/markdownify/", {"content": "Hello"}).status_code == 403
    assert not Image.objects.exists()


def test_a_reviewer_approves_a_waiting_change_and_patients_see_what_changed(editor, reviewer):
    article = Article.objects.get(slug="epidural-injection")
    editor.post(CHANGE.format(article.pk), form_data(article, body="A clearer text about the shot."))
    revision = Revision.objects.get(article=article, state="pending")
    person = Reviewer.objects.create(name="Ana Ruiz", credentials="MD")
    response = reviewer.post(
        f"/admin/articles/article/{article.pk}/review/",
        {
            "action": "approve",
            "reviewer": person.pk,
            "kind": "clinical",
            "note": "We now say how long the numbness lasts.",
            "text_hash": revision.text_hash,
        },
    )
    assert response.status_code == 302
    page = live_text("epidural-injection").content.decode()
    assert "A clearer text about the shot." in page
    assert "Checked by a clinician, Ana Ruiz, MD, on" in page
    assert "What changed" in page and "We now say how long the numbness lasts." in page


def test_a_minor_change_is_not_listed_for_patients(editor, reviewer):
    article = Article.objects.get(slug="epidural-injection")
    editor.post(CHANGE.format(article.pk), form_data(article, body="Fixed a typo."))
    revision = Revision.objects.get(article=article, state="pending")
    reviewer.post(
        f"/admin/articles/article/{article.pk}/review/",
        {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "minor", "text_hash": revision.text_hash},
    )
    page = live_text("epidural-injection").content.decode()
    assert "Fixed a typo." in page and "What changed" not in page


def test_a_refused_decision_keeps_what_the_clinician_typed(editor, reviewer):
    """A clinical change without its note is refused: on the review page and on the approval
    link's page the form comes back with the name, the kind and the comment as typed."""
    article = Article.objects.get(slug="epidural-injection")
    editor.post(CHANGE.format(article.pk), form_data(article, body="A clearer text."))
    revision = Revision.objects.get(article=article, state="pending")
    typed = {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "clinical", "note": " ", "comment": "Also the title?"}
    review = f"/admin/articles/article/{article.pk}/review/"
    page = reviewer.post(review, {**typed, "text_hash": revision.text_hash}).content.decode()
    link = re.search(r'value="(http[^"]+/review/[^"]+)"', editor.post(review, {"action": "link"}).content.decode()).group(1)
    by_link = Client().post(link.split("127.0.0.1:8000", 1)[-1], typed).content.decode()
    for html in (page, by_link):
        assert "needs a one-line note for patients" in html
        assert 'value="Ana Ruiz, MD"' in html and 'value="clinical" checked' in html and 'value="minor" checked' not in html
        assert ">Also the title?</textarea>" in html
    assert Revision.objects.get(pk=revision.pk).state == "pending"


def test_an_editor_cannot_approve(editor):
    article = Article.objects.get(slug="epidural-injection")
    editor.post(CHANGE.format(article.pk), form_data(article, body="Unreviewed."))
    revision = Revision.objects.get(article=article, state="pending")
    response = editor.post(
        f"/admin/articles/article/{article.pk}/review/",
        {"action": "approve", "decided_by": "Me, MD", "kind": "minor", "text_hash": revision.text_hash},
    )
    assert response.status_code == 403
    assert "Unreviewed." not in live_text("epidural-injection").content.decode()


# --- the approval link ------------------------------------------------------------------------


def test_a_clinician_approves_a_new_article_by_link_signed_out(editor):
    article = Article.objects.get(slug="coming-soon")
    editor.post(CHANGE.format(article.pk), form_data(article, status="review"))
    revision = Revision.objects.get(article=article, state="pending")
    assert revision.new_article
    response = editor.post(f"/admin/articles/article/{article.pk}/review/", {"action": "link"})
    link = re.search(r'value="(http[^"]+/review/[^"]+)"', response.content.decode()).group(1)
    path = link.split("127.0.0.1:8000", 1)[-1]
    clinician = Client()
    page = clinician.get(path)
    assert page.status_code == 200 and "Clinical sign-off" in page.content.decode()
    assert article.title in page.content.decode()
    assert live_text("coming-soon").status_code == 404
    response = clinician.post(path, {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "clinical", "note": "New page."})
    assert response.status_code == 302
    live = live_text("coming-soon").content.decode()
    assert "Checked by a clinician, Ana Ruiz, MD, on" in live
    revision.refresh_from_db()
    assert revision.state == "approved" and revision.decided_by == "Ana Ruiz, MD" and revision.decided_at
    # Single use: the same link answers 404 now.
    assert clinician.get(path).status_code == 404


def test_an_approval_link_is_refused_when_the_text_changed_after_it_was_made(editor):
    article = Article.objects.get(slug="epidural-injection")
    editor.post(CHANGE.format(article.pk), form_data(article, body="Version one."))
    revision = Revision.objects.get(article=article, state="pending")
    path = signoff.make_link(revision).split("127.0.0.1:8000", 1)[-1]
    # The pending text changes under the link (another editor's save replaces it in place).
    Revision.objects.filter(pk=revision.pk).update(content={**revision.content, "body": "Version two."})
    response = Client().post(path, {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "minor"})
    assert response.status_code == 200 and "The text changed after this link was made" in response.content.decode()
    assert "Version" not in live_text("epidural-injection").content.decode()


def test_an_approval_link_expires_after_14_days(editor, time_machine):
    article = Article.objects.get(slug="epidural-injection")
    editor.post(CHANGE.format(article.pk), form_data(article, body="Later."))
    revision = Revision.objects.get(article=article, state="pending")
    path = signoff.make_link(revision).split("127.0.0.1:8000", 1)[-1]
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=15))
    assert Client().get(path).status_code == 404


def test_a_forged_link_is_refused():
    forged = signing.TimestampSigner(salt="something else").sign_object({"r": 1, "n": "x", "h": "y"})
    assert Client().get(f"/review/{forged}/").status_code == 404


def test_requesting_changes_sends_a_new_article_back_to_draft(editor):
    article = Article.objects.get(slug="coming-soon")
    editor.post(CHANGE.format(article.pk), form_data(article, status="review"))
    revision = Revision.objects.get(article=article, state="pending")
    path = signoff.make_link(revision).split("127.0.0.1:8000", 1)[-1]
    Client().post(path, {"action": "changes", "decided_by": "Ana Ruiz, MD", "comment": "Say who should not have it."})
    revision.refresh_from_db()
    assert revision.state == "changes" and revision.comment == "Say who should not have it."
    assert Article.objects.get(pk=article.pk).status == "draft"


# --- pictures and people ----------------------------------------------------------------------


def _png(colour):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = io.BytesIO()
    PILImage.new("RGB", (8, 8), colour).save(data, "PNG")
    return SimpleUploadedFile("p.png", data.getvalue(), content_type="image/png")


def test_f8_replacing_or_deleting_a_picture_reaches_the_articles_and_the_old_file_goes(
    reviewer, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(file=_png("white"), alt_text="A spine", caption="Original caption")
    article = Article.objects.get(slug="epidural-injection")
    article.body += f"\n\n![](image:{image.pk})\n"
    article.save()
    old_url = image.file.url
    assert old_url in live_text("epidural-injection").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        image.file = _png("black")
        image.caption = "New caption"
        image.save()
    page = live_text("epidural-injection").content.decode()
    assert image.file.url in page and "New caption" in page and old_url not in page
    assert Client().get(old_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    page = live_text("epidural-injection").content.decode()
    assert "New caption" not in page and "(image:" not in page and 'src="image:' not in page


def test_f24_renaming_a_reviewer_reaches_cached_pages():
    person = Reviewer.objects.create(name="Dr Real Reviewer", credentials="MD")
    article = Article.objects.get(slug="epidural-injection")
    article.record_review(person, datetime.date(2026, 11, 20))
    article.save()
    assert "Dr Real Reviewer" in live_text("epidural-injection").content.decode()
    assert live_text("epidural-injection")["X-Page-Cache"] == "hit"
    person.name = "Dr Renamed"
    person.save()
    page = live_text("epidural-injection").content.decode()
    assert "Dr Renamed" in page and "Dr Real Reviewer" not in page


def test_workflow_gate_keeps_publisher_fields_for_non_publishers(django_user_model):
    user = django_user_model.objects.create_user("e2", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    stored = Article.objects.get(slug="coming-soon")
    edited = Article.objects.get(slug="coming-soon")
    edited.status, edited.published_at = "published", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    assert workflow.gate(user, edited, stored) == "save"
    assert edited.status == stored.status and edited.published_at == stored.published_at


def test_a_forged_decision_form_gets_a_clear_refusal_not_an_error(editor, reviewer):
    """A kind that is not minor or clinical (longer than its column), or a reviewer that is not
    an id: refused or ignored with a message, never a server error; nothing is approved."""
    article = Article.objects.get(slug="epidural-injection")
    editor.post(CHANGE.format(article.pk), form_data(article, body="A clearer text."))
    revision = Revision.objects.get(article=article, state="pending")
    review = f"/admin/articles/article/{article.pk}/review/"
    link = re.search(r'value="(http[^"]+/review/[^"]+)"', editor.post(review, {"action": "link"}).content.decode()).group(1)
    forged = {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "x" * 40, "text_hash": revision.text_hash}
    for response in (reviewer.post(review, forged), Client().post(link.split("127.0.0.1:8000", 1)[-1], forged)):
        assert response.status_code == 200 and "minor or clinical" in response.content.decode()
    assert Revision.objects.get(pk=revision.pk).state == "pending"
    response = reviewer.post(review, {**forged, "kind": "minor", "reviewer": "not-an-id"})
    assert response.status_code == 302 and Revision.objects.get(pk=revision.pk).state == "approved"
