"""The editor as a clinic editor sees it in Chromium: on a wide screen the preview, with the
readability panel and the checks list, stays beside the Markdown and follows its scroll; on
a phone they stack; each check jumps to its place. All under the site's CSP, with no error
in the console (the `page` fixture records refusals and errors in page.errors)."""

import pytest

from articles.models import Article
from tests.browser.test_editing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A long article: 60 sections of plain text, thousands of pixels of Markdown.
LONG = "\n\n".join(
    f"## Part {n}\n\n" + "You lie on a bed. The doctor numbs your skin. It takes a short time. " * 5 for n in range(1, 61)
)
WIDE, PHONE = (1440, 900), (375, 800)


def open_editor(page, live_server, django_user_model, size):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True, is_superuser=True)
    sign_in(page, live_server, "editor")
    article = Article.objects.get(slug="nerve-ablation")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    scripts = page.eval_on_selector_all("script[src]", "all => all.map(s => s.getAttribute('src'))")
    assert any(src.endswith("js/editor.js") for src in scripts), "the change form does not load js/editor.js"
    # markdownx's first preview, then the checks asked for after it.
    page.locator(".editor-checks-result").wait_for(state="attached", timeout=10_000)
    return page.locator("textarea#id_body")


def type_body(page, editor, body, marker):
    editor.fill(body)
    editor.dispatch_event("input")
    page.wait_for_function(
        "text => document.querySelector('.markdownx-preview').innerText.includes(text)", arg=marker, timeout=10_000
    )


def box(page, selector):
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


def in_window(found, size):
    width, height = size
    return (
        found["y"] >= 0
        and found["y"] + found["height"] <= height + 0.5
        and 0 <= found["x"] <= found["x"] + found["width"] <= width
    )


def preview_scroll(page):
    return page.eval_on_selector(".markdownx-preview", "p => p.scrollTop")


def test_on_a_wide_screen_the_preview_stays_beside_the_editor_and_follows_it(page, live_server, library, django_user_model):
    editor = open_editor(page, live_server, django_user_model, WIDE)
    type_body(page, editor, LONG, "Part 60")

    # Typing near the top of a long body: the Markdown's top at the top of the window.
    page.eval_on_selector("#id_body", "e => e.scrollIntoView({block: 'start'})")
    editor.click(position={"x": 80, "y": 12})
    page.keyboard.type("Typed near the top. ")
    page.wait_for_function(
        "() => document.querySelector('.markdownx-preview').innerText.includes('Typed near the top.')", timeout=10_000
    )
    markdown, preview = box(page, "#id_body"), box(page, ".markdownx-preview")
    panel, checks = box(page, ".markdownx-preview .readability-panel"), box(page, ".editor-checks")
    assert markdown["height"] > 3 * WIDE[1]  # the body is long: thousands of pixels
    # Side by side: the preview to the right of the Markdown, on the same rows of the window.
    assert preview["x"] >= markdown["x"] + markdown["width"] - 1
    assert checks["x"] >= markdown["x"] + markdown["width"] - 1
    assert preview["y"] < markdown["y"] + markdown["height"] and markdown["y"] < preview["y"] + preview["height"]
    assert in_window(preview, WIDE) and in_window(panel, WIDE) and in_window(checks, WIDE)
    assert preview_scroll(page) == 0
    assert page.evaluate("() => document.activeElement.id") == "id_body"

    # The editor scrolls down (the wheel over the Markdown scrolls the page it grows into):
    # the preview, its panel and the checks stay in view, and the preview scrolls too.
    page.mouse.move(markdown["x"] + 100, 400)
    start = page.evaluate("() => window.scrollY")
    page.mouse.wheel(0, 2000)
    page.wait_for_function(f"() => window.scrollY > {start + 1500} && document.querySelector('.markdownx-preview').scrollTop > 0")
    for selector in (".markdownx-preview", ".markdownx-preview .readability-panel", ".editor-checks"):
        assert in_window(box(page, selector), WIDE), selector
    first = preview_scroll(page)
    # ... to the matching part: as far through the preview as the window is through the Markdown.
    through = page.evaluate(
        """() => {
            const e = document.querySelector('#id_body').getBoundingClientRect();
            const p = document.querySelector('.markdownx-preview');
            return [-e.top / (e.height - innerHeight), p.scrollTop / (p.scrollHeight - p.clientHeight)];
        }"""
    )
    assert abs(through[0] - through[1]) < 0.1, through

    page.mouse.wheel(0, 2000)
    page.wait_for_function(f"() => document.querySelector('.markdownx-preview').scrollTop > {first + 200}")
    assert in_window(box(page, ".markdownx-preview"), WIDE)
    assert page.errors == [], page.errors


def test_on_a_phone_the_preview_and_checks_stack_under_the_editor(page, live_server, library, django_user_model):
    editor = open_editor(page, live_server, django_user_model, PHONE)
    type_body(page, editor, LONG, "Part 60")
    markdown, checks, preview = box(page, "#id_body"), box(page, ".editor-checks"), box(page, ".markdownx-preview")
    assert checks["y"] >= markdown["y"] + markdown["height"] - 1
    assert preview["y"] >= checks["y"] + checks["height"] - 1
    for found in (markdown, checks, preview):
        assert found["x"] >= 0 and found["x"] + found["width"] <= PHONE[0] + 0.5, found  # nothing wider than the phone
    assert page.errors == [], page.errors


def test_each_check_jumps_to_its_place(page, live_server, library, django_user_model):
    editor = open_editor(page, live_server, django_user_model, WIDE)
    body = "We utilize a thin needle.\n\n" + LONG + "\n\n#### Skipped a level\n\nThe end."
    type_body(page, editor, body, "Skipped a level")
    checks = page.locator(".editor-checks")
    checks.get_by_text("jumps from ## to ####").wait_for(timeout=10_000)
    assert "A procedure needs a 'risks' section" in checks.inner_text()  # nerve ablation is a procedure

    # A hard word: selected in the Markdown, its plainer word suggested.
    hard = checks.locator("li", has_text="a plainer word is 'use'")
    hard.get_by_role("button", name="line 1").click()
    assert page.evaluate(
        "() => { const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd); }"
    ) == ("utilize")

    # A heading out of order: its line selected, and the preview shows it, marked.
    checks.locator("li", has_text="jumps from ## to ####").get_by_role("button").click()
    page.wait_for_function(
        """() => {
            const p = document.querySelector('.markdownx-preview'), h = p.querySelector('h4');
            const a = p.getBoundingClientRect(), b = h.getBoundingClientRect();
            return h.classList.contains('editor-flash') && b.top >= a.top && b.bottom <= a.bottom;
        }""",
        timeout=5_000,
    )
    selected = page.evaluate(
        "() => { const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd); }"
    )
    assert selected == "#### Skipped a level"
    assert box(page, "#id_body")["y"] < -3000  # the window went down to the line, near the end

    # The kind is read from the form: a guide needs no procedure's sections.
    page.select_option("#id_kind", "guide")
    page.wait_for_function("() => !document.querySelector('.editor-checks').innerText.includes('A procedure needs')")
    assert page.errors == [], page.errors


# Short lines that never wrap; the first 30 parts join into one short paragraph each in the
# preview, the last 30 are lists a line an item: the same height in the Markdown, not in the
# preview, so scrolling in proportion alone would show the wrong part.
UNEVEN = "\n\n".join(
    f"## Part {n}\n\n" + "\n".join(["You lie still." if n <= 30 else "- You lie still."] * 12) for n in range(1, 61)
)
PART_AT_MIDDLE = """() => {
    const e = document.querySelector('#id_body'), box = e.getBoundingClientRect(), style = getComputedStyle(e);
    const lines = e.value.split('\\n');
    const lineHeight = (e.scrollHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / lines.length;
    const at = Math.floor((innerHeight / 2 - box.top - parseFloat(style.paddingTop)) / lineHeight);
    const markdown = lines.slice(0, at + 1).filter(l => l.startsWith('## Part ')).pop();
    const p = document.querySelector('.markdownx-preview'), top = p.getBoundingClientRect().top;
    const middle = top + p.clientHeight / 2;
    const shown = [...p.querySelectorAll('h2')].filter(h => h.getBoundingClientRect().top <= middle).pop();
    return [markdown.slice(3), shown.textContent, p.scrollTop];
}"""


def test_the_preview_shows_the_part_the_editor_is_on(page, live_server, library, django_user_model):
    editor = open_editor(page, live_server, django_user_model, WIDE)
    type_body(page, editor, UNEVEN, "Part 60")
    page.eval_on_selector("#id_body", "e => e.scrollIntoView({block: 'start'})")
    markdown = box(page, "#id_body")
    page.mouse.move(markdown["x"] + 100, 400)
    for _ in range(3):  # through the short parts into the long ones, and on
        page.mouse.wheel(0, markdown["height"] / 5)
        page.wait_for_timeout(300)
        in_markdown, in_preview, scrolled = page.evaluate(PART_AT_MIDDLE)
        number = int(in_markdown.split()[-1])
        assert scrolled > 0 and abs(int(in_preview.split()[-1]) - number) <= 1, (in_markdown, in_preview)
    assert page.errors == [], page.errors
