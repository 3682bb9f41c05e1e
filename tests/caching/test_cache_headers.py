"""F25 through a real nginx running the shipped deploy/nginx/painsite.conf: a page withdrawn
in the app is gone from the proxy within seconds (s-maxage, then revalidation), and browsers
are told to ask again every time (max-age=0, no stale-while-revalidate)."""

import subprocess
import time

import pytest

from tests import nginx, servers

pytestmark = [
    pytest.mark.slow,  # starts gunicorn and nginx
    nginx.needed,
]
ARTICLE = "/articles/epidural-injection/"
SHARED_MAX_AGE = 5  # PUBLIC_SHARED_MAX_AGE's default
UNPUBLISH = (
    "from articles.models import Article; a = Article.objects.get(slug='epidural-injection'); a.status = 'draft'; a.save()"
)


def test_a_withdrawn_page_leaves_the_proxy_within_seconds(tmp_path):
    env = servers.site_env(
        tmp_path,
        PUBLIC_SHARED_MAX_AGE=str(SHARED_MAX_AGE),
        BEHIND_PROXY="1",
        ALLOWED_HOSTS=f"{nginx.HOST},127.0.0.1",
        SITE_URL=f"https://{nginx.HOST}",
    )
    servers.prepare(env, content=servers.ROOT / "tests/fixtures/library", collectstatic=True)
    with servers.gunicorn(env) as upstream, nginx.nginx(upstream) as proxy:
        status, headers, _ = proxy.request("GET", ARTICLE)
        assert status == 200
        assert headers["cache-control"] == f"public, max-age=0, s-maxage={SHARED_MAX_AGE}"
        assert "stale-while-revalidate" not in headers["cache-control"]
        assert proxy.request("GET", ARTICLE)[1]["x-cache-status"] == "HIT"
        # A browser revalidating (max-age=0) gets a 304 without a body.
        status, _, body = proxy.request("GET", ARTICLE, headers={"If-None-Match": headers["etag"]})
        assert (status, body) == (304, b"")

        subprocess.run([*servers.MANAGE, "shell", "-c", UNPUBLISH], env=env, check=True, cwd=servers.ROOT)
        withdrawn = time.monotonic()
        seen = []
        # Generous: s-maxage is 5 s; with the old max-age=60 the page stayed for a minute.
        while time.monotonic() - withdrawn < 20:
            status, headers, _ = proxy.request("GET", ARTICLE)
            seen.append((status, headers.get("x-cache-status")))
            if status == 404:
                break
            time.sleep(0.5)
        assert seen[-1][0] == 404, seen
        assert proxy.request("GET", ARTICLE)[0] == 404  # and it stays gone

        # An unchanged page is revalidated with a cheap 304 from the app, not fetched again.
        proxy.request("GET", "/glossary/")
        time.sleep(SHARED_MAX_AGE + 1)
        assert proxy.request("GET", "/glossary/")[1]["x-cache-status"] == "REVALIDATED"
