"""A clinic editor edits an article in the admin, watches the live preview, saves, and the
public page shows the change. Real Chromium, real server, real markdownx JavaScript."""

import pytest

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username, password="a-long-test-password"):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def test_editor_previews_saves_and_sees_the_change(page, live_server, library, django_user_model):
    django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True, is_superuser=True)
    sign_in(page, live_server, "editor")
    article = Article.objects.get(slug="nerve-ablation")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert page.errors == [], page.errors  # the admin and the editor run under our CSP

    editor = page.locator("textarea#id_body")
    editor.fill("## Fresh heading\n\nTyped by an editor in the browser.\n\n!!! emergency\n    You cannot move your legs.")
    editor.dispatch_event("input")
    preview = page.locator(".markdownx-preview")
    preview.locator("h2#fresh-heading").wait_for(timeout=10_000)
    assert "Typed by an editor in the browser." in preview.inner_text()
    assert "Call 911 now if" in preview.inner_text()

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    page.goto(f"{live_server.url}/articles/nerve-ablation/")
    assert page.locator("h2#fresh-heading").inner_text() == "Fresh heading"
    assert "Typed by an editor in the browser." in page.locator("main").inner_text()
    assert page.errors == []


def test_public_pages_work_without_javascript(browser, live_server, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.click("text=Back pain treatments >> nth=0")
    page.click("main >> text=Epidural injection")
    assert page.locator("h1").inner_text() == "Epidural injection"
    page.click("text=Next Nerve ablation")
    assert page.locator("h1").inner_text() == "Nerve ablation"
    context.close()


def test_an_editor_sees_readability_update_while_typing(page, live_server, library, django_user_model):
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    # Browser tests empty every table between tests, roles included: create them again.
    importlib.import_module("articles.migrations.0011_roles").create_roles(apps, None)
    user = django_user_model.objects.create_user("writer", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    sign_in(page, live_server, "writer")
    article = Article.objects.get(slug="nerve-ablation")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = page.locator("textarea#id_body")
    panel = page.locator(".markdownx-preview .readability-panel")

    editor.fill("You lie on a bed. The doctor numbs your skin. It takes a short time. " * 12)
    editor.dispatch_event("input")
    page.wait_for_function(
        "() => { const p = document.querySelector('.markdownx-preview .readability-panel');"
        " return p && parseFloat(p.dataset.smog) < 8; }",
        timeout=10_000,
    )
    easy = float(panel.get_attribute("data-smog"))
    editor.fill("Interventional radiofrequency neurotomy necessitates meticulous fluoroscopic localisation. " * 12)
    editor.dispatch_event("input")
    page.wait_for_function(
        f"() => parseFloat(document.querySelector('.markdownx-preview .readability-panel').dataset.smog) > {easy}", timeout=10_000
    )
    assert "above the limit" in panel.inner_text()
    assert "Longest sentences" in panel.inner_text()

    editor.fill("## Plain words\n\nWe changed this page in the browser. It is short and plain.")
    editor.dispatch_event("input")
    page.click("input[name=_save]")
    # An Editor's edit to a live article waits for clinical review beside it.
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    assert "waiting for clinical review" in page.locator(".messagelist").inner_text()
    page.goto(f"{live_server.url}/articles/nerve-ablation/")
    assert "We changed this page in the browser." not in page.locator("main").inner_text()
