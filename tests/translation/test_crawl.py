"""A crawl of both languages on the shipped library: every hreflang set is reciprocal, names
only pages that answer 200, includes the page itself and an x-default; every page has the
right <html lang> and Content-Language; no page sets a cookie."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

LINK = re.compile(r'href="(/[^"#?]*)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def _path(url):
    return urlsplit(url).path


@pytest.mark.slow
@pytest.mark.django_db
def test_both_languages_crawl_with_reciprocal_hreflang(client):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)
    seen, queue, alternates = set(), deque(["/", "/es/"]), {}
    while queue:
        path = queue.popleft()
        if path in seen or path.startswith(("/static/", "/media/", "/admin/", "/feed/")) or "feedback" in path:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, path
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        language = "es" if path.startswith("/es/") else "en"
        assert f'<html lang="{language}">' in html and response["Content-Language"] == language, path
        found = dict(ALTERNATE.findall(html.split("</head>", 1)[0]))
        if found:
            assert "x-default" in found and found["x-default"] == found["en"], path
            assert _path(found[language]) == path, path
            alternates[path] = {code: _path(url) for code, url in found.items() if code != "x-default"}
        queue.extend(link for link in LINK.findall(html) if link not in seen)
    assert len([p for p in seen if p.startswith("/es/articulos/")]) >= 58 and len(alternates) >= 120, (len(seen), len(alternates))
    assert any(p.startswith("/es/articulos/") for p in alternates) and any(p.startswith("/articles/") for p in alternates)
    for path, pairs in alternates.items():
        for other in pairs.values():
            assert other in alternates, f"{path} names {other}, which has no hreflang set of its own"
            assert alternates[other] == pairs, f"{path} and {other} disagree on their languages"
            assert client.get(other).status_code == 200
