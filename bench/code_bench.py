"""Finding pages by code at scale, through the view. Run by hand (not a test):

    .venv/bin/python bench/code_bench.py              # SQLite, the search bench's database
    .venv/bin/python bench/code_bench.py --postgres   # PostgreSQL database painsite_bench_20

Uses the 10,000-article database bench/search_bench.py builds (run that first), gives every
synthetic article codes drawn from the shipped articles' codes (so each code is carried by
hundreds of articles, as in a large library), then times Infobutton requests (Atom and JSON),
the content API's code filter and the FHIR search, and prints median and p95.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUESTS = [
    ("2.16.840.1.113883.6.90", "M54.16"),
    ("2.16.840.1.113883.6.90", "M48.062"),
    ("2.16.840.1.113883.6.90", "M47.816"),
    ("2.16.840.1.113883.6.90", "G89.4"),
    ("2.16.840.1.113883.6.90", "G97.1"),
    ("2.16.840.1.113883.6.90", "M54.18"),  # falls back to M54.1
    ("2.16.840.1.113883.6.90", "Z99.89"),  # no page: walks the whole hierarchy
    ("2.16.840.1.113883.6.12", "62323"),
    ("2.16.840.1.113883.6.12", "64483"),
    ("2.16.840.1.113883.6.12", "64493"),
    ("2.16.840.1.113883.6.12", "64635"),
    ("2.16.840.1.113883.6.12", "63650"),
    ("2.16.840.1.113883.6.12", "62273"),
    ("2.16.840.1.113883.6.12", "27096"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = (
        "postgres://postgres@127.0.0.1:5432/painsite_bench_20"
        if args.postgres
        else f"sqlite:///{ROOT / 'var' / 'bench-search-20.sqlite3'}"
    )
    # Every request does the lookup: the page cache would answer repeats from memory.
    os.environ["PAGE_CACHE"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painsite.settings")
    os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from articles.models import Article, ArticleCode

    call_command("migrate", verbosity=0)
    shipped = [a for a in Article.objects.exclude(slug__startswith="synthetic-").only("id", "codes") if a.codes]
    if not shipped:
        call_command("load_content", verbosity=0, force=True)
        shipped = [a for a in Article.objects.exclude(slug__startswith="synthetic-").only("id", "codes") if a.codes]
    pool = [(key, code) for a in shipped for key in ("icd10cm", "cpt") for code in a.codes.get(key, [])]
    if ArticleCode.objects.count() < 20_000:
        rng = random.Random(1)
        rows = []
        for article_id in Article.objects.filter(slug__startswith="synthetic-").values_list("id", flat=True):
            for key, code in rng.sample(pool, 4):
                rows.append(ArticleCode(article_id=article_id, system=key, code=code))
        with transaction.atomic():
            ArticleCode.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE articles_articlecode")
    print(f"{Article.objects.count()} articles, {ArticleCode.objects.count()} code rows on {connection.vendor}")
    client = Client(HTTP_HOST="127.0.0.1")
    kinds = {
        "infobutton atom": lambda oid, code: client.get(
            "/connect/service", {"mainSearchCriteria.v.cs": oid, "mainSearchCriteria.v.c": code}
        ),
        "infobutton json": lambda oid, code: client.get(
            "/connect/service",
            {"mainSearchCriteria.v.cs": oid, "mainSearchCriteria.v.c": code, "knowledgeResponseType": "application/json"},
        ),
        "api code filter": lambda oid, code: client.get(
            "/api/v1/articles/", {"system": "icd10cm" if oid.endswith(".90") else "cpt", "code": code}
        ),
        "fhir search": lambda oid, code: client.get(
            "/fhir/DocumentReference",
            {
                "event": ("http://hl7.org/fhir/sid/icd-10-cm|" if oid.endswith(".90") else "http://www.ama-assn.org/go/cpt|")
                + code
            },
        ),
    }
    for name, ask in kinds.items():
        timings = []
        for round_ in range(args.rounds + 1):
            for oid, code in REQUESTS:
                t0 = time.perf_counter()
                response = ask(oid, code)
                if round_:
                    timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (name, code, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:18} {len(timings)} requests: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
