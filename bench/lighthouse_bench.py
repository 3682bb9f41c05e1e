"""Lighthouse's performance score of a running site, as a median of several runs.

    make run                                    (in another terminal)
    .venv/bin/python bench/lighthouse_bench.py --url http://127.0.0.1:8000 --runs 5

Lighthouse 12.2.3 (mobile, simulated slow phone) from .ci/node_modules, on the machine's
Chromium. The performance score is timings (blocking time, paint times) measured on this
machine, so a busy machine lowers it: it is measured here, by hand, and the figures go in
the README, never into a test. tests/browser/test_lighthouse.py asserts what does not
depend on the machine's speed (accessibility, best practices, SEO, layout shift, page
weight) with the same runner.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".ci/node_modules/.bin/lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = ["/", "/topics/nerve-blocks/", "/articles/epidural-steroid-injection/"]
FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index"]


def report(url: str, output: Path) -> dict:
    """Lighthouse's JSON report for one page. Lighthouse 12 on this newer Chromium now and
    then fails to record its trace ("NO_NAVSTART ... Please run Lighthouse again"): a tool
    error, not a result, so it runs again, up to four times."""
    for attempt in range(4):
        run = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                f"--chrome-flags={FLAGS}",
                "--output=json",
                f"--output-path={output}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if run.returncode == 0:
            return json.loads(output.read_text())
        time.sleep(2 * (attempt + 1))
    raise RuntimeError(f"lighthouse failed on {url}:\n{run.stderr[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a running site (make run)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("paths", nargs="*", default=PAGES)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is not installed: make checkers (npm install --prefix .ci)")
    with tempfile.TemporaryDirectory() as tmp:
        for path in args.paths:
            scores, metrics = [], {name: [] for name in METRICS}
            for _ in range(args.runs):
                data = report(args.url.rstrip("/") + path, Path(tmp) / "report.json")
                scores.append(round(data["categories"]["performance"]["score"] * 100))
                for name in METRICS:
                    metrics[name].append(data["audits"][name]["numericValue"])
            shown = ", ".join(f"{name} {statistics.median(values):.0f} ms" for name, values in metrics.items())
            print(f"{path}: performance median {statistics.median(scores):.0f} (runs {scores}); medians: {shown}")


if __name__ == "__main__":
    main()
