"""make screenshots: every page type at 375 and 1280 pixels wide, into var/screenshots/.

Serves the site with gunicorn on a free local port (below 32768), drives /usr/bin/chromium
with Playwright, and stops the server again. The README shows a few of these.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import servers  # noqa: E402 (the same server helper the tests use)

OUT = ROOT / "var" / "screenshots"
PAGES = {
    "home": "/",
    "topics": "/topics/",
    "topic": "/topics/nerve-blocks/",
    "article": "/articles/epidural-steroid-injection/",
    "glossary": "/glossary/",
    "a-z": "/a-z/",
    "search": "/search/?q=back+shot",
    "search-answer": "/search/?q=can+i+drive+after+sedation",
    "no-results": "/search/?q=zzqqxx",
    "not-found": "/articles/no-such-page/",
    "handout": "/articles/epidural-steroid-injection/handout/",
    "es-home": "/es/",
    "es-article": "/es/articulos/epidural-steroid-injection/",
    "es-search": "/es/buscar/?q=inyeccion+en+la+espalda",
    "es-search-answer": "/es/buscar/?q=cuanta+radiacion+me+dan+con+los+rayos+x+en+la+inyeccion",
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    # One client loads every page: the search limit (meant for abuse) would answer 429.
    env = {**os.environ, "GUNICORN_ACCESS_LOG": "/dev/null", "SEARCH_RATE_LIMIT": "100000"}
    with servers.gunicorn(env, workers=2) as base:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            for width, height in ((375, 812), (1280, 900)):
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in PAGES.items():
                    page.goto(base + path)
                    # An answer card is worth seeing whole, with the first results under it.
                    page.screenshot(path=OUT / f"{name}-{width}.png", full_page="answer" in name)
                page.close()
            browser.close()
    print(f"wrote {len(PAGES) * 2} screenshots to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
