"""The strongest XSS payloads, in a real Chromium: stored in an article and a glossary term,
reflected through search, and shown in the admin's editor and live preview. No script may run.

Every page is visited twice: once as patients get it (under our Content-Security-Policy), and
once with the CSP bypassed, so the test proves the escaping and sanitising hold on their own
and do not lean on the CSP. A payload that runs sets window.__xss or opens a dialog; one that
reaches the DOM under the CSP shows up as a "Refused to execute" console error.
"""

import pytest

from articles.models import Article, GlossaryTerm, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRONG = [
    '<script>window.__xss=1;alert("xss-script")</script>',
    "<img src=x onerror=\"window.__xss=1;alert('xss-img')\">",
    '<svg/onload="window.__xss=1">',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<details open ontoggle="window.__xss=1">x</details>',
    '<input autofocus onfocus="window.__xss=1">',
    '"><img src=x onerror=window.__xss=1>',
    "'><svg onload=window.__xss=1>",
    '<a href="javascript:window.__xss=1">xss-link</a>',
    "[xss-md-link](javascript:window.__xss=1)",
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "</title><script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    '<body onload="window.__xss=1">',
    '!!! note "<img src=x onerror=window.__xss=1>"\n    callout',
]
MARKERS = ("__xss", "xss-", "alert(", "Refused to execute", "Content Security Policy")

FIND_INJECTIONS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = (attr.value || '').replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${el.tagName} ${name}=${attr.value}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'xlink:href'].includes(name)
          && /^(javascript|vbscript|data):/.test(value)) bad.push(`${el.tagName} ${name}=${attr.value}`);
    }
    if (el.tagName === 'SCRIPT' && !el.src && !['application/ld+json', 'application/json'].includes(el.type))
      bad.push(`inline script: ${el.textContent.slice(0, 80)}`);
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) bad.push(el.outerHTML.slice(0, 120));
  }
  return bad;
}"""


@pytest.fixture
def payload_content(library):
    body = "Needle words for the browser test. This page is about xssbrowserterm.\n\n" + "\n\n".join(
        f"{p}\n\n## Heading {i} {p}\n\n- item {p}\n\n[link {i}]({p})\n\n![alt {p}](/static/img/favicon.svg)"
        for i, p in enumerate(STRONG)
    )
    article = Article(
        slug="browser-payloads",
        topic=Topic.objects.get(slug="back-pain"),
        kind="procedure",
        order=99,
        title=(" ".join(STRONG[:4]))[:200],
        summary=(" ".join(STRONG[4:7]))[:160],
        body=body,
        also_called=STRONG[:3],
        at_a_glance={"treats": STRONG[0], "duration": STRONG[1]},
        body_location=STRONG[2][:100],
        sources=[{"title": STRONG[3], "publisher": STRONG[4], "year": 2020}],
    )
    article.save()
    GlossaryTerm.objects.create(
        term="xssbrowserterm", slug="xssbrowserterm", definition=" ".join(STRONG), aliases=[STRONG[1][:60]]
    )
    GlossaryTerm.objects.create(term=STRONG[0][:120], slug="xss-term-name", definition=STRONG[2])
    article.save()  # render again, now with the glossary terms linked
    return article


def watch(page):
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


def assert_nothing_ran(page, where):
    page.wait_for_timeout(60)  # let onerror/onload/ontoggle/onfocus handlers fire if any exist
    assert page.dialogs == [], (where, page.dialogs)
    assert page.evaluate("() => typeof window.__xss") == "undefined", where
    assert page.evaluate("window.__xss") is None, where
    assert page.evaluate(FIND_INJECTIONS) == [], where
    noisy = [e for e in getattr(page, "errors", []) if any(m in e for m in MARKERS)]
    assert noisy == [], (where, noisy)


def visit_public_pages(page, base, article):
    page.goto(f"{base}{article.get_absolute_url()}")
    assert page.locator("h1").inner_text().startswith("<script>")  # the title is there, as text
    assert page.locator(".term-tip").count() >= 1  # and the glossary definition is linked in
    assert_nothing_ran(page, "article page")
    page.locator(".term").first.hover()
    page.locator(".term").first.focus()
    assert_nothing_ran(page, "article page, glossary tip shown")
    page.goto(f"{base}/glossary/")
    assert "xssbrowserterm" in page.locator("main").inner_text()
    assert_nothing_ran(page, "glossary")
    for url in ("/topics/back-pain/", "/a-z/"):
        page.goto(f"{base}{url}")
        assert_nothing_ran(page, url)
    # Every payload once (the query is cut to 200 characters), and one search that lists the article.
    for payload in STRONG[::2] + ["needle words", "xssbrowserterm " + STRONG[1]]:
        page.goto(f"{base}/search/?q={_quote(payload)}")
        assert page.locator("h1").count() == 1
        assert_nothing_ran(page, f"search {payload!r}")


def _quote(text):
    from urllib.parse import quote

    return quote(text, safe="")


def test_payloads_never_run_on_public_pages(page, browser, live_server, payload_content):
    visit_public_pages(watch(page), live_server.url, payload_content)
    # The same pages without the CSP: the escaping and the sanitiser must hold on their own.
    context = browser.new_context(bypass_csp=True)
    try:
        bare = context.new_page()
        bare.errors = []
        bare.on("pageerror", lambda exc: bare.errors.append(str(exc)))
        bare.on("console", lambda msg: bare.errors.append(msg.text) if msg.type == "error" else None)
        visit_public_pages(watch(bare), live_server.url, payload_content)
    finally:
        context.close()


def _admin_session(browser, live_server, django_user_model, bypass_csp):
    if not django_user_model.objects.filter(username="xss-editor").exists():
        django_user_model.objects.create_user("xss-editor", password="a-long-test-password", is_staff=True, is_superuser=True)
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    watch(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "xss-editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "no-csp"])
def test_payloads_never_run_in_the_admin_editor(browser, live_server, payload_content, django_user_model, bypass_csp):
    context, page = _admin_session(browser, live_server, django_user_model, bypass_csp)
    try:
        page.goto(f"{live_server.url}/admin/articles/article/{payload_content.pk}/change/")
        assert page.locator("textarea#id_body").input_value().startswith("Needle words")
        assert_nothing_ran(page, "admin change page")
        # The live preview puts rendered HTML into the page: the riskiest place of all.
        preview = page.locator(".markdownx-preview")
        editor = page.locator("textarea#id_body")
        for half in (STRONG[::2], STRONG[1::2]):
            marker = f"PREVIEW-MARKER-{len(half)}-{half[0][:3]}"
            editor.fill(marker + "\n\n" + "\n\n".join(f"{p}\n\n## {p}\n\n[x]({p})\n\nxssbrowserterm" for p in half))
            editor.dispatch_event("input")
            preview.locator("p", has_text=marker).first.wait_for(timeout=10_000)  # the page text, not the readability panel
            assert_nothing_ran(page, f"admin preview of {half}")
        page.goto(f"{live_server.url}/admin/articles/glossaryterm/")
        assert_nothing_ran(page, "admin glossary list")
        page.goto(f"{live_server.url}/admin/articles/article/?q={_quote(STRONG[0])}")
        assert_nothing_ran(page, "admin article search")
    finally:
        context.close()
