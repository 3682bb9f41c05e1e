"""The sitemap and the feed: cached like pages, never stale, validators like pages (F13);
feed summaries are text and every id comes from SITE_URL (F23)."""

import re
import xml.etree.ElementTree as ET  # parses only the site's own responses

import feedparser
import pytest
from django.core.cache import caches

from articles.models import Article

pytestmark = pytest.mark.usefixtures("library")

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "</title><script>x</script> & <b>"


@pytest.mark.parametrize("url", ["/sitemap.xml", "/feed/"])
def test_sitemap_and_feed_are_built_once_per_change_whatever_the_query_string(client, url, django_assert_max_num_queries):
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    stored = len(caches["default"]._cache)
    for n in range(30):
        with django_assert_max_num_queries(1):  # the library stamp, nothing else
            response = client.get(url, {"x": n})
        assert response["X-Page-Cache"] == "hit"
        assert response.content == first.content
    assert len(caches["default"]._cache) == stored


def test_a_change_shows_in_the_next_sitemap_and_feed(client):
    sitemap, feed = client.get("/sitemap.xml").content.decode(), client.get("/feed/").content.decode()
    assert "/articles/nerve-ablation/" in sitemap and "Nerve ablation" in feed
    Article.objects.filter(slug="nerve-ablation").update(status="draft")
    assert "/articles/nerve-ablation/" not in client.get("/sitemap.xml").content.decode()
    assert "/articles/nerve-ablation/" not in client.get("/feed/").content.decode()
    article = Article.objects.get(slug="epidural-injection")
    article.title = "Epidural steroid injection"
    article.save()
    assert "<title>Epidural steroid injection</title>" in client.get("/feed/").content.decode()


def test_sitemap_files_are_cached_by_their_page_number_only(client, monkeypatch):
    from articles.seo.sitemaps import SiteSitemap

    monkeypatch.setattr(SiteSitemap, "limit", 5)
    topic = Article.objects.first().topic
    Article.objects.bulk_create(
        [Article(slug=f"generated-{n:02}", topic=topic, title=f"Generated {n}", summary="s", body="b") for n in range(12)]
    )
    pages = {p: client.get("/sitemap-articles.xml", {"p": p} if p > 1 else {}) for p in (1, 2, 3)}
    locs = [tuple(re.findall(r"<loc>(.*?)</loc>", r.content.decode())) for r in pages.values()]
    assert len(set(locs)) == 3 and [len(page) for page in locs] == [5, 5, 4]
    for p, response in pages.items():
        query = {"p": p, "utm": "x"} if p > 1 else {"utm": "x"}
        again = client.get("/sitemap-articles.xml", query)
        assert again["X-Page-Cache"] == "hit" and again.content == response.content
    assert client.get("/sitemap-articles.xml", {"p": "01"}).content == pages[1].content
    assert client.get("/sitemap-articles.xml", {"p": 9}).status_code == 404


def test_feed_summaries_are_plain_text(client):
    Article.objects.filter(slug="epidural-injection").update(summary=HOSTILE)
    body = client.get("/feed/").content
    root = ET.fromstring(body)  # noqa: S314 (our own feed)
    entry = next(e for e in root.iter(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href").endswith("/epidural-injection/"))
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == HOSTILE
    assert list(summary) == []  # no element inside: it is text, not markup
    assert not any(e.tag.endswith("script") for e in root.iter())
    # As a feed reader sees it: plain text, shown as typed.
    parsed = feedparser.parse(body)
    item = next(e for e in parsed.entries if e.link.endswith("/epidural-injection/"))
    assert item.summary_detail.type == "text/plain" and item.summary == HOSTILE


def test_feed_ids_come_from_site_url_whatever_the_host_and_scheme(client, settings):
    settings.SITE_URL = "https://clinic.example"
    settings.ALLOWED_HOSTS = ["reader.example", "testserver"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for headers in ({"HTTP_HOST": "reader.example", "HTTP_X_FORWARDED_PROTO": "http"}, {"HTTP_X_FORWARDED_PROTO": "https"}):
        caches["default"].clear()  # rendered for this request, not a copy
        response = client.get("/feed/", **headers)
        assert response["X-Page-Cache"] == "miss"
        root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
        assert root.find(f"{ATOM}id").text == "https://clinic.example/"
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links == {"alternate": "https://clinic.example/", "self": "https://clinic.example/feed/"}
        ids = [e.find(f"{ATOM}id").text for e in root.iter(f"{ATOM}entry")]
        assert ids and all(i.startswith("https://clinic.example/articles/") for i in ids)
        assert b"reader.example" not in response.content and b"testserver" not in response.content
