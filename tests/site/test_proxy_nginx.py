"""The review's F5 and F6 steps through a real nginx running the shipped configuration, in
front of gunicorn with BEHIND_PROXY=1 (as deploy/systemd/env.example and compose prescribe).
Clients bind to 127.0.0.2 (a real user) and 127.0.0.3 (an attacker who forges
X-Forwarded-For), so nginx sees two addresses. Also F22's nginx half: the access log."""

import gzip
import re
import shutil
import subprocess
import time
from urllib.parse import urlencode

import pytest

from tests import nginx, servers

pytestmark = [
    pytest.mark.slow,  # starts gunicorn and nginx
    nginx.needed,
]
USER, ATTACKER = "127.0.0.2", "127.0.0.3"
PASSWORD = "the-victims-right-password"
ARTICLE = "/articles/epidural-injection/"


def site_env(tmp):
    env = servers.site_env(
        tmp,
        BEHIND_PROXY="1",
        ALLOWED_HOSTS=f"{nginx.HOST},127.0.0.1",
        SITE_URL=f"https://{nginx.HOST}",
        SEARCH_RATE_LIMIT="5",
        FEEDBACK_RATE_LIMIT="3",
    )
    env.pop("TRUSTED_PROXY_HOPS", None)  # BEHIND_PROXY=1 alone must mean one hop
    return env


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A site with the test library, static files and a staff account, set up once and copied."""
    tmp = tmp_path_factory.mktemp("prepared")
    env = site_env(tmp)
    servers.prepare(env, content=servers.ROOT / "tests/fixtures/library", collectstatic=True)
    create = (
        f"from django.contrib.auth.models import User; User.objects.create_user('victim', password='{PASSWORD}', is_staff=True)"
    )
    subprocess.run([*servers.MANAGE, "shell", "-c", create], env=env, check=True, cwd=servers.ROOT, stdout=subprocess.DEVNULL)
    return tmp


@pytest.fixture(scope="module", params=["painsite.conf", "compose.conf"])
def site(request, prepared, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param.split(".")[0])
    shutil.copytree(prepared, tmp, dirs_exist_ok=True)  # a fresh database and counters for each proxy
    with servers.gunicorn(site_env(tmp)) as upstream, nginx.nginx(upstream, request.param) as proxy:
        yield proxy


def clear_of_the_window_edge(period, margin=15):
    # Each limit counts afresh when its window turns; do not straddle that moment.
    if time.time() % period > period - margin:
        time.sleep(period - time.time() % period + 0.5)


def sign_in(proxy, source, password, forged=None):
    extra = {"X-Forwarded-For": forged} if forged else {}
    status, headers, body = proxy.request("GET", "/admin/login/", source=source, headers=extra)
    assert status == 200, body[:300]
    cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"csrfmiddlewaretoken": token, "username": "victim", "password": password, "next": "/admin/"})
    headers = {
        **extra,
        "Cookie": f"csrftoken={cookie}",
        "Origin": proxy.origin,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return proxy.request("POST", "/admin/login/?next=/admin/", source=source, headers=headers, body=form.encode())[0]


def test_a_forger_is_limited_and_a_real_user_is_not_locked_out(site):
    clear_of_the_window_edge(60)
    searches = [
        site.request("GET", f"/search/?q=nerve+{n}+yy", source=ATTACKER, headers={"X-Forwarded-For": f"203.0.113.{n}"})[0]
        for n in range(8)
    ]
    assert searches == [200] * 5 + [429] * 3
    assert site.request("GET", "/search/?q=nerve+user", source=USER)[0] == 200

    form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": site.origin}
    posts = [
        site.request(
            "POST",
            f"{ARTICLE}feedback/",
            source=ATTACKER,
            headers={**form, "X-Forwarded-For": f"203.0.113.{n}"},
            body=b"helpful=yes",
        )[0]
        for n in range(5)
    ]
    assert posts == [303] * 3 + [429] * 2
    assert site.request("POST", f"{ARTICLE}feedback/", source=USER, headers=form, body=b"helpful=no")[0] == 303

    # F6: the attacker even claims to be the user's address; their failures lock only themselves.
    assert sign_in(site, USER, PASSWORD) == 302
    failures = [sign_in(site, ATTACKER, f"wrong-{n}", forged=USER) for n in range(5)]
    assert failures == [200] * 4 + [429]
    assert sign_in(site, ATTACKER, PASSWORD, forged=USER) == 429
    assert sign_in(site, USER, PASSWORD) == 302


def test_the_access_log_keeps_no_search_words_and_no_full_address(site):
    site.request("GET", "/search/?q=zebraquokka", source=USER)
    time.sleep(0.2)  # nginx writes the line after answering
    log = site.access_log
    assert "/search/" in log and "zebraquokka" not in log
    assert "127.0.0.0/24" in log and "127.0.0.2" not in log and "127.0.0.3" not in log


def test_pages_are_compressed_on_the_way_out(site):
    """gunicorn sends pages as they are; nginx compresses them (Lighthouse's text-compression
    audit is left out of tests/browser/test_lighthouse.py for that reason)."""
    status, headers, body = site.request("GET", ARTICLE, source=USER, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip", headers
    assert b"</html>" in gzip.decompress(body)
    assert "Accept-Encoding" in headers.get("vary", "")
