"""Glossary, clinic and picture changes reach the stored articles, without re-rendering the
whole library inside the request, and pages are never stale in between (F14)."""

import threading

import pytest
from django.test import Client

from articles.models import Article, ClinicSettings, GlossaryTerm, RenderJob
from articles.rendering import site as rendering
from articles.rendering import triggers


@pytest.fixture
def rendered(monkeypatch):
    """The ids of the articles each re-render touched."""
    calls = []
    real = triggers.render_articles

    def spy(ids, context):
        calls.append(sorted(ids))
        return real(ids, context)

    monkeypatch.setattr(triggers, "render_articles", spy)
    return calls


@pytest.mark.usefixtures("library")
def test_a_glossary_change_renders_only_the_articles_that_use_its_words(rendered, django_capture_on_commit_callbacks):
    # The term's names, Fluoroscopy and "live X-ray": articles whose text has their first words.
    uses = Article.objects.filter(plain_text__icontains="fluoroscopy") | Article.objects.filter(plain_text__icontains="live")
    users = set(uses.values_list("pk", flat=True))
    assert users and users != set(Article.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        term = GlossaryTerm.objects.get(term="Fluoroscopy")
        term.definition = "A live X-ray, edited."
        term.save()
    assert len(rendered) == 1 and set(rendered[0]) == users
    key = rendering.Context.current().key
    assert set(Article.objects.values_list("rendered_with", flat=True)) == {key}  # the others were only marked
    assert "A live X-ray, edited." in Client().get("/articles/epidural-injection/").content.decode()


@pytest.mark.usefixtures("library")
def test_a_clinic_change_that_keeps_the_emergency_number_renders_nothing(rendered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ClinicSettings(clinic_name="Hillside", emergency_number="911").save()
    assert rendered == []
    with django_capture_on_commit_callbacks(execute=True):
        ClinicSettings(clinic_name="Hillside", emergency_number="112").save()
    assert rendered and "Call 112 now if" in Client().get("/articles/epidural-injection/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_large_change_runs_in_the_background_and_pages_are_never_stale(settings, monkeypatch):
    from django.core.management import call_command

    from tests.conftest import FIXTURE_LIBRARY

    call_command("load_content", str(FIXTURE_LIBRARY), verbosity=0)
    settings.RERENDER_IN_REQUEST = 0  # every change is "large"
    started = threading.Event()
    release = threading.Event()
    real = triggers.render_articles

    def slow(ids, context):
        started.set()
        release.wait(10)  # hold the job until the page has been read
        return real(ids, context)

    monkeypatch.setattr(triggers, "render_articles", slow)
    term = GlossaryTerm.objects.get(term="Fluoroscopy")
    term.definition = "Changed while the job runs."
    term.save()  # autocommit: the job starts at once
    assert started.wait(10)
    job = RenderJob.objects.get()
    assert job.finished_at is None
    # The stored HTML is the old one, yet the page shows the change.
    assert "Changed while the job runs." not in Article.objects.get(slug="epidural-injection").body_html
    assert "Changed while the job runs." in Client().get("/articles/epidural-injection/").content.decode()
    release.set()
    next(t for t in threading.enumerate() if t.name == f"render-job-{job.pk}").join(10)
    job.refresh_from_db()
    assert job.finished_at and job.done == job.total
    assert "Changed while the job runs." in Article.objects.get(slug="epidural-injection").body_html


@pytest.mark.usefixtures("library")
def test_a_change_committed_inside_a_request_renders_with_the_new_glossary(django_capture_on_commit_callbacks):
    from articles.caching import stamps

    # The admin saves inside a request, whose stamp was read before the change; the
    # re-render after the commit must not use the glossary of that earlier stamp.
    with stamps.request_scope():
        stamps.last_change()
        rendering.Context.current()
        with django_capture_on_commit_callbacks(execute=True):
            term = GlossaryTerm.objects.get(term="Fluoroscopy")
            term.definition = "Defined inside a request."
            term.save()
    assert "Defined inside a request." in Article.objects.get(slug="epidural-injection").body_html
