"""The admin belongs to the clinic, and its front page shows each user their own work."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ClinicSettings, Revision
from tests.editorial.forms import form_data

pytestmark = pytest.mark.usefixtures("library")

CHANGE = "/admin/articles/article/{}/change/"
REVIEW = "/admin/articles/article/{}/review/"


def signed_in(django_user_model, username, group):
    client = Client()
    user = django_user_model.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def ana(django_user_model):
    return signed_in(django_user_model, "ana", "Editor")


@pytest.fixture
def ben(django_user_model):
    return signed_in(django_user_model, "ben", "Editor")


@pytest.fixture
def reviewer(django_user_model):
    return signed_in(django_user_model, "dr-ruiz", "Clinical reviewer")


def box(html, box_id):
    """The inner HTML of one box of the front page, or None when it is not there."""
    found = re.search(rf'<div class="module" id="{box_id}">(.*?)</div>', html, re.S)
    return found.group(1) if found else None


def link(url, title):
    return f'<a href="{url}">{title}</a>'


def edit(client, slug, **changes):
    article = Article.objects.get(slug=slug)
    response = client.post(CHANGE.format(article.pk), form_data(article, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return article


# --- the clinic's name --------------------------------------------------------------------------


def test_the_admin_is_headed_with_the_clinics_name_and_follows_the_clinic_settings(staff_client, settings):
    html = staff_client.get("/admin/").content.decode()
    name = settings.CLINIC_NAME
    assert re.search(rf'<div id="site-name"><a href="/admin/">{name}</a></div>', html)
    assert re.search(rf"<title>{name}: the patient library \| {name} admin</title>", html)
    assert f"<h1>{name}: the patient library</h1>" in html
    assert "Django administration" not in html and "Django site admin" not in html

    ClinicSettings(clinic_name="Riverside Pain & Spine").save()
    for url in ["/admin/", "/admin/articles/article/", "/admin/articles/reviewer/"]:
        page = staff_client.get(url).content.decode()
        assert '<div id="site-name"><a href="/admin/">Riverside Pain &amp; Spine</a></div>' in page, url
        assert re.search(r"<title>[^<]*\| Riverside Pain &amp; Spine admin</title>", page), url
        assert name not in page, url
    assert "<h1>Riverside Pain &amp; Spine: the patient library</h1>" in staff_client.get("/admin/").content.decode()
    # The sign-in page too.
    assert "Riverside Pain &amp; Spine" in Client().get("/admin/login/").content.decode()


def test_the_clinics_name_costs_no_query_per_render(staff_client):
    staff_client.get("/admin/")  # this process now holds the clinic's details for this stamp
    with CaptureQueriesContext(connection) as queries:
        html = staff_client.get("/admin/articles/article/").content.decode()
    assert html.count(ClinicSettings.current().clinic_name) >= 2  # the header and the title
    # (The library stamp, read once a request anyway, goes straight to the driver: not counted.)
    assert not [q for q in queries.captured_queries if '"articles_clinicsettings"."clinic_name"' in q["sql"]]


# --- each user's own work -------------------------------------------------------------------------


def test_an_editor_sees_their_own_drafts_and_waiting_changes_and_not_anothers(ana, ben):
    draft = edit(ana, "coming-soon", body="Ana's first words.")
    mine = edit(ana, "nerve-ablation", body="Ana's change to the live page.")
    theirs = edit(ben, "epidural-injection", body="Ben's change to the live page.")
    assert Revision.objects.filter(state="pending").count() == 2

    page = ana.get("/admin/").content.decode()
    assert link(CHANGE.format(draft.pk), "Coming soon") in box(page, "your-drafts")
    waiting = box(page, "your-waiting")
    assert link(CHANGE.format(mine.pk), "Nerve ablation") in waiting and "change to the live page" in waiting
    assert "Epidural injection" not in waiting
    # An editor decides nothing: no review boxes.
    assert box(page, "to-review") is None and box(page, "review-queue") is None

    page = ben.get("/admin/").content.decode()
    assert "Coming soon" not in box(page, "your-drafts")
    waiting = box(page, "your-waiting")
    assert link(CHANGE.format(theirs.pk), "Epidural injection") in waiting and "Nerve ablation" not in waiting

    # A draft is the work of whoever changed it last.
    edit(ben, "coming-soon", body="Ben takes it over.")
    assert link(CHANGE.format(draft.pk), "Coming soon") in box(ben.get("/admin/").content.decode(), "your-drafts")
    assert "Coming soon" not in box(ana.get("/admin/").content.decode(), "your-drafts")


def test_a_draft_sent_for_review_leaves_your_drafts_and_waits(ana, ben):
    draft = edit(ana, "coming-soon", status="review")
    page = ana.get("/admin/").content.decode()
    assert "Coming soon" not in box(page, "your-drafts")
    assert link(CHANGE.format(draft.pk), "Coming soon") in box(page, "your-waiting")
    assert "new article" in box(page, "your-waiting")
    assert "Coming soon" not in box(ben.get("/admin/").content.decode(), "your-waiting")


def test_a_reviewer_sees_what_waits_for_review(ana, ben, reviewer):
    draft = edit(ana, "coming-soon", status="review")
    change = edit(ben, "epidural-injection", body="Ben's change to the live page.")
    page = reviewer.get("/admin/").content.decode()
    waiting = box(page, "to-review")
    assert link(REVIEW.format(draft.pk), "Coming soon") in waiting and "new article from ana" in waiting
    assert link(REVIEW.format(change.pk), "Epidural injection") in waiting and "change from ben" in waiting
    assert "Nerve ablation" not in waiting
    assert "Review overdue" in box(page, "review-queue")
    # Approved: it waits no more.
    revision = Revision.objects.get(article=change, state="pending")
    reviewer.post(
        REVIEW.format(change.pk),
        {"action": "approve", "decided_by": "Ana Ruiz, MD", "kind": "minor", "text_hash": revision.text_hash},
    )
    assert "Epidural injection" not in box(reviewer.get("/admin/").content.decode(), "to-review")


def test_the_front_page_costs_the_same_few_queries_however_much_work_there_is(ana, reviewer):
    def queries(client):
        client.get("/admin/")  # the clinic's details are read once after a change to the library
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    edit(ana, "coming-soon", body="One draft.")
    edit(ana, "nerve-ablation", body="One change.")
    before = queries(ana), queries(reviewer)
    # Session, user, permissions (2), the admin's recent actions; then 3 for an editor's own
    # work (drafts, waiting articles, waiting translation changes), and 3 more for a reviewer
    # (the articles and the translations that wait, the review counts).
    assert before == (8, 11)
    topic = Article.objects.first().topic
    for n in range(30):
        Article.objects.create(
            slug=f"extra-{n}",
            title=f"Extra {n}",
            summary="s",
            kind="guide",
            topic=topic,
            body="Words.",
            status="draft",
            sources=[{"title": "S", "publisher": "P", "year": 2020}],
        )
        edit(ana, f"extra-{n}", body=f"Words {n}.", status="review" if n % 2 else "draft")
    assert (queries(ana), queries(reviewer)) == before
    page = ana.get("/admin/").content.decode()
    assert len(re.findall(r'/change/">Extra', box(page, "your-drafts"))) == 15
    assert len(re.findall(r'/change/">Extra', box(page, "your-waiting"))) == 15
    page = reviewer.get("/admin/").content.decode()
    assert len(re.findall(r'/review/">Extra', box(page, "to-review"))) == 15
