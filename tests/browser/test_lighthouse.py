"""Lighthouse (12.2.3, mobile) on the production setup: gunicorn, whitenoise, compressed
and hashed static files. Accessibility, best practices and SEO must score 100, performance
at least 95, on the home, topic and article pages."""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

LIGHTHOUSE = Path(settings.BASE_DIR) / ".ci/node_modules/.bin/lighthouse"
PAGES = ["/", "/topics/nerve-blocks/", "/articles/epidural-steroid-injection/"]
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"


@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_scores(real_site, tmp_path, path):
    if not LIGHTHOUSE.exists():
        if os.environ.get("CI"):
            pytest.fail("lighthouse missing; .ci/run installs it")
        pytest.skip("lighthouse not installed (npm install --prefix .ci)")
    report = tmp_path / "report.json"
    # Lighthouse 12 on this newer Chromium now and then fails to record its trace
    # ("NO_NAVSTART ... Please run Lighthouse again"): a tool error, not a score, so run again.
    for attempt in range(4):
        run = subprocess.run(
            [
                str(LIGHTHOUSE),
                real_site + path,
                f"--chrome-flags={FLAGS}",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if run.returncode == 0:
            break
        time.sleep(2 * (attempt + 1))
    assert run.returncode == 0, run.stderr[-3000:]
    data = json.loads(report.read_text())
    scores = {name: round(category["score"] * 100) for name, category in data["categories"].items()}
    failing = [
        f"{ref['id']}: {data['audits'][ref['id']].get('displayValue', data['audits'][ref['id']]['score'])}"
        for category in data["categories"].values()
        for ref in category["auditRefs"]
        if ref.get("weight") and (data["audits"][ref["id"]].get("score") or 0) < 1
    ]
    assert scores["accessibility"] == 100, failing
    assert scores["best-practices"] == 100, failing
    assert scores["seo"] == 100, failing
    assert scores["performance"] >= 95, failing
