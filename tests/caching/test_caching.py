"""Cached pages are never stale; HTTP caching is public for readers and never for staff."""

import os
import subprocess
import urllib.request
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, GlossaryTerm
from tests import servers

PUBLIC = ["/", "/topics/", "/topics/back-pain/", "/articles/epidural-injection/", "/glossary/", "/a-z/"]


@pytest.mark.usefixtures("library")
@pytest.mark.parametrize("url", PUBLIC)
def test_second_anonymous_visit_is_served_from_the_cache(client, url):
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.usefixtures("library")
def test_a_cached_page_costs_one_query(client, django_assert_max_num_queries):
    client.get("/articles/epidural-injection/")
    with django_assert_max_num_queries(1):
        assert client.get("/articles/epidural-injection/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("page_cache", [True, False])
@pytest.mark.usefixtures("library")
def test_every_kind_of_change_shows_on_the_next_request(client, settings, page_cache):
    # Without the page cache, the per-process copies of articles, menus and reading order
    # (caching/memo.py) must be as fresh as the pages.
    settings.PAGE_CACHE = page_cache
    url = "/articles/epidural-injection/"
    client.get(url)
    article = Article.objects.get(slug="epidural-injection")
    article.summary = "A changed summary."
    article.save()
    assert "A changed summary." in client.get(url).content.decode()
    # A change to another article shows in this page's related list and menu.
    other = Article.objects.get(slug="nerve-ablation")
    other.title = "Nerve ablation, renamed"
    other.save()
    assert "Nerve ablation, renamed" in client.get(url).content.decode()
    # Glossary edits, and deletions.
    client.get("/glossary/")
    GlossaryTerm.objects.filter(term="Fluoroscopy").update(definition="A new definition.", modified_at=timezone.now())
    assert "A new definition." in client.get("/glossary/").content.decode()
    GlossaryTerm.objects.filter(term="Fluoroscopy").delete()
    assert "Fluoroscopy" not in client.get("/glossary/").content.decode()
    # A draft goes back to draft: gone at once.
    Article.objects.filter(slug="nerve-ablation").update(status="draft")
    assert client.get("/articles/nerve-ablation/").status_code == 404
    assert 'rel="next" href="/articles/nerve-ablation/"' not in client.get(url).content.decode()


@pytest.mark.usefixtures("library")
def test_a_scheduled_article_appears_when_its_time_comes(client):
    start = timezone.now()
    Article.objects.filter(slug="nerve-ablation").update(published_at=start + timedelta(hours=1))
    with time_machine.travel(start, tick=False):
        assert "nerve-ablation" not in client.get("/topics/back-pain/").content.decode()
        assert client.get("/topics/back-pain/")["X-Page-Cache"] == "hit"
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        response = client.get("/topics/back-pain/")
        assert "nerve-ablation" in response.content.decode()
        assert response["X-Page-Cache"] == "miss"


@pytest.mark.usefixtures("library")
@pytest.mark.parametrize("url", PUBLIC + ["/search/?q=shot", "/sitemap.xml", "/feed/", "/articles/nope/"])
def test_public_responses_are_publicly_cacheable_without_cookies(client, url):
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert not response.cookies


@pytest.mark.usefixtures("library")
def test_staff_and_admin_are_never_cached(staff_client):
    for url in ["/admin/", "/articles/epidural-injection/", "/"]:
        response = staff_client.get(url)
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"], url
        assert "X-Page-Cache" not in response


@pytest.mark.usefixtures("library")
def test_site_serves_when_redis_is_down(client, settings, caplog):
    from django.core.cache import caches

    caplog.set_level("WARNING", logger="painsite.cache")
    from articles.caching.redis import ResilientRedisCache

    ResilientRedisCache._last_report = 0.0
    port = servers.free_port()  # nothing listens there
    settings.CACHES = {
        "default": {
            "BACKEND": "articles.caching.redis.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    assert type(caches["default"]).__name__ == "ResilientRedisCache"
    for url in PUBLIC:
        assert client.get(url).status_code == 200
    assert "Redis cache unavailable" in caplog.text


@pytest.mark.usefixtures("library")
def test_topic_page_queries_do_not_grow_with_its_articles(client, django_assert_max_num_queries):
    topic = Article.objects.first().topic
    Article.objects.bulk_create(
        [Article(slug=f"extra-{n}", topic=topic, title=f"Extra {n}", summary="s", body="b") for n in range(60)]
    )
    # 6: one more than before translations, the topic's languages for its hreflang links (a
    # per-stamp read, the same whatever the number of articles).
    for url in ["/topics/back-pain/", "/topics/back-pain/?page=2", "/topics/"]:
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
    html = client.get("/topics/back-pain/?page=2").content.decode()
    assert "Page 2 of 2" in html and 'rel="prev" href="?page=1"' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/topics/back-pain/?page=2">' in html
    assert "All 62 articles about back pain treatments" in client.get("/topics/").content.decode()


@pytest.mark.slow  # starts real processes
@pytest.mark.skipif(not servers.redis_available() and not os.environ.get("CI"), reason="needs Redis on 127.0.0.1:6379")
def test_two_server_processes_sharing_redis_never_serve_stale_pages(tmp_path):
    """Two gunicorn servers (separate processes, as on two hosts) share one database and
    one Redis. A change made by a third process shows on the next request to both."""
    env = servers.redis_site(tmp_path, 15)

    def get(url):
        with urllib.request.urlopen(url + "/articles/epidural-injection/", timeout=5) as response:
            return response.headers.get("X-Page-Cache"), response.read().decode()

    with servers.gunicorn(env) as first, servers.gunicorn(env) as second:
        assert get(first)[0] == "miss"
        assert get(second)[0] == "hit"  # the first server's page, shared through Redis
        change = (
            "from articles.models import Article; a = Article.objects.get(slug='epidural-injection'); "
            "a.summary = 'Changed by another process.'; a.save()"
        )
        subprocess.run([*servers.MANAGE, "shell", "-c", change], env=env, check=True)
        for url in (first, second):
            assert "Changed by another process." in get(url)[1]
