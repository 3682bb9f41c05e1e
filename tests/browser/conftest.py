import os
import shutil

import pytest

from tests import servers

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; Django's ORM is sync only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _chromium():
    """Every test here drives Chromium (Playwright through `browser`, lighthouse on its own).
    Without it they are skipped, not failed, and the run's closing summary (-ra) says why;
    this runs before any module's server starts. Under CI (CI=true) .ci/run has installed
    it, so a missing Chromium there is a failure."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run installs it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, _chromium):
    """The whole real library behind the production setup (gunicorn, whitenoise, hashed
    static files), set up once for the whole run and shared by every test that only reads
    public pages."""
    tmp = tmp_path_factory.mktemp("real-site")
    env = servers.site_env(tmp)
    servers.prepare(env, collectstatic=True)
    with servers.gunicorn(env, workers=2) as url:
        yield url


@pytest.fixture(scope="session")
def browser(_chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    # Content-Security-Policy refusals show up as console errors.
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield page
    context.close()
