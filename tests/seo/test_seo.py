"""What search engines read: titles, canonical links, JSON-LD, sitemaps, robots, feed,
validators for conditional GET, and permanent redirects for changed addresses."""

import datetime
import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article, Redirect

pytestmark = pytest.mark.usefixtures("library")

PAGES = [
    "/",
    "/topics/",
    "/topics/back-pain/",
    "/articles/epidural-injection/",
    "/articles/nerve-ablation/",
    "/glossary/",
    "/a-z/",
]

# Every schema.org type and property this site emits (checked against the vocabulary).
SCHEMA_TYPES = {
    "Organization",
    "MedicalWebPage",
    "WebPage",
    "MedicalProcedure",
    "MedicalCondition",
    "BreadcrumbList",
    "ListItem",
    "MedicalOrganization",
    "Patient",
    "FAQPage",
    "Question",
    "Answer",
    "Person",
    "Thing",
}
SCHEMA_PROPERTIES = {
    "author",
    "@type",
    "@id",
    "@context",
    "@graph",
    "url",
    "name",
    "headline",
    "description",
    "inLanguage",
    "medicalAudience",
    "about",
    "datePublished",
    "dateModified",
    "publisher",
    "wordCount",
    "lastReviewed",
    "reviewedBy",
    "alternateName",
    "bodyLocation",
    "procedureType",
    "preparation",
    "followup",
    "howPerformed",
    "itemListElement",
    "position",
    "item",
    "mainEntity",
    "acceptedAnswer",
    "text",
    "telephone",
    "honorificSuffix",
}


def head(html, pattern):
    match = re.search(pattern, html)
    return match.group(1) if match else None


def jsonld(html):
    return json.loads(head(html, r'<script type="application/ld\+json">(.*?)</script>'))


def walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_each_page_has_unique_title_description_canonical_and_social_tags(client, settings):
    settings.SITE_URL = "https://clinic.example"
    titles, descriptions = set(), set()
    for url in PAGES:
        html = client.get(url).content.decode()
        titles.add(head(html, r"<title>(.*?)</title>"))
        descriptions.add(head(html, r'<meta name="description" content="(.*?)">'))
        assert head(html, r'<link rel="canonical" href="(.*?)">') == "https://clinic.example" + url
        assert head(html, r'<meta property="og:url" content="(.*?)">') == "https://clinic.example" + url
        assert head(html, r'<meta property="og:image" content="(.*?)">').startswith("https://clinic.example/static/img/share")
        assert 'name="twitter:card" content="summary_large_image"' in html
        assert '<html lang="en">' in html
        assert 'name="robots"' not in html
    assert len(titles) == len(PAGES) and len(descriptions) == len(PAGES)


def test_article_jsonld(client):
    graph = jsonld(client.get("/articles/epidural-injection/").content.decode())["@graph"]
    page = next(n for n in graph if n["@type"] == "MedicalWebPage")
    assert page["medicalAudience"] == {"@type": "Patient"}
    assert page["about"]["@type"] == "MedicalProcedure"
    assert page["about"]["bodyLocation"] == "lower back"
    assert page["about"]["alternateName"] == ["ESI", "back shot"]
    assert page["dateModified"] == "2026-01-15"
    assert page["publisher"]["@type"] == "MedicalOrganization"
    assert "lastReviewed" not in page and "reviewedBy" not in page
    crumbs = next(n for n in graph if n["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Back pain treatments", "Epidural injection"]
    assert crumbs[-1]["item"].endswith("/articles/epidural-injection/")


def test_review_appears_only_when_recorded(client):
    from articles.models import Reviewer

    reviewer = Reviewer.objects.create(name="A. Clinician", credentials="MD")
    article = Article.objects.get(slug="nerve-ablation")
    article.record_review(reviewer, datetime.date(2026, 5, 1))
    article.save()
    page = jsonld(client.get("/articles/nerve-ablation/").content.decode())["@graph"][0]
    assert page["lastReviewed"] == "2026-05-01"
    assert page["reviewedBy"] == {"@type": "Person", "name": "A. Clinician", "honorificSuffix": "MD"}


def test_condition_and_faq_jsonld(client):
    article = Article.objects.get(slug="nerve-ablation")
    article.kind = "faq"
    article.body = "## Will it hurt?\n\nYou may feel pressure.\n\n## Can I drive home?\n\nNo, bring a driver.\n"
    article.save()
    graph = jsonld(client.get("/articles/nerve-ablation/").content.decode())["@graph"]
    faq = next(n for n in graph if n["@type"] == "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == ["Will it hurt?", "Can I drive home?"]
    assert faq["mainEntity"][1]["acceptedAnswer"]["text"] == "No, bring a driver."
    article.kind = "condition"
    article.save()
    page = jsonld(client.get("/articles/nerve-ablation/").content.decode())["@graph"][0]
    assert page["about"]["@type"] == "MedicalCondition"


def test_home_has_no_breadcrumbs_and_every_term_is_schema_org(client):
    home = jsonld(client.get("/").content.decode())
    assert all(n["@type"] != "BreadcrumbList" for n in home["@graph"])
    for url in PAGES:
        data = jsonld(client.get(url).content.decode())
        assert data["@context"] == "https://schema.org"
        for node in walk(data):
            assert set(node) <= SCHEMA_PROPERTIES, (url, set(node) - SCHEMA_PROPERTIES)
            if "@type" in node:
                assert node["@type"] in SCHEMA_TYPES, node["@type"]


def test_jsonld_cannot_be_closed_by_content(client):
    Article.objects.filter(slug="nerve-ablation").update(summary="</script><script>alert(1)</script>")
    html = client.get("/articles/nerve-ablation/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block


def test_sitemap_lists_public_pages_with_real_lastmod(client, settings):
    settings.SITE_URL = "https://clinic.example"
    Article.objects.filter(slug="nerve-ablation").update(published_at=timezone.now() + timedelta(days=3))
    xml = client.get("/sitemap.xml").content.decode()
    locs = re.findall(r"<loc>(.*?)</loc>", xml)
    for path in ["/", "/topics/", "/topics/back-pain/", "/articles/epidural-injection/", "/glossary/", "/a-z/"]:
        assert "https://clinic.example" + path in locs
    assert "https://clinic.example/articles/coming-soon/" not in locs  # draft
    assert "https://clinic.example/articles/nerve-ablation/" not in locs  # scheduled
    article = Article.objects.get(slug="epidural-injection")
    entry = re.search(r"<loc>https://clinic.example/articles/epidural-injection/</loc><lastmod>(.*?)</lastmod>", xml)
    assert entry.group(1) == article.modified_at.date().isoformat()


def test_sitemap_index_once_there_are_too_many_urls(client, monkeypatch):
    from articles.seo.sitemaps import SiteSitemap

    monkeypatch.setattr(SiteSitemap, "limit", 5)
    topic = Article.objects.first().topic
    Article.objects.bulk_create(
        [Article(slug=f"generated-{n}", topic=topic, title=f"Generated {n}", summary="s", body="b") for n in range(12)]
    )
    xml = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in xml
    parts = re.findall(r"<loc>(.*?)</loc>", xml)
    assert any("sitemap-articles.xml?p=3" in p for p in parts)
    page3 = client.get("/sitemap-articles.xml", {"p": 3}).content.decode()
    assert page3.count("<url>") == 4  # 14 published articles, 5 a file


def test_robots_txt(client, settings):
    settings.SITE_URL = "https://clinic.example"
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /search/" in text
    assert "Sitemap: https://clinic.example/sitemap.xml" in text


def test_atom_feed_is_valid(client, settings):
    settings.SITE_URL = "https://clinic.example"
    feed = feedparser.parse(client.get("/feed/").content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    links = [entry.link for entry in feed.entries]
    assert "https://clinic.example/articles/epidural-injection/" in links
    assert all("coming-soon" not in link for link in links)


@pytest.mark.parametrize("url", ["/", "/topics/back-pain/", "/articles/epidural-injection/", "/sitemap.xml", "/feed/"])
def test_conditional_get(client, url):
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # A query parameter the page does not read changes neither the page nor its ETag.
    assert client.get(url, {"x": "1"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    article = Article.objects.get(slug="nerve-ablation")
    article.title = "Nerve ablation (changed)"
    article.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_changing_a_slug_leaves_a_permanent_redirect(client):
    article = Article.objects.get(slug="nerve-ablation")
    article.slug = "radiofrequency-ablation"
    article.save()
    response = client.get("/articles/nerve-ablation/")
    assert response.status_code == 301 and response["Location"] == "/articles/radiofrequency-ablation/"
    # Renamed again: the first address goes straight to the newest, in one hop.
    article.slug = "rfa"
    article.save()
    assert client.get("/articles/nerve-ablation/")["Location"] == "/articles/rfa/"
    assert client.get("/articles/radiofrequency-ablation/")["Location"] == "/articles/rfa/"
    # And back: the live address is no longer redirected, nor does it loop.
    article.slug = "nerve-ablation"
    article.save()
    assert client.get("/articles/nerve-ablation/").status_code == 200
    assert client.get("/articles/rfa/")["Location"] == "/articles/nerve-ablation/"


def test_redirect_loops_are_refused():
    from django.core.exceptions import ValidationError

    Redirect.objects.create(old_path="/a/", new_path="/b/")
    with pytest.raises(ValidationError, match="loop"):
        Redirect(old_path="/b/", new_path="/a/").full_clean()
    with pytest.raises(ValidationError, match="itself"):
        Redirect(old_path="/c/", new_path="/c").full_clean()


def test_renaming_a_content_file_redirects(library_dir, client):
    from django.core.management import call_command

    call_command("load_content", str(library_dir), verbosity=0)
    (library_dir / "back-pain/nerve-ablation.md").rename(library_dir / "back-pain/facet-nerve-ablation.md")
    call_command("load_content", str(library_dir), verbosity=0)
    assert client.get("/articles/nerve-ablation/")["Location"] == "/articles/facet-nerve-ablation/"
    assert client.get("/articles/facet-nerve-ablation/").status_code == 200
