"""The editorial workflow end to end, in a real Chromium: an Editor writes an article in the
structured fields with the preview beside the text, sends it for review (patients see
nothing); a clinician without an account approves it by link, signed out; the page goes live
saying who checked it and when; the Editor's next edit waits for review while patients keep
the approved text. axe-core finds nothing on the change form."""

import importlib
import json
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group

from articles.models import Article, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(os.environ.get("AXE_JS", Path(settings.BASE_DIR) / ".ci/node_modules/axe-core/axe.min.js"))
BODY = (
    "## What is it?\n\nA short walk each day can ease back pain. You start slowly. You add a few minutes each week.\n\n"
    "## How to start\n\n- Walk for five minutes.\n- Rest when you need to.\n- Add a minute each day.\n"
)


def sign_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@pytest.fixture
def editor_page(browser, live_server, library, django_user_model):
    # Browser tests empty every table between tests, roles included: create them again.
    importlib.import_module("articles.migrations.0011_roles").create_roles(apps, None)
    user = django_user_model.objects.create_user("writer", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    # CSP bypassed only so the test can inject axe-core; the editor's own scripts are files.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, live_server.url, "writer")
    yield page
    context.close()


def test_an_article_goes_from_editor_to_patients_only_through_a_clinician(editor_page, browser, live_server):
    page, base = editor_page, live_server.url
    page.goto(f"{base}/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Walking for back pain")
    assert page.input_value("#id_slug") == "walking-for-back-pain"  # made from the title as it is typed
    page.select_option("#id_topic", str(Topic.objects.get(slug="back-pain").pk))
    page.select_option("#id_kind", "guide")
    page.select_option("#id_status", "review")
    page.fill("#id_summary", "How a short daily walk can help back pain, and how to start.")
    page.fill("#id_also_called", "Walking exercise\nWalking therapy")
    page.fill("[name='at_a_glance-treats']", "Long-lasting back pain")
    page.fill("[name='sources-0-title']", "Low back pain: assessment and management")
    page.fill("[name='sources-0-publisher']", "A national guideline body")
    page.fill("[name='sources-0-year']", "2020")
    editor = page.locator("textarea#id_body")
    editor.fill(BODY)
    editor.dispatch_event("input")
    # The preview sits beside the text at 1440 px and shows what patients will read.
    preview = page.locator(".markdownx-preview")
    page.wait_for_function("() => document.querySelector('.markdownx-preview').innerText.includes('short walk')", timeout=10_000)
    text_box, preview_box = editor.bounding_box(), preview.bounding_box()
    assert preview_box["x"] >= text_box["x"] + text_box["width"] - 1, (text_box, preview_box)
    assert preview_box["y"] < text_box["y"] + text_box["height"]
    # axe-core on the change form.
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        assert violations == [], json.dumps([(v["id"], [n["target"] for n in v["nodes"]]) for v in violations], indent=1)
    elif os.environ.get("CI"):
        pytest.fail("axe-core missing; make test installs it")
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    assert browser.new_context().new_page().goto(f"{base}/articles/walking-for-back-pain/").status == 404

    # An approval link for a clinician without an account.
    page.click(".pending-revision a[href$='/review/']")
    page.click("button[value=link]")
    link = page.locator("input[aria-label='Approval link']").input_value()
    clinician = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # signed out, on a phone
    clinician.goto(base + "/" + link.split("/", 3)[3])  # the link names SITE_URL; the test server is elsewhere
    assert "Clinical sign-off" in clinician.content() and "A short walk each day" in clinician.content()
    clinician.fill("#decided_by", "Ana Ruiz, MD")
    clinician.check("input[name=kind][value=clinical]")
    clinician.fill("#note", "New page about walking.")
    clinician.click("button[value=approve]")
    clinician.wait_for_url("**/review/done/")

    public = browser.new_context().new_page()
    assert public.goto(f"{base}/articles/walking-for-back-pain/").status == 200
    meta = public.locator(".meta").inner_text()
    assert "Checked by a clinician, Ana Ruiz, MD, on" in meta
    assert "New page about walking." in public.locator("main").inner_text()

    # The Editor edits the live article: patients keep the approved text.
    article = Article.objects.get(slug="walking-for-back-pain")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    editor = page.locator("textarea#id_body")
    editor.fill(BODY.replace("A short walk each day", "An unreviewed sentence"))
    page.click("input[name=_save]")
    page.wait_for_url("**/change/")
    public.goto(f"{base}/articles/walking-for-back-pain/")
    text = public.locator("main").inner_text()
    assert "A short walk each day" in text and "An unreviewed sentence" not in text
    assert page.errors == [], page.errors
