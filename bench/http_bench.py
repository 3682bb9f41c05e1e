"""HTTP throughput of the production configuration, against this machine's own floors.

    make bench            (or: .venv/bin/python bench/http_bench.py --seconds 10)

Starts, on 127.0.0.1 only: gunicorn (2 workers) with the page cache, a second gunicorn
without it, a third serving the strict floor (bench/strict_floor.py: bare Django, one view,
a one-line template, no middleware), nginx serving a saved copy of the article HTML (the
machine's limit), and nginx with proxy_cache in front of the first gunicorn. The site floor
is the same one-line template through the site's whole middleware stack. Each URL is loaded with wrk at
concurrency 16 for a bounded time. Prints requests/s, p50 and p99, and the ratios the
issue asks for. Uses its own SQLite database in var/bench-http.sqlite3; never content/.
Run it by hand: the figures go in the README, never into a test.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PORTS = {"cached": 8310, "uncached": 8311, "static": 8312, "proxy": 8313, "strict": 8314}
ARTICLE = "/articles/epidural-steroid-injection/"
SPANISH_ARTICLE = "/es/articulos/epidural-steroid-injection/"

NGINX_CONF = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=pages:10m max_size=100m inactive=10m;
    upstream app {{ server 127.0.0.1:{cached}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{static};
        location / {{ root {tmp}/www; default_type text/html; try_files /article.html =404; }}
    }}
    server {{
        listen 127.0.0.1:{proxy};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1;
            proxy_cache pages;
            proxy_cache_key $scheme$host$request_uri;
            proxy_cache_use_stale updating error timeout;
            proxy_cache_background_update on;
            proxy_cache_lock on;
            add_header X-Cache-Status $upstream_cache_status;
        }}
    }}
}}
"""


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def wrk(url, seconds, connections=16):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, _ms(latency["50"]), _ms(latency["99"]), int(errors.group(1)) if errors else 0


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="painsite-bench-"))
    tmp.chmod(0o755)  # nginx workers run as an unprivileged user and must read www/
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'bench-http.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "bench.floor_settings",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "ERROR",
        "SEARCH_RATE_LIMIT": str(10**9),  # one client sends every search: measure search, not the 429 page
    }
    env.pop("REDIS_URL", None)
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_content", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    processes = []
    try:
        servers = (("cached", {}, "painsite.wsgi"), ("uncached", {"PAGE_CACHE": "0"}, "painsite.wsgi"))
        for name, extra, app in (*servers, ("strict", {}, "bench.strict_floor:application")):
            processes.append(
                subprocess.Popen(
                    [str(BIN / "gunicorn"), "-c", "painsite/gunicorn.conf.py", "--bind", f"127.0.0.1:{PORTS[name]}", app],
                    env={**env, **extra},
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        (tmp / "www").mkdir()
        (tmp / "www" / "article.html").write_bytes(wait_for(f"http://127.0.0.1:{PORTS['cached']}{ARTICLE}"))
        wait_for(f"http://127.0.0.1:{PORTS['uncached']}/healthz")
        wait_for(f"http://127.0.0.1:{PORTS['strict']}/bench/floor/")
        (tmp / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp, **PORTS))
        processes.append(subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"], start_new_session=True))
        wait_for(f"http://127.0.0.1:{PORTS['static']}/")
        wait_for(f"http://127.0.0.1:{PORTS['proxy']}{ARTICLE}")

        cached, uncached = f"http://127.0.0.1:{PORTS['cached']}", f"http://127.0.0.1:{PORTS['uncached']}"
        runs = [
            ("strict floor (bare Django)", f"http://127.0.0.1:{PORTS['strict']}/bench/floor/"),
            ("site floor (whole middleware stack)", cached + "/bench/floor/"),
            ("home, cached", cached + "/"),
            ("topic, cached", cached + "/topics/nerve-blocks/"),
            ("article, cached", cached + ARTICLE),
            ("article, uncached", uncached + ARTICLE),
            ("Spanish article, cached", cached + SPANISH_ARTICLE),
            ("Spanish article, uncached", uncached + SPANISH_ARTICLE),
            ("topic, uncached", uncached + "/topics/nerve-blocks/"),
            ("search 'back shot'", cached + "/search/?q=back+shot"),
            ("Spanish search", cached + "/es/buscar/?q=inyeccion+en+la+espalda"),
            ("nginx static article", f"http://127.0.0.1:{PORTS['static']}/"),
            ("nginx proxy_cache article", f"http://127.0.0.1:{PORTS['proxy']}{ARTICLE}"),
        ]
        results = {}
        print(f"wrk -t2 -c16 -d{args.seconds}s, gunicorn 2 workers, {os.cpu_count()} CPUs\n")
        print(f"{'':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
        for label, url in runs:
            wrk(url, 2)  # warm up: caches filled, workers settled
            results[label] = wrk(url, args.seconds)
            rps, p50, p99, errors = results[label]
            print(f"{label:34} {rps:9.0f} {p50:8.2f} {p99:8.2f} {errors:8d}")
        strict = results["strict floor (bare Django)"][0]
        floor = results["site floor (whole middleware stack)"][0]
        static = results["nginx static article"][0]
        print()
        for label, target in (
            ("article, cached", 0.80),
            ("article, uncached", 0.35),
            ("Spanish article, cached", 0.80),
            ("Spanish article, uncached", 0.35),
        ):
            rps = results[label][0]
            print(f"{label:26} / strict floor: {rps / strict:.2f} (target {target:.2f});  / site floor: {rps / floor:.2f}")
        print(f"proxy_cache      / nginx static: {results['nginx proxy_cache article'][0] / static:.2f}  (target 0.70)")
        workers = subprocess.run(["pgrep", "-P", str(processes[0].pid)], capture_output=True, text=True).stdout.split()
        print(f"gunicorn worker memory (RSS): {', '.join(f'{rss_mb(int(p)):.0f} MB' for p in workers)}")
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in processes:
            process.wait(timeout=15)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
