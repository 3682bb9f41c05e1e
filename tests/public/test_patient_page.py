"""The article page's extras: glossary terms in context, the printable handout, feedback."""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from articles.models import Article, Feedback, GlossaryTerm

pytestmark = pytest.mark.usefixtures("library")


def send_feedback(client, url, data, **extra):
    # As a browser sends the form (the test client's default would be multipart, which is refused).
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded", **extra)


def test_first_use_of_a_glossary_term_links_to_its_definition(client):
    html = client.get("/articles/epidural-injection/").content.decode()
    assert html.count('href="/glossary/#fluoroscopy"') == 1  # first use only
    assert '<span class="term-tip" role="tooltip">A live X-ray picture that guides the needle.</span>' in html


def test_glossary_changes_reach_articles(client, library_dir):
    (library_dir / "glossary.yaml").write_text(
        "- term: Fluoroscopy\n  definition: A moving X-ray picture.\n  aliases: [live X-ray]\n"
        "- term: Thin needle\n  definition: A fine needle.\n"
    )
    call_command("load_content", str(library_dir), verbosity=0)
    html = client.get("/articles/epidural-injection/").content.decode()
    assert "A moving X-ray picture." in html
    assert 'href="/glossary/#thin-needle"' in html


def test_terms_are_not_linked_inside_headings_or_links(client):
    article = Article.objects.get(slug="nerve-ablation")
    article.body = "## Fluoroscopy\n\nSee [fluoroscopy](/glossary/).\n\nThen fluoroscopy again."
    article.save()
    assert article.body_html.count('class="term"') == 1
    assert '<h2 id="fluoroscopy">Fluoroscopy</h2>' in article.body_html


def test_handout(client):
    from articles.models import ClinicSettings

    ClinicSettings(clinic_name="Pain Care Clinic", phone="555-0100").save()
    html = client.get("/articles/epidural-injection/handout/").content.decode()
    assert "<dt>Imaging guidance</dt>" in html
    assert "In an emergency, call 911 now." in html and "555-0100" in html
    assert "http://127.0.0.1:8000/articles/epidural-injection/" in html
    assert "<svg" in html and 'class="segno"' in html  # the QR code, drawn inline
    assert "Printed:" in html and "Last updated:" in html
    assert 'name="robots" content="noindex' in html
    assert client.get("/articles/coming-soon/handout/").status_code == 404


def test_feedback_is_stored_without_cookies(client):
    response = send_feedback(client, "/articles/epidural-injection/feedback/", {"helpful": "no", "comment": "  Too   long. "})
    assert response.status_code == 303
    assert response["Location"] == "/articles/epidural-injection/?feedback=thanks#feedback"
    assert not response.cookies
    feedback = Feedback.objects.get()
    assert feedback.helpful is False and feedback.comment == "Too long."
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_feedback_spam_defences(client, settings):
    url = "/articles/epidural-injection/feedback/"
    send_feedback(client, url, {"helpful": "yes", "website": "http://spam.example"})  # honeypot
    send_feedback(client, url, {"helpful": "maybe"})  # not a choice
    assert send_feedback(client, url, {"helpful": "yes"}, HTTP_ORIGIN="https://evil.example").status_code == 403
    send_feedback(client, url, {"helpful": "yes", "comment": "x" * 5000})
    assert Feedback.objects.count() == 1 and len(Feedback.objects.get().comment) == 500
    assert client.get(url).status_code == 405
    assert send_feedback(client, "/articles/coming-soon/feedback/", {"helpful": "yes"}).status_code == 404


def test_feedback_is_rate_limited(client, settings):
    settings.FEEDBACK_RATE = (3, 600)
    url = "/articles/epidural-injection/feedback/"
    codes = [send_feedback(client, url, {"helpful": "yes"}).status_code for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    assert Feedback.objects.count() == 3
    assert "Please wait a moment" in send_feedback(client, url, {"helpful": "yes"}).content.decode()


def test_search_is_rate_limited(client, settings):
    settings.SEARCH_RATE = (2, 60)
    codes = [client.get("/search/", {"q": "shot"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.slow  # starts real processes
def test_the_search_limit_is_counted_by_every_server_process_together(tmp_path):
    # Two gunicorn processes of one site (as a box with several workers has): without a
    # store they share, each would count alone and let twice the limit through.
    import time
    import urllib.error
    import urllib.request

    from django.conf import settings as django_settings

    from tests import servers

    def status(url):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    env = servers.site_env(tmp_path, SEARCH_RATE_LIMIT="4")
    servers.prepare(env, content=django_settings.BASE_DIR / "tests/fixtures/library", collectstatic=True)
    with servers.gunicorn(env) as first, servers.gunicorn(env) as second:
        if time.time() % 60 > 50:  # the count starts again each minute
            time.sleep(61 - time.time() % 60)
        codes = [status(url + "/search/?q=shot") for url in [first, second] * 4]
    assert codes == [200] * 4 + [429] * 4


def test_feedback_summary_in_the_admin(staff_client):
    article = Article.objects.get(slug="epidural-injection")
    Feedback.objects.create(article=article, helpful=True)
    Feedback.objects.create(article=article, helpful=False, comment="More about driving.")
    html = staff_client.get("/admin/articles/feedback/").content.decode()
    assert "More about driving." in html
    html = staff_client.get("/admin/articles/article/").content.decode()
    assert "1 yes / 1 no" in html


def test_glossary_admin_edit_rerenders_articles(staff_client, client, django_capture_on_commit_callbacks):
    term = GlossaryTerm.objects.get(term="Fluoroscopy")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        staff_client.post(
            f"/admin/articles/glossaryterm/{term.pk}/change/",
            {"term": "Fluoroscopy", "slug": "fluoroscopy", "definition": "Edited in the admin.", "aliases": "live X-ray"},
        )
    assert len(callbacks) == 1  # one re-render however many rows the admin touched
    assert "Edited in the admin." in client.get("/articles/epidural-injection/").content.decode()
