"""The abuse limits when the shared cache cannot count (F10): a real redis-server that is
stopped, or that refuses writes (maxmemory 1, noeviction: every write is an OOM error).
Feedback is refused, search is counted per process, and the outage is logged once."""

from urllib.parse import urlencode

import pytest
import redis

from articles.models import Feedback
from articles.public import ratelimit
from tests import servers

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("library")]  # starts redis-server
FEEDBACK = "/articles/epidural-injection/feedback/"


@pytest.fixture
def redis_port():
    with servers.redis_server() as (client, _url):
        yield client.connection_pool.connection_kwargs["port"]


@pytest.fixture
def shared_cache_at(settings, monkeypatch):
    monkeypatch.setattr(ratelimit, "_shared_down", False, raising=False)
    monkeypatch.setattr(ratelimit, "_local_counts", {}, raising=False)

    def use(port):
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "shared": {
                "BACKEND": "articles.caching.redis.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            },
        }

    return use


def searches(client, n):
    return [client.get("/search/", {"q": f"shot {i}"}).status_code for i in range(n)]


def feedback(client, n):
    form = urlencode({"helpful": "yes"})
    return [client.post(FEEDBACK, form, content_type="application/x-www-form-urlencoded").status_code for _ in range(n)]


def outage_records(caplog):
    return [r for r in caplog.records if r.name == "painsite.ratelimit" and "cannot count" in r.getMessage()]


def test_redis_refusing_writes(client, settings, caplog, redis_port, shared_cache_at):
    shared_cache_at(redis_port)
    settings.SEARCH_RATE = (3, 60)
    caplog.set_level("WARNING")
    assert searches(client, 2) == [200, 200]  # counted in Redis while it takes writes
    redis.Redis(port=redis_port).config_set("maxmemory-policy", "noeviction")
    redis.Redis(port=redis_port).config_set("maxmemory", 1)

    assert searches(client, 5) == [200, 200, 200, 429, 429]  # this process counts from zero
    assert feedback(client, 3) == [429, 429, 429]
    assert Feedback.objects.count() == 0
    assert len(outage_records(caplog)) == 1  # once for 8 requests, not per request

    redis.Redis(port=redis_port).config_set("maxmemory", 0)
    assert feedback(client, 1) == [303]
    assert any("counts again" in r.getMessage() for r in caplog.records if r.name == "painsite.ratelimit")


def test_redis_down(client, settings, caplog, shared_cache_at):
    shared_cache_at(servers.free_port())  # nothing listens there
    settings.SEARCH_RATE = (3, 60)
    caplog.set_level("WARNING")
    assert searches(client, 5) == [200, 200, 200, 429, 429]
    assert feedback(client, 2) == [429, 429]
    assert Feedback.objects.count() == 0
    assert len(outage_records(caplog)) == 1


def test_limits_are_shared_while_redis_works(client, settings, redis_port, shared_cache_at):
    shared_cache_at(redis_port)
    settings.FEEDBACK_RATE = (2, 600)
    assert feedback(client, 3) == [303, 303, 429]
    assert any(key.startswith(b":1:ratelimit:feedback:") for key in redis.Redis(port=redis_port).keys())
