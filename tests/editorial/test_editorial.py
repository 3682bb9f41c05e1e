"""The clinic's editorial workflow: roles, reviews, the publish gate, drafts and schedules,
history, no lost edits, and the lossless export/load round trip."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ClinicSettings, GlossaryTerm, Reviewer, Topic
from tests.editorial.forms import form_data

pytestmark = pytest.mark.usefixtures("library")

HARD = (
    "Interventional radiofrequency neurotomy necessitates meticulous fluoroscopic localisation of "
    "anatomically variable medial branch innervation. "
) * 35


def user_in(django_user_model, client, group):
    user = django_user_model.objects.create_user(group.lower().replace(" ", "-"), password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_roles_are_created_by_a_migration():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    reviewer = set(Group.objects.get(name="Clinical reviewer").permissions.values_list("codename", flat=True))
    assert "change_article" in editor and "publish_article" not in editor and "review_article" not in editor
    assert {"publish_article", "review_article"} <= reviewer


def test_an_editor_can_submit_but_not_publish_or_review(client, django_user_model):
    user_in(django_user_model, client, "Editor")
    article = Article.objects.get(slug="coming-soon")
    page = client.get(change_url(article)).content.decode()
    assert 'value="published"' not in page  # the status choice is not offered
    assert 'name="reviewed"' not in page  # review fields are read-only
    response = client.post(change_url(article), form_data(article, status="published"))
    assert response.status_code == 200 and 'class="errornote"' in response.content.decode()
    assert Article.objects.get(slug="coming-soon").status == "draft"
    response = client.post(change_url(article), form_data(article, status="review"))
    assert response.status_code == 302
    assert Article.objects.get(slug="coming-soon").status == "review"


def test_a_browsers_line_endings_are_stored_as_the_librarys(staff_client):
    article = Article.objects.get(slug="coming-soon")
    response = staff_client.post(change_url(article), form_data(article, body="## Part\r\n\r\nSome words.\r\n"))
    assert response.status_code == 302
    assert Article.objects.get(slug="coming-soon").body == "## Part\n\nSome words."  # the form strips the end


@pytest.mark.parametrize("group", ["Editor", "Clinical reviewer"])
def test_both_roles_can_add_an_image_with_its_alt_text(client, django_user_model, settings, group):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from articles.models import Image as LibraryImage

    user_in(django_user_model, client, group)
    assert client.get("/admin/articles/image/add/").status_code == 200
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(png, "PNG")
    upload = SimpleUploadedFile("x.png", png.getvalue(), content_type="image/png")
    response = client.post("/admin/articles/image/add/", {"file": upload, "alt_text": "A white square"})
    assert response.status_code == 302 and LibraryImage.objects.get().alt_text == "A white square"
    assert client.post(f"/admin/articles/image/{LibraryImage.objects.get().pk}/delete/", {"post": "yes"}).status_code == 403


def test_an_editor_cannot_set_the_clinics_emergency_number(client, django_user_model):
    user_in(django_user_model, client, "Editor")
    assert client.get("/admin/articles/clinicsettings/add/").status_code == 403
    response = client.post("/admin/articles/clinicsettings/add/", {"clinic_name": "X", "emergency_number": "000"})
    assert response.status_code == 403


def test_a_reviewer_can_record_a_review_and_publish(client, django_user_model):
    user_in(django_user_model, client, "Clinical reviewer")
    person = Reviewer.objects.create(name="Dana Smith", credentials="MD", role="Pain medicine physician")
    article = Article.objects.get(slug="coming-soon")
    response = client.post(change_url(article), form_data(article, status="published", reviewed="2026-06-01", reviewer=person.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.status == "published" and article.reviewer == person
    assert article.review_due == datetime.date(2029, 5, 31)  # three years on, by default
    html = client.get("/articles/coming-soon/").content.decode()
    assert "Checked by a clinician, Dana Smith, MD, on" in html and "Next review due:" in html


def test_publishing_above_the_grade_limit_needs_a_reason(staff_client):
    article = Article.objects.get(slug="coming-soon")
    response = staff_client.post(change_url(article), form_data(article, status="published", body=HARD))
    assert response.status_code == 200 and "above the limit of 8" in response.content.decode()
    assert HARD in response.content.decode()  # the editor's text is still on the form
    response = staff_client.post(
        change_url(article),
        form_data(article, status="published", body=HARD, publish_anyway="on", publish_reason="Quoted guideline text"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "published" and "Quoted guideline text" in article.grade_override_reason
    assert article.grade_override_by == "editor"


def test_preview_shows_readability_figures(staff_client):
    html = staff_client.post(
        "/admin/markdownx/markdownify/", {"content": HARD + "\n\nWe use radiculopathy here."}
    ).content.decode()
    assert "Reading grade:</strong> SMOG" in html and "above the limit of 8" in html
    assert "Longest sentences:" in html and "words" in html and "min read" in html


def test_second_save_of_the_same_article_is_refused_and_keeps_the_text(client, django_user_model, staff_client):
    article = Article.objects.get(slug="nerve-ablation")
    opened = article.version
    first = staff_client.post(change_url(article), form_data(article, body="First editor's text."))
    assert first.status_code == 302
    other = django_user_model.objects.create_user("second", password="a-long-test-password", is_staff=True, is_superuser=True)
    client.force_login(other)
    second = client.post(change_url(article), form_data(article, body="Second editor's text.", opened_version=opened))
    html = second.content.decode()
    assert second.status_code == 200 and "changed since you opened it" in html
    assert "Second editor&#x27;s text." in html
    assert Article.objects.get(pk=article.pk).body.startswith("First editor's text.")


def test_history_keeps_every_save_and_restores_one(staff_client):
    article = Article.objects.get(slug="nerve-ablation")
    original = article.body
    staff_client.post(change_url(article), form_data(article, body="A rewrite that went wrong."))
    article.refresh_from_db()
    history = list(article.history.order_by("history_date"))
    assert len(history) >= 2 and history[-1].history_user.username == "editor"
    listing = staff_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "A rewrite that went wrong." in listing  # the change, shown as old -> new
    old = history[0]
    staff_client.post(
        f"/admin/articles/article/{article.pk}/history/{old.history_id}/",
        form_data(article, body=old.body, opened_version=article.version),
    )
    article.refresh_from_db()
    assert article.body.strip() == original.strip()


def test_a_scheduled_article_goes_live_at_its_time_without_a_job(client):
    start = timezone.now().replace(microsecond=0)
    Article.objects.filter(slug="nerve-ablation").update(published_at=start + timedelta(hours=2))
    with time_machine.travel(start + timedelta(hours=2) - timedelta(seconds=1), tick=False):
        assert client.get("/articles/nerve-ablation/").status_code == 404
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        assert client.get("/articles/nerve-ablation/").status_code == 200


def test_drafts_preview_for_staff_and_404_for_everyone_else(staff_client, django_user_model):
    from django.test import Client

    client = Client()
    assert client.get("/articles/coming-soon/").status_code == 404
    response = staff_client.get("/articles/coming-soon/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft preview." in html and 'content="noindex' in html
    assert "no-store" in response["Cache-Control"]
    patient = django_user_model.objects.create_user("patient", password="a-long-test-password")
    client.force_login(patient)
    assert client.get("/articles/coming-soon/").status_code == 404


def test_unpublishing_answers_404_or_a_chosen_redirect(client):
    from articles.models import Redirect

    Article.objects.filter(slug="nerve-ablation").update(status="draft")
    assert client.get("/articles/nerve-ablation/").status_code == 404
    Redirect.objects.create(old_path="/articles/nerve-ablation/", new_path="/articles/epidural-injection/")
    assert client.get("/articles/nerve-ablation/")["Location"] == "/articles/epidural-injection/"


def test_review_queue_and_report(staff_client, capsys):
    today = timezone.localdate()
    person = Reviewer.objects.create(name="Dana Smith", credentials="MD")
    Article.objects.filter(slug="epidural-injection").update(
        reviewed=today - timedelta(days=1200), reviewer=person, review_due=today - timedelta(days=5)
    )
    Article.objects.filter(slug="nerve-ablation").update(
        reviewed=today - timedelta(days=1000), reviewer=person, review_due=today + timedelta(days=30)
    )
    html = staff_client.get("/admin/").content.decode()
    assert "Review overdue" in html and "Never reviewed" in html
    listing = staff_client.get("/admin/articles/article/?review=overdue").content.decode()
    assert "Epidural injection" in listing and "Nerve ablation</a>" not in listing
    with pytest.raises(SystemExit) as exit_info:
        call_command("review_report")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "Review overdue: 1" in out and "epidural-injection" in out
    assert "Review due within 60 days: 1" in out
    Article.objects.filter(slug="epidural-injection").update(review_due=today + timedelta(days=400))
    call_command("review_report")  # nothing overdue: exit code 0


def test_clinic_settings_edited_in_the_admin_reach_every_page(staff_client, django_capture_on_commit_callbacks):
    from django.test import Client

    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/articles/clinicsettings/add/",
            {
                "clinic_name": "Riverside Pain Clinic",
                "phone": "555-0142",
                "address": "1 River Road",
                "appointment_url": "",
                "emergency_number": "112",
                "footer_disclaimer": "General information only.",
            },
        )
    assert response.status_code == 302
    html = client.get("/articles/epidural-injection/").content.decode()
    assert "Riverside Pain Clinic" in html and "555-0142" in html and "General information only." in html
    assert "Call 112 now if" in html  # the emergency callouts were rendered again
    assert ClinicSettings.objects.count() == 1


def snapshot():
    articles = {}
    for a in Article.objects.select_related("topic", "reviewer").prefetch_related("related"):
        articles[a.slug] = {name: getattr(a, name) for name in Article.CONTENT_FIELDS if name != "reviewer"}
        articles[a.slug].update(
            topic=a.topic.slug,
            reviewer=a.reviewer.name if a.reviewer else None,
            related=sorted(r.slug for r in a.related.all()),
            body=a.body.strip(),
        )
    topics = {t.slug: (t.title, t.summary, t.order, t.intro.strip()) for t in Topic.objects.all()}
    glossary = {g.term: (g.definition, g.aliases) for g in GlossaryTerm.objects.all()}
    return articles, topics, glossary


def test_export_then_load_into_an_empty_database_reproduces_every_field(tmp_path):
    person = Reviewer.objects.create(name="Dana Smith", credentials="MD")
    article = Article.objects.get(slug="nerve-ablation")
    article.body += "\nAn edit made in the admin, with “quotes” and a colon: here.\n"
    article.reviewed, article.reviewer = datetime.date(2026, 3, 1), person
    article.also_called = ["RFA: heat", "nerve burning"]
    article.save()
    before = snapshot()
    call_command("export_content", str(tmp_path / "export"), verbosity=0)
    Article.objects.all().delete()
    Topic.objects.all().delete()
    GlossaryTerm.objects.all().delete()
    call_command("load_content", str(tmp_path / "export"), verbosity=0)
    after = snapshot()
    assert after[1] == before[1] and after[2] == before[2]
    for slug, fields in before[0].items():
        for name, value in fields.items():
            assert after[0][slug][name] == value, (slug, name)


def test_images_need_alt_text_in_the_admin_and_the_loader(staff_client, library_dir, capsys):
    article = Article.objects.get(slug="nerve-ablation")
    for body in ["![](/media/uploads/a.png)", "![Describe this image for someone who cannot see it](/media/uploads/a.png)"]:
        response = staff_client.post(change_url(article), form_data(article, body=body))
        assert response.status_code == 200 and "An image needs alt text" in response.content.decode()
    assert (
        staff_client.post(
            change_url(article), form_data(article, body="![A needle near the spine](/media/uploads/a.png)")
        ).status_code
        == 302
    )
    path = library_dir / "back-pain/nerve-ablation.md"
    path.write_text(path.read_text() + "\n![ ](/static/img/spine-anatomy.svg)\n")
    with pytest.raises(Exception, match="nothing was loaded"):
        call_command("load_content", str(library_dir))
    assert "an image needs alt text" in capsys.readouterr().err
