"""The page cache cannot be flooded: keys hold only the query parameters that change a page,
query variants and page sizes are capped, and entries are short-lived (F9).

The locmem tests count the entries of the real LocMemCache; the Redis ones count the keys of
a real Redis (db 2 of the local server).
"""

import os
import shutil
import urllib.request

import pytest
import redis
from django.core.cache import caches

from articles.caching import page_cache
from articles.models import Article
from tests import servers

ARTICLE = "/articles/epidural-injection/"
TOPIC = "/topics/back-pain/"


def entries():
    """Entries in the page cache (the tests' LocMemCache)."""
    return len(caches["default"]._cache)


@pytest.fixture
def long_topic(library):
    """Back pain with 62 published articles: two pages of 50."""
    topic = Article.objects.first().topic
    Article.objects.bulk_create(
        [Article(slug=f"extra-{n:02}", topic=topic, title=f"Extra {n:02}", summary="s", body="b") for n in range(60)]
    )


def test_each_parameter_a_view_reads_gives_its_own_page(client, long_topic):
    """Every public view that reads a query parameter, with two values: two pages, each
    served again from its own entry."""
    cases = [
        (TOPIC, {}, "Page 1 of 2", {"page": "2"}, "Page 2 of 2"),
        (ARTICLE, {}, None, {"feedback": "thanks"}, "Thank you. Your answer helps"),
    ]
    for path, first, first_mark, second, second_mark in cases:
        one, two = client.get(path, first), client.get(path, second)
        assert one.status_code == two.status_code == 200
        assert one.content != two.content, path
        if first_mark:
            assert first_mark in one.content.decode() and first_mark not in two.content.decode()
        assert second_mark in two.content.decode() and second_mark not in one.content.decode()
        again_one, again_two = client.get(path, first), client.get(path, second)
        assert again_one["X-Page-Cache"] == again_two["X-Page-Cache"] == "hit"
        assert (again_one.content, again_two.content) == (one.content, two.content)


def test_unknown_query_strings_store_nothing_and_get_the_right_page(client, library):
    plain = client.get(ARTICLE)
    thanks = client.get(ARTICLE, {"feedback": "thanks"})
    stored = entries()
    for n in range(50):
        response = client.get(ARTICLE, {"utm_x": n})
        assert response.status_code == 200
        assert response.content == plain.content and response["ETag"] == plain["ETag"]
        assert response["X-Page-Cache"] == "hit"  # no render either
        # Unknown parameters beside a known one: the known one's page.
        assert client.get(ARTICLE, {"feedback": "thanks", "utm_x": n}).content == thanks.content
        # A value that does not change the page is the plain page.
        assert client.get(ARTICLE, {"feedback": f"x{n}"}).content == plain.content
    assert entries() == stored


def test_page_numbers_past_the_last_page_store_a_bounded_number_of_entries(client, long_topic):
    last = client.get(TOPIC, {"page": "2"}).content
    stored = entries()
    for n in range(3, 53):
        response = client.get(TOPIC, {"page": n})
        assert response.status_code == 200 and "Page 2 of 2" in response.content.decode()
    # One counter per path and stamp, and at most MAX_VARIANTS pages (page 2 was one).
    assert entries() <= stored + page_cache.MAX_VARIANTS
    # Spellings that are not a page's own: the first page, never a new entry.
    first = client.get(TOPIC).content
    stored = entries()
    for value in ["1", "01", "0", "-1", "+2", "02", "2.0", "²", "abc", ""]:
        assert client.get(TOPIC, {"page": value}).content == first, value
    assert entries() == stored
    assert last == client.get(TOPIC, {"page": "2"}).content


def test_a_page_larger_than_the_limit_is_served_but_not_stored(client, library, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_PAGE_BYTES", 1000)
    for _ in range(2):
        response = client.get(ARTICLE)
        assert response.status_code == 200 and len(response.content) > 1000
        assert "X-Page-Cache" not in response
    assert entries() == 0


@pytest.fixture
def redis_page_cache(settings):
    """The page cache in a real Redis (db 2), as with REDIS_URL; emptied before and after."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "articles.caching.redis.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/2",
            "KEY_PREFIX": f"test-{os.getpid()}",
        },
    }
    server = redis.Redis.from_url("redis://127.0.0.1:6379/2")
    server.flushdb()
    yield server
    server.flushdb()


@pytest.mark.skipif(not servers.redis_available() and not os.environ.get("CI"), reason="needs Redis on 127.0.0.1:6379")
def test_redis_holds_no_entry_for_unknown_query_strings(client, long_topic, redis_page_cache):
    plain = client.get(ARTICLE)
    assert plain["X-Page-Cache"] == "miss"
    keys = set(redis_page_cache.keys())
    assert len(keys) == 1
    for n in range(50):
        response = client.get(ARTICLE, {"utm_x": n})
        assert response.status_code == 200 and response.content == plain.content
        assert response["X-Page-Cache"] == "hit"
    assert set(redis_page_cache.keys()) == keys
    # Short-lived: an entry of an older stamp is gone within the hour.
    (key,) = keys
    assert 0 < redis_page_cache.ttl(key) <= page_cache.PAGE_TTL <= 60 * 60
    # Page numbers: at most MAX_VARIANTS entries (and one counter) for the path.
    for n in range(2, 60):
        assert client.get(TOPIC, {"page": n}).status_code == 200
    assert len(redis_page_cache.keys()) <= len(keys) + page_cache.MAX_VARIANTS + 1


@pytest.mark.slow  # starts gunicorn and Redis
@pytest.mark.skipif(
    not (servers.redis_available() and shutil.which("redis-server")) and not os.environ.get("CI"),
    reason="needs Redis on 127.0.0.1:6379 and redis-server",
)
def test_gunicorn_with_redis_urls_keeps_pages_bounded_and_apart_from_the_counters(tmp_path):
    """The settings as deployed: REDIS_URL alone holds pages and counters in one db; with
    REDIS_PAGE_CACHE_URL the pages go to their own (allkeys-lru) instance, the counters stay."""
    counters = redis.Redis.from_url("redis://127.0.0.1:6379/2")
    counters.flushdb()
    env = servers.redis_site(tmp_path, 2)

    def get(base, path):
        with urllib.request.urlopen(base + path, timeout=5) as response:
            return response.headers.get("X-Page-Cache"), response.read()

    try:
        with servers.gunicorn(env) as base:
            state, plain = get(base, ARTICLE)
            keys = counters.dbsize()
            for n in range(50):
                assert get(base, f"{ARTICLE}?utm_x={n}") == ("hit", plain)
            assert counters.dbsize() == keys == 1
        counters.flushdb()
        with servers.redis_server("--maxmemory", "8mb", "--maxmemory-policy", "allkeys-lru") as (pages, url):
            with servers.gunicorn({**env, "REDIS_PAGE_CACHE_URL": url}) as base:
                assert get(base, ARTICLE)[0] == "miss"
                for n in range(50):
                    assert get(base, f"{ARTICLE}?utm_x={n}")[0] == "hit"
                get(base, "/search/?q=injection")  # counted in the shared cache
                assert pages.dbsize() == 1
                assert [k for k in counters.keys() if b"ratelimit:search" in k] and not [
                    k for k in counters.keys() if b"page" in k
                ]
                assert pages.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
    finally:
        counters.flushdb()
