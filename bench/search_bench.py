"""Search latency through the view at scale. Run by hand (not a test):

    .venv/bin/python bench/search_bench.py                       # SQLite, var/bench-search.sqlite3
    .venv/bin/python bench/search_bench.py --postgres            # PostgreSQL database painsite_bench

Loads content/, tops it up with synthetic articles to --articles, then times each query in
tests/search/relevance_queries.py and relevance_set.py (187 queries, questions among them)
through Django's full request path and prints median and p95. With --language es, the 109
Spanish queries of tests/translation/ through /es/buscar/, over a Spanish translation of
every article. With --relevance, also how the relevance sets fare here, where the shipped pages
compete with thousands of synthetic ones (the tests measure them on the shipped library alone).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--set", choices=("short", "all"), default="all", help="short: the 56 short queries only; all: with the 131 questions"
    )
    parser.add_argument("--language", default="en", help="es: the Spanish search (/es/buscar/) over Spanish pages")
    parser.add_argument("--slowest", type=int, default=0, help="also list the N slowest queries (median of rounds)")
    parser.add_argument(
        "--relevance", action="store_true", help="also measure the relevance sets here, among the synthetic pages"
    )
    parser.add_argument(
        "--real-share",
        type=float,
        default=0.2,
        help="share of synthetic sentences taken from the real library (1.0: pessimistic)",
    )
    args = parser.parse_args()
    if args.postgres:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            name = f"painsite_bench_{int(args.real_share * 100)}"
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/painsite_bench"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-search.sqlite3'}"
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].replace(
        "painsite_bench", f"painsite_bench_{int(args.real_share * 100)}"
    )
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].replace(
        "bench-search.sqlite3", f"bench-search-{int(args.real_share * 100)}.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painsite.settings")
    os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")
    import django

    django.setup()
    from django.conf import settings

    settings.SEARCH_RATE = (10**9, 60)  # one client sends every query: no abuse limit here
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from bench.synthetic import generate
    from tests.search.relevance_queries import QUERIES
    from tests.search.relevance_set import QUERIES as QUESTIONS

    queries = [query for query, *_ in (QUERIES if args.set == "short" else [*QUERIES, *QUESTIONS])]
    path = "/search/"
    if args.language != "en":
        from tests.translation.relevance_es import QUERIES as ES_TUNED
        from tests.translation.relevance_es_heldout import QUERIES as ES_HELD_OUT

        queries = [query for query, _ in [*ES_TUNED, *ES_HELD_OUT]]
        path = f"/{args.language}/buscar/"

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if have < args.articles:
        call_command("load_content", verbosity=0)
        have = Article.objects.count()
        print(f"Generating {args.articles - have} synthetic articles ({connection.vendor})")
        generate(args.articles - have, progress=lambda m: print(m, end="\r"), real_share=args.real_share)
        print()
    if args.language != "en":
        from articles.models import ArticleTranslation
        from bench.synthetic import generate_translations

        if ArticleTranslation.objects.filter(language=args.language).count() < Article.objects.count():
            print(f"Generating {args.language} translations")
            generate_translations(args.language, progress=lambda m: print(m, end="\r"), real_share=args.real_share)
            print()
    if connection.vendor == "postgresql":
        # As autovacuum leaves a live site after a bulk load: without the visibility map, the
        # change stamp's row counts read every row (4 ms more a request at 10,000 articles).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE articles_article")
            cursor.execute("VACUUM ANALYZE articles_passage")
            cursor.execute("VACUUM ANALYZE articles_articletranslation")
    total = Article.objects.count()
    client = Client(HTTP_HOST="127.0.0.1")
    start = time.perf_counter()
    client.get(path, {"q": "warm up"})
    print(
        f"{total} articles on {connection.vendor} (real sentence share {args.real_share}); first search (builds spelling vocabulary): {(time.perf_counter() - start) * 1000:.0f} ms"
    )
    timings, by_query = [], {}
    for _ in range(args.rounds):
        for query in queries:
            t0 = time.perf_counter()
            response = client.get(path, {"q": query})
            elapsed = (time.perf_counter() - t0) * 1000
            timings.append(elapsed)
            by_query.setdefault(query, []).append(elapsed)
            assert response.status_code == 200
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{len(timings)} searches: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")
    slowest = sorted(by_query.items(), key=lambda item: statistics.median(item[1]), reverse=True)
    for query, times in slowest[: args.slowest]:
        print(f"  {statistics.median(times):6.1f} ms  {query}")
    if args.relevance:
        _relevance(args.language)


def _relevance(language):
    """The relevance sets' figures (tests/search/test_relevance.py, tests/translation/
    test_spanish_search.py) at this scale: the shipped pages among thousands of others."""
    if language != "en":
        from articles.translation.search import search
        from tests.translation.relevance_es import QUERIES as ES_TUNED
        from tests.translation.relevance_es_heldout import QUERIES as ES_HELD_OUT

        for name, queries in (("tuned", ES_TUNED), ("held out", ES_HELD_OUT)):
            top3 = sum(slug in [hit.slug for hit in search(query, language).hits[:3]] for query, slug in queries)
            print(f"relevance ({name}): the page in the top three {top3}/{len(queries)}")
        return
    from articles.search import search
    from tests.search.relevance_check import QUERIES as CHECK
    from tests.search.relevance_heldout import QUERIES as HELD_OUT
    from tests.search.relevance_set import QUERIES as TUNED

    for name, queries in (("tuned", TUNED), ("check", CHECK), ("held out", HELD_OUT)):
        top3 = first = section = 0
        for query, slug, anchor in queries:
            hits = search(query).hits
            top3 += slug in [hit.slug for hit in hits[:3]]
            first += bool(hits) and hits[0].slug == slug
            section += bool(hits) and (hits[0].slug, hits[0].anchor) == (slug, anchor)
        total = len(queries)
        print(
            f"relevance ({name}): the article in the top three {top3}/{total}, first {first}/{total};"
            f" the right section first {section}/{total}"
        )


if __name__ == "__main__":
    main()
