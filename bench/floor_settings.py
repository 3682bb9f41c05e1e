"""The site's settings plus the site floor's page, for bench/http_bench.py only."""

from painsite.settings import *  # noqa: F403
from painsite.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.floor_urls"
TEMPLATES[1]["DIRS"] = [*TEMPLATES[1]["DIRS"], BASE_DIR / "bench" / "templates"]
