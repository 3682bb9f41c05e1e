"""One client address for every per-client limit: the peer without proxies, the N-th
X-Forwarded-For entry from the right behind N proxies of ours; what the client wrote itself
is never read. (tests/site/test_proxy_nginx.py drives the same through real nginx.)"""

import pytest
from django.test import RequestFactory

from articles.public.client import client_address

FORGED = "203.0.113.7"


def request(**meta):
    return RequestFactory().get("/search/", {"q": "nerve"}, **meta)


@pytest.mark.parametrize(
    ("hops", "forwarded_for", "expected"),
    [
        (0, f"{FORGED}, 198.51.100.2", "10.0.0.1"),  # gunicorn serving directly: the header is anyone's
        (1, f"{FORGED}, 198.51.100.2", "198.51.100.2"),  # nginx appended the address it saw
        (1, "198.51.100.2", "198.51.100.2"),
        (2, f"{FORGED}, 198.51.100.2, 192.0.2.9", "198.51.100.2"),  # a CDN, then nginx
        (2, "192.0.2.9", "10.0.0.1"),  # fewer entries than proxies: the header cannot be trusted
        (1, "", "10.0.0.1"),
    ],
)
def test_client_is_counted_from_the_right(settings, hops, forwarded_for, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_address(request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)) == expected


def test_the_address_is_worked_out_once_per_request(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    req = request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert client_address(req) == "198.51.100.2"
    req.META["HTTP_X_FORWARDED_FOR"] = FORGED
    assert client_address(req) == "198.51.100.2"


def test_axes_uses_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_HOPS = 1
    req = request(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{FORGED}, 198.51.100.2")
    assert get_client_ip_address(req) == "198.51.100.2"


@pytest.mark.django_db
def test_a_forged_header_does_not_escape_the_search_limit(client, settings):
    # The review's F5 steps without nginx: one client behind one proxy, a new forged entry each time.
    settings.TRUSTED_PROXY_HOPS = 1
    settings.SEARCH_RATE = (3, 60)
    # This process's own counters: the file cache under var/ is shared with any other test run.
    settings.CACHES = {alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"} for alias in ("default", "shared")}
    codes = [
        client.get("/search/", {"q": f"nerve {n}"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.2").status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    assert client.get("/search/", {"q": "nerve"}, HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 200
