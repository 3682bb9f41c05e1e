"""Start at / and follow every internal link of the shipped library: no broken page, and
every page has a title, a description, a canonical link and one h1."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.mark.django_db
def test_crawl_every_internal_link(client):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)
    seen, queue, problems = set(), ["/"], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        for tag, pattern in [
            ("title", r"<title>.+</title>"),
            ("description", r'<meta name="description" content=".+">'),
            ("canonical", r'<link rel="canonical"'),
            ("h1", r"<h1[ >]"),
        ]:
            if not re.search(pattern, html):
                problems.append(f"{url}: no {tag}")
        for href in re.findall(r'href="(/[^"#]*)', html):
            if not href.startswith(("/static/", "/media/")):
                queue.append(href.replace("&amp;", "&"))
    from articles.models import Article, Topic

    assert {a.get_absolute_url() for a in Article.objects.published()} <= seen
    assert {t.get_absolute_url() for t in Topic.objects.all()} <= seen
    assert problems == []
