"""make screenshots: every page type at 375 and 1280 pixels wide, into var/screenshots/.

Serves the site with gunicorn on a free local port (below 32768), drives /usr/bin/chromium
with Playwright, and stops the server again. The README shows a few of these.
"""

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "screenshots"
PAGES = {
    "home": "/", "topics": "/topics/", "topic": "/topics/nerve-blocks/",
    "article": "/articles/epidural-steroid-injection/", "glossary": "/glossary/", "a-z": "/a-z/",
    "search": "/search/?q=back+shot", "no-results": "/search/?q=zzqqxx", "not-found": "/articles/no-such-page/",
    "handout": "/articles/epidural-steroid-injection/handout/",
}


def free_port():
    for port in random.sample(range(20000, 32000), 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit("no free port")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c", "painsite/gunicorn.conf.py", "--workers", "2",
                               "--bind", f"127.0.0.1:{port}", "painsite.wsgi"], cwd=ROOT,
                              env={**os.environ, "GUNICORN_ACCESS_LOG": "/dev/null"})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for width, height in ((375, 812), (1280, 900)):
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.screenshot(path=OUT / f"{name}-{width}.png")
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    print(f"wrote {len(PAGES) * 2} screenshots to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
