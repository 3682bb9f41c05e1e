import datetime
import re

import pytest

from articles.models import Article

pytestmark = pytest.mark.usefixtures("library")


def h1(html):
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)


@pytest.mark.parametrize(
    "url,title",
    [
        ("/", "Understanding your pain treatment"),
        ("/topics/", "All topics"),
        ("/topics/back-pain/", "Back pain treatments"),
        ("/articles/epidural-injection/", "Epidural injection"),
        ("/glossary/", "Glossary"),
        ("/a-z/", "A–Z of articles"),
    ],
)
def test_every_page_type_renders_with_one_h1_and_the_topic_menu(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert h1(html) == [title]
    assert '<nav class="topic-menu" aria-label="Topics">' in html
    assert 'href="/topics/back-pain/"' in html
    assert "<title>" in html and 'lang="en"' in html
    assert "call 911 now" in html.lower()


def test_article_page_has_breadcrumbs_contents_facts_pager_and_related(client):
    html = client.get("/articles/epidural-injection/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["Home", "Back pain treatments", "Epidural injection"]
    assert 'href="#what-is-an-epidural-injection"' in html
    assert "<dt>Imaging guidance</dt><dd>Live X-ray (fluoroscopy)</dd>" in html
    assert 'rel="next" href="/articles/nerve-ablation/"' in html
    assert 'rel="prev"' not in html
    assert "Related articles" in html
    assert "Also called: ESI, back shot" in html
    assert "Last updated:" in html and "Page last reviewed" not in html


def test_previous_link_on_the_last_article(client):
    html = client.get("/articles/nerve-ablation/").content.decode()
    assert 'rel="prev" href="/articles/epidural-injection/"' in html
    assert 'rel="next"' not in html


def test_reviewed_articles_say_so(client):
    from articles.models import Reviewer

    reviewer = Reviewer.objects.create(name="A. Clinician", credentials="MD")
    article = Article.objects.get(slug="nerve-ablation")
    article.record_review(reviewer, datetime.date(2026, 5, 1))
    article.save()
    html = client.get("/articles/nerve-ablation/").content.decode()
    assert "Checked by a clinician, A. Clinician, MD, on" in html and "Next review due:" in html
    # A review vouches for the text it saw: changed since, the page no longer claims it.
    article.body += "\n\nA new sentence nobody checked."
    article.save()
    html = client.get("/articles/nerve-ablation/").content.decode()
    assert "Checked by" not in html and "Not yet checked by a clinician at this clinic" in html and "Last updated:" in html


def test_drafts_are_hidden_everywhere(client):
    assert client.get("/articles/coming-soon/").status_code == 404
    for url in ("/", "/topics/", "/topics/back-pain/", "/a-z/", "/articles/epidural-injection/", "/articles/nerve-ablation/"):
        assert "coming-soon" not in client.get(url).content.decode(), url


def test_future_articles_are_hidden_until_their_time(client):
    from datetime import timedelta

    from django.utils import timezone

    Article.objects.filter(slug="nerve-ablation").update(published_at=timezone.now() + timedelta(days=1))
    assert client.get("/articles/nerve-ablation/").status_code == 404


def test_topic_page_lists_its_published_articles_in_order(client):
    html = client.get("/topics/back-pain/").content.decode()
    assert html.index("/articles/epidural-injection/") < html.index("/articles/nerve-ablation/")
    assert "Injections and nerve treatments for back pain." in html


def test_glossary_has_letter_anchors(client):
    html = client.get("/glossary/").content.decode()
    assert 'id="letter-F"' in html and 'id="fluoroscopy"' in html


def test_unknown_pages_get_a_friendly_404(client):
    response = client.get("/articles/no-such-thing/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert client.get("/topics/nope/").status_code == 404


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_server_error_page_needs_no_database(rf, settings):
    from painsite.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.parametrize(
    "url,budget",
    [("/", 3), ("/topics/", 4), ("/topics/back-pain/", 5), ("/articles/epidural-injection/", 6), ("/glossary/", 3), ("/a-z/", 3)],
)
def test_query_budget(client, django_assert_max_num_queries, url, budget):
    # An article page reads its translations once per library change too (its hreflang links).
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_a_database_outage_gets_a_calm_503(client, monkeypatch):
    from django.db import OperationalError

    from articles.caching import stamps
    from articles.public import views

    def unavailable(*args, **kwargs):
        raise OperationalError("connection failed: the database system is shutting down")

    monkeypatch.setattr(views, "_article_for", unavailable)
    monkeypatch.setattr(stamps, "_last_change", unavailable)
    response = client.get("/articles/epidural-injection/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10" and "no-store" in response["Cache-Control"]
    assert "We will be back in a moment" in response.content.decode()
    assert "call 911 now" in response.content.decode().lower()
