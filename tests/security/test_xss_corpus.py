"""A corpus of well-known XSS payloads, in the style of the OWASP XSS filter evasion cheat
sheet (written out here, nothing fetched), pushed through every place where text from an
editor or a visitor reaches a page: article Markdown, title and summary; glossary terms; the
search query shown back; and the staff-only live preview.

Every page is parsed and checked for anything a browser would run: a script element other
than our own JSON-LD block, an on* attribute, a javascript:/vbscript: URL, an element that can
carry script (iframe, object, embed, svg, math, base...), and a raw '<' inside JSON-LD.

TODO(feedback form): push the corpus through the "Was this page helpful?" comment form
(POST /articles/<slug>/feedback/, field "comment") and every page that shows those comments
(the admin's Feedback list) once that form is settled; it was not part of this suite's brief.
"""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache, caches
from markupsafe import escape  # how the public pages (Jinja2) escape: &#34; for a quote

from articles.models import Article, GlossaryTerm, Reviewer, Topic
from articles.search import clean_query

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

PAYLOADS = [
    # Plain and case-mangled script tags
    "<script>window.__xss=1</script>",
    "<SCRIPT>alert('XSS')</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=https://xss.example/x.js></script>",
    '<SCRIPT/XSS SRC="https://xss.example/x.js"></SCRIPT>',
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    # Event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="window.__xss=1">',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<body onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<video><source onerror="alert(1)">',
    "<marquee onstart=alert(1)>x</marquee>",
    '<div style="width:expression(alert(1))">x</div>',
    '"><img src=x onerror=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(1)",
    # URL schemes and their encodings
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="jav&#x0A;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">click</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">click</a>',
    '<a href="javascript&colon;alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<IMG SRC=`javascript:alert("XSS")`>',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<TABLE BACKGROUND="javascript:alert(1)">',
    # Markdown-specific
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](javascript&#58;alert(1))",
    "[click](<javascript:alert(1)>)",
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](https://ok.example/a.png)',
    '[x](https://ok.example/"onmouseover="alert(1))',
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[[a](javascript:alert(1))](https://ok.example)",
    '!!! note "<img src=x onerror=alert(1)>"\n    text',
    # Parser confusion
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<template><script>alert(1)</script></template>",
    '<img """><SCRIPT>alert("XSS")</SCRIPT>">',
    '<a """ href="javascript:alert(1)">x</a>',
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "</script><script>alert(1)//",
    "{{7*7}}{% debug %}<script>alert(1)</script>",
]
assert len(PAYLOADS) >= 40 and len(set(PAYLOADS)) == len(PAYLOADS)

CARRIER_TAGS = {
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "base",
    "svg",
    "math",
    "portal",
    "template",
    "xmp",
    "noembed",
    "plaintext",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcset",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "codebase",
    "archive",
    "usemap",
    "manifest",
    "srcdoc",
}


def normalise_url(value):
    # As a browser's URL parser sees the scheme (the DOM value: references already decoded).
    value = (value or "").strip("".join(chr(c) for c in range(0x21)) + "\x7f\u00a0\ufeff")
    return re.sub(r"[\t\n\r]", "", value).lower()


class PageScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.jsonld = [], []
        self._script_type = None

    def handle_starttag(self, tag, attrs):
        attrs_dict = dict(attrs)
        if tag == "script":
            self._script_type = (attrs_dict.get("type") or "").strip().lower()
            if self._script_type != "application/ld+json":
                self.problems.append(f"<script {attrs}>")
            elif attrs_dict.get("src"):
                self.problems.append(f"ld+json script with src: {attrs}")
        if tag in CARRIER_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attrs_dict.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"<meta refresh {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if name in URL_ATTRIBUTES and normalise_url(value).startswith(
                ("javascript:", "vbscript:", "data:text", "data:image/svg")
            ):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None

    def handle_data(self, data):
        if self._script_type == "application/ld+json":
            self.jsonld.append(data)


def assert_no_injection(html, jsonld_blocks=(0, 1)):
    scanner = PageScanner()
    scanner.feed(html)
    scanner.close()
    assert scanner.problems == [], scanner.problems
    assert len(scanner.jsonld) in jsonld_blocks, scanner.jsonld
    for block in scanner.jsonld:
        assert "<" not in block, block
        json.loads(block)  # and it is still JSON


def get(client, url, **params):
    cache.clear()  # the page cache
    caches["shared"].clear()  # and the search rate limit
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def make_article(index, payload, kind="faq", **extra):
    fields = dict(
        slug=f"xss-{index}",
        topic=Topic.objects.get(slug="back-pain"),
        kind=kind,
        order=50 + index,
        title=f"Xss {index} {payload}"[:200],
        summary=payload[:160],
        body=(
            f"Needle words about xsscorpus.\n\n{payload}\n\n## Is {payload} safe?\n\n{payload} in a paragraph.\n\n"
            f'## Preparation\n\n- {payload}\n\n> {payload}\n\n[{payload}]({payload})\n\n!!! note "{payload}"\n    {payload}\n\n'
            f"!!! emergency\n    {payload}\n\n| a | b |\n|---|---|\n| {payload} | x |\n\nterm\n:   {payload}\n"
        ),
        also_called=[payload[:80]],
        at_a_glance={"treats": payload, "duration": payload},
        body_location=payload[:100],
        reviewer=Reviewer.objects.get_or_create(name=payload[:200])[0],
        reviewed=datetime.date(2026, 1, 1),
        sources=[{"title": payload, "publisher": payload, "year": 2020}],
    )
    fields.update(extra)
    article = Article(**fields)
    article.save()
    return article


def for_every_payload(check):
    """Run check(index, payload) for the whole corpus; report every payload that fails, at once.

    One test per context rather than one per payload: a test's setup (database, library,
    client middleware) costs more than checking one payload, and the message names each
    failing payload anyway.
    """
    failures = []
    for index, payload in enumerate(PAYLOADS):
        try:
            check(index, payload)
        except AssertionError as exc:
            failures.append(f"p{index:02d} {payload!r}: {str(exc)[:500]}")
    assert not failures, f"{len(failures)} payload(s) got through:\n" + "\n".join(failures)


def test_article_body_title_and_summary(client):
    def check(index, payload):
        # A procedure puts sections into JSON-LD as preparation/followup; an FAQ its questions.
        for offset, kind in ((0, "faq"), (100, "procedure")):
            article = make_article(index + offset, payload, kind=kind)
            html = get(client, article.get_absolute_url())
            assert_no_injection(html, jsonld_blocks=(1,))
            assert escape(article.title) in html  # the payload reached the page, escaped

    for_every_payload(check)
    # Pages that list the articles show their titles and summaries too.
    for url in ("/", "/topics/", "/topics/back-pain/", "/a-z/"):
        html = get(client, url)
        assert_no_injection(html, jsonld_blocks=(1,))
        if url != "/":
            assert escape(f"Xss 0 {PAYLOADS[0]}") in html
    for url in ("/feed/", "/sitemap.xml"):
        assert "<script" not in get(client, url).lower()


def test_glossary_term_definition_and_aliases(client):
    def check(index, payload):
        GlossaryTerm.objects.create(
            term=f"xssterm{index} {payload}"[:120],
            slug=f"xssterm{index}",
            definition=payload,
            aliases=[f"xssterm{index}", payload[:60]],
        )
        # An article that uses the term shows the definition in place (rendering.link_glossary).
        article = make_article(index, "plain words", body=f"This page is about xssterm{index} and more.\n")
        html = get(client, article.get_absolute_url())
        assert_no_injection(html, jsonld_blocks=(1,))
        assert 'class="term-tip"' in html

    for_every_payload(check)
    html = get(client, "/glossary/")
    assert_no_injection(html, jsonld_blocks=(1,))
    for payload in PAYLOADS:
        assert escape(payload) in html


def test_search_query_is_shown_back_safely(client):
    def check(index, payload):
        for query in (payload, f"xsscorpus {payload}"):
            html = get(client, "/search/", q=query)
            assert_no_injection(html, jsonld_blocks=(1,))
            shown = clean_query(query)
            if shown:
                assert escape(shown) in html

    for index, payload in enumerate(PAYLOADS):
        make_article(index, payload)  # so that searches find snippets holding the payloads
    for_every_payload(check)
    for page in (1, 2, 3):
        html = get(client, "/search/", q="needle xsscorpus", page=page)
        assert_no_injection(html, jsonld_blocks=(1,))
        assert "/articles/xss-" in html  # the snippet case really ran


def test_admin_live_preview(staff_client):
    def check(index, payload):
        for content in (payload, f'{payload}\n\n## {payload}\n\n[{payload}]({payload})\n\n!!! note "{payload}"\n    {payload}\n'):
            response = staff_client.post("/admin/markdownx/markdownify/", {"content": content})
            assert response.status_code == 200
            assert_no_injection(response.content.decode(), jsonld_blocks=(0,))

    for_every_payload(check)


JS_URLS = [
    "javascript:alert(1)",
    "JavaScript:window.__xss=1",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]


@pytest.mark.parametrize("url", JS_URLS)
def test_article_source_links(client, url):
    article = make_article(99, "source", sources=[{"title": "T", "publisher": "P", "year": 2020, "url": url}])
    assert_no_injection(get(client, article.get_absolute_url()), jsonld_blocks=(1,))
