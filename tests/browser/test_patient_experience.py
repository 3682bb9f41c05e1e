"""What a reader meets, in a real Chromium: no cookies, nothing fetched from other hosts,
no accessibility violations (axe-core), a working keyboard path, and no sideways scrolling
on a 320px-wide phone."""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

AXE = Path(os.environ.get("AXE_JS", Path(settings.BASE_DIR) / ".ci/node_modules/axe-core/axe.min.js"))
PAGES = {
    "home": "/",
    "topic index": "/topics/",
    "topic": "/topics/nerve-blocks/",
    "article": "/articles/epidural-steroid-injection/",
    "glossary": "/glossary/",
    "a-z": "/a-z/",
    "search": "/search/?q=back+shot",
    "no results": "/search/?q=zzqqxx",
    "answer card": "/search/?q=can+i+take+a+bath+after+my+shot",
    "404": "/articles/no-such-page/",
    "handout": "/articles/epidural-steroid-injection/handout/",
    "es home": "/es/",
    "es topic": "/es/temas/nerve-blocks/",
    "es article": "/es/articulos/epidural-steroid-injection/",
    "es glossary": "/es/glosario/",
    "es search": "/es/buscar/?q=inyeccion+en+la+espalda",
    "es not translated": "/es/articulos/no-such-page/",
    "es handout": "/es/articulos/epidural-steroid-injection/hoja/",
    "es a-z": "/es/a-z/",
    "connect": "/connect/?system=icd10cm&code=M54.16",
}


def test_readers_get_no_cookies_and_nothing_from_other_hosts(browser, real_site):
    context = browser.new_context()
    page = context.new_page()
    elsewhere = []
    page.on(
        "request",
        lambda r: (
            elsewhere.append(r.url)
            if urlsplit(r.url).netloc != urlsplit(real_site).netloc and not r.url.startswith("data:")
            else None
        ),
    )
    for url in PAGES.values():
        page.goto(real_site + url)
    page.goto(real_site + "/articles/epidural-steroid-injection/")
    page.click("text=Yes, it helped")  # giving feedback sets no cookie either
    page.wait_for_url("**feedback=thanks**")
    assert context.cookies() == []
    assert elsewhere == []
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(browser, real_site, name):
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core missing at {AXE}; .ci/run installs it")
        pytest.skip("axe-core not installed (npm install --prefix .ci)")
    context = browser.new_context(bypass_csp=True)  # to inject axe itself; the pages are unchanged
    page = context.new_page()
    page.goto(real_site + PAGES[name])
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in result["violations"]]
    context.close()
    assert violations == [], json.dumps(violations, indent=1)


def test_keyboard_path_from_skip_link_to_the_article(page, real_site):
    page.goto(real_site + "/articles/epidural-steroid-injection/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-160px"  # visible when focused
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            const r = e.getBoundingClientRect();
            return {text: e.textContent.trim(), inMain: !!e.closest('main'), outline: s.outlineStyle,
                    visible: r.width > 0 && r.height > 0}; }""")
        assert info["outline"] != "none" and info["visible"], info
        seen.append(info)
        if info["inMain"]:
            break
    assert seen[0]["text"] == "Pain Care Clinic"  # the header comes first
    assert any(s["inMain"] for s in seen)
    # The skip link itself jumps past the header.
    page.goto(real_site + "/articles/epidural-steroid-injection/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


@pytest.mark.parametrize("name", ["home", "article", "glossary", "search", "answer card", "handout"])
def test_reflow_at_320_pixels(browser, real_site, name):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(real_site + PAGES[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_a_question_is_answered_first_and_the_answer_links_to_its_section(browser, real_site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(real_site + PAGES["answer card"])
    card = page.locator(".answer-card")
    assert card.is_visible()
    assert card.locator("h2").inner_text() == "Bathing and caring for the needle spot"
    card.get_by_role("link", name="Read this part of").click()
    page.wait_for_url("**/articles/after-your-procedure/#bathing-and-caring-for-the-needle-spot")
    # The section's heading comes to rest near the top with room above it (the page may
    # scroll to it smoothly), marked as where the answer starts.
    heading = "document.getElementById('bathing-and-caring-for-the-needle-spot')"
    page.wait_for_function(f"() => {heading}.getBoundingClientRect().top < innerHeight", timeout=8000)
    top, before = page.evaluate(f"{heading}.getBoundingClientRect().top"), None
    for _ in range(40):  # until the scroll has ended: the same place twice, 250 ms apart
        page.wait_for_timeout(250)
        top, before = page.evaluate(f"{heading}.getBoundingClientRect().top"), top
        if top == before:
            break
    marked = page.evaluate(f"getComputedStyle({heading}).borderLeftWidth")
    context.close()
    assert 8 <= top < 60 and marked == "6px"


def test_text_spacing_does_not_clip(browser, real_site):
    """WCAG 1.4.12: with line height 1.5, paragraph spacing 2x, letter 0.12em, word 0.16em."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, bypass_csp=True)  # to add the test style
    page = context.new_page()
    page.goto(real_site + PAGES["article"])
    page.add_style_tag(
        content="* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }"
        " p { margin-bottom: 2em !important; }"
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0
