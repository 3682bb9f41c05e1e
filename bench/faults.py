"""Seven bounded fault experiments against the production configuration.

    make faults            (or: .venv/bin/python bench/faults.py [experiment ...])

Experiments by name: kill-worker, restart-postgres, stop-redis, load-content, proxy,
redis-refusing, slow-client (all of them by default). Only restart-postgres and stop-redis
touch the machine's shared PostgreSQL and Redis; the others can run beside other work.

Starts gunicorn (painsite/gunicorn.conf.py, 2 workers) on 127.0.0.1 only and, under wrk load
of a few seconds each time:

1. kill -9 one gunicorn worker in the middle of a 10 s run against an article page
   (SQLite database in a temporary VAR_DIR, content/ loaded): at most the requests in flight
   may fail, and the master must boot a replacement worker.
2. restart PostgreSQL 3 s into a 15 s run against a site on its own database
   (painsite_faults, PAGE_CACHE=0 so every request reaches it): errors only while it restarts,
   and afterwards 20 fetches in a row all answer 200 with nobody restarting gunicorn.
3. stop Redis 3 s into a 10 s run against a site whose page cache is Redis (db 14, a prefix
   of its own): no 5xx, pages are served uncached.
4. load_content of a synthetic library of 2,000 articles into the SQLite site of (1) while
   a thread polls /a-z/ every 50 ms and, over the end of the loader's transaction and its
   commit, wrk reads the topic and A-Z pages for 15 s: a reader sees either none of the new
   articles or all of them, never a part.
5. nginx with the shipped deploy/nginx/painsite.conf (tests/nginx.py: ports and paths
   substituted, a self-signed certificate) in front of gunicorn with BEHIND_PROXY=1: the
   review's F5 steps from 127.0.0.3 (65 searches, then 100 with forged X-Forwarded-For, 12
   feedback posts likewise) and one search from 127.0.0.2; then a cached article is
   unpublished and nginx is asked for it every 0.25 s until it answers 404.
6. a redis-server of its own that refuses every write (maxmemory 1, noeviction) as the
   site's cache: 6 s of wrk on an article while one client searches 150 times and posts
   feedback 6 times; no 5xx, feedback refused, search limited per worker, the outage
   logged once per worker (not per request).
7. six connections that each send a header line every 2 s and never finish, against
   gunicorn alone, while /healthz is probed every 0.5 s (2 s timeout) for 14 s.

PostgreSQL and Redis (experiments 2 and 3 only) are restarted at the end whatever happens, and painsite_faults is
dropped. Run it by hand: the figures are for the README, never for a test.
"""

import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

from http_bench import wait_for  # bench/ is this script's folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
PORTS = {"sqlite": 8320, "postgres": 8321, "redis": 8322, "proxy": 8323, "refusing": 8324, "slow": 8325}
ARTICLE = "/articles/epidural-steroid-injection/"
WITHDRAWN = "/articles/medial-branch-block/"  # unpublished by experiment 5
TOPIC = "/topics/nerve-blocks/"
A_Z = "/a-z/"
SYNTHETIC = 2000
PG_VERSION = sorted(os.listdir("/etc/postgresql"))[-1]
PG_DB = "painsite_faults"
PG_RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "restart"]
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]
REDIS_STOP = ["redis-cli", "-p", "6379", "shutdown", "nosave"]

# Counts every status per thread, and the 4xx/5xx per wall-clock second (to place them
# against the moment of a fault). Optional arguments after "--" are paths to take in turn.
WRK_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  statuses, bad, paths, n = {}, {}, {}, 0
  for i = 1, #args do paths[#paths + 1] = wrk.format(nil, args[i]) end
end
function request()
  if #paths == 0 then return wrk.format() end
  n = n % #paths + 1
  return paths[n]
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 400 then
    local key = os.time() .. ":" .. status
    bad[key] = (bad[key] or 0) + 1
  end
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do io.write(string.format("status %d %d\\n", k, v)) end
    for k, v in pairs(t:get("bad")) do io.write(string.format("bad %s %d\\n", k, v)) end
  end
end
"""


def fetch(url, timeout=10):
    """(status, body); status 0 for a connection that failed."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def wrk(lua, url, seconds, connections, paths=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(lua), url]
    command += ["--", *paths] if paths else []
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    statuses, bad = {}, {}
    for code, count in re.findall(r"^status (\d+) (\d+)$", out, re.M):
        statuses[int(code)] = statuses.get(int(code), 0) + int(count)
    for second, code, count in re.findall(r"^bad (\d+):(\d+) (\d+)$", out, re.M):
        bad[(int(second), int(code))] = bad.get((int(second), int(code)), 0) + int(count)
    return {
        "command": " ".join(command).replace(str(lua), "count.lua"),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "socket_text": socket_errors.group(0) if socket_errors else "Socket errors: none",
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "statuses": statuses,
        "bad": bad,
    }


def in_background(function, *args):
    """Run function(*args) in a thread; .result() joins it and returns its value or raises."""
    box = {}

    def run():
        try:
            box["value"] = function(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result():
        thread.join()
        if "error" in box:
            raise box["error"]
        return box["value"]

    thread.result = result
    return thread


class Gunicorn:
    def __init__(self, name, env, tmp):
        self.port = PORTS[name]
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does: TIME_WAIT is no clash
            try:
                s.bind(("127.0.0.1", self.port))
            except OSError:
                raise SystemExit(f"port {self.port} is taken") from None
        self.log = tmp / f"gunicorn-{name}.log"
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "painsite/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}", "painsite.wsgi"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"),
            start_new_session=True,
        )
        wait_for(self.url + "/healthz")
        # The first worker can answer before the master has forked the others.
        deadline = time.monotonic() + 10
        while len(self.workers()) < int(env["WEB_CONCURRENCY"]) and time.monotonic() < deadline:
            time.sleep(0.05)

    def workers(self):
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return sorted(int(pid) for pid in out.split())

    def boots(self):
        return [int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", self.log.read_text())]

    def exceptions(self):
        """Distinct exception lines the site logged, most frequent first (psycopg's own are
        left out: Django re-raises each of them as django.db.utils.*)."""
        seen = {}
        for line in self.log.read_text().splitlines():
            match = re.match(r"^([\w.]+(?:Error|Exception)): (.*)$", line)
            if match and not match.group(1).startswith("psycopg."):
                message = re.sub(r"connection to server at \S+ port \d+ failed: ", "", match.group(2))
                text = f"{match.group(1)}: {' '.join(message.split())[:100]}"
                seen[text] = seen.get(text, 0) + 1
        return sorted(seen.items(), key=lambda item: -item[1])

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)


def fivexx(result):
    return sum(count for code, count in result["statuses"].items() if code >= 500)


def codes(result):
    return ", ".join(f"{code}x{count}" for code, count in sorted(result["statuses"].items()) if code >= 500) or "none"


# --- the experiments ---------------------------------------------------------------------


def kill_a_worker(site, lua):
    before = site.workers()
    run = in_background(wrk, lua, site.url + ARTICLE, 10, 16)
    time.sleep(4)
    current = site.workers()  # max_requests may have recycled one since
    victim = current[0]
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    replacement, replaced_in = None, None
    while time.monotonic() - killed_at < 5:
        new = [pid for pid in site.workers() if pid not in current]
        if new:
            replacement, replaced_in = new[0], time.monotonic() - killed_at
            break
        time.sleep(0.02)
    result = run.result()
    after = site.workers()
    failed = result["non_2xx"] + result["socket"]
    ok = failed <= 16 and replacement is not None and len(after) == len(before) and victim not in after
    replaced = f"replacement {replacement} booted {replaced_in:.2f} s later" if replacement else "NO replacement in 5 s"
    result["details"] = [
        f"workers before {before}; killed {victim} at t=4 s; {replaced}; workers after the run {after}",
        f"worker boots logged during the run: {len(site.boots()) - 2} (max_requests recycling counts too)",
        result["socket_text"],
    ]
    result["verdict"] = (
        ("PASS" if ok else "FAIL")
        + f": {failed} failed request(s) (limit 16 in flight), "
        + (f"worker {victim} replaced by {replacement}" if replacement else "worker not replaced")
    )
    return result


def restart_postgres(site, lua):
    run = in_background(wrk, lua, site.url + ARTICLE, 15, 16)
    time.sleep(3)
    started = time.time()
    subprocess.run(PG_RESTART, check=True, capture_output=True, timeout=60)
    ended = time.time()
    result = run.result()
    window = range(int(started), int(ended) + 3)  # the restart, and 2 s after it
    in_window = sum(count for (second, code), count in result["bad"].items() if code >= 500 and second in window)
    outside = sum(count for (second, code), count in result["bad"].items() if code >= 500 and second not in window)
    after = [fetch(site.url + ARTICLE)[0] for _ in range(20)]
    recovered = after.count(200) == 20
    result["details"] = [
        f"{' '.join(PG_RESTART)} at t=3 s took {ended - started:.1f} s; "
        f"5xx in the restart window (+2 s): {in_window}, outside it: {outside}",
        f"after the run, 20 fetches of the article: {', '.join(f'{after.count(s)}x{s}' for s in sorted(set(after)))}",
        result["socket_text"],
        *(f"logged {count}x {text}" for text, count in site.exceptions()[:3]),
    ]
    result["verdict"] = ("PASS" if recovered and outside == 0 else "FAIL") + (
        f": {fivexx(result)} x 5xx while PostgreSQL restarted, then {after.count(200)}/20 pages 200 with no gunicorn restart"
    )
    return result


def stop_redis(site, lua):
    run = in_background(wrk, lua, site.url + ARTICLE, 10, 16)
    time.sleep(3)
    subprocess.run(REDIS_STOP, capture_output=True, timeout=30)
    result = run.result()
    after = [fetch(site.url + ARTICLE)[0] for _ in range(5)]
    result["details"] = [
        f"{' '.join(REDIS_STOP)} at t=3 s; redis answers ping afterwards: "
        f"{subprocess.run(['redis-cli', '-p', '6379', 'ping'], capture_output=True, text=True).stdout.strip() or 'no'}",
        f"with Redis gone, 5 fetches of the article: {', '.join(f'{after.count(s)}x{s}' for s in sorted(set(after)))}",
        result["socket_text"],
    ]
    ok = fivexx(result) == 0 and result["socket"] == 0 and after.count(200) == 5
    verdict = f": {fivexx(result)} x 5xx with Redis stopped; pages served uncached"
    result["verdict"] = ("PASS" if ok else "FAIL") + verdict
    return result


def load_during_reads(site, lua, env, tmp):
    from bench.generate_content import main as generate

    library = tmp / "synthetic"
    with redirect_stdout(StringIO()):
        generate(library, SYNTHETIC)
    polls, stop_polling = [], threading.Event()

    def poll():
        while not stop_polling.is_set():
            status, body = fetch(site.url + A_Z)
            polls.append((time.monotonic(), status, body.count('href="/articles/synthetic-')))
            stop_polling.wait(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    t0 = time.monotonic()
    loader = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "load_content", str(library)],
        env={**env, "PYTHONUNBUFFERED": "1"},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    progress, run = {}, None
    for line in loader.stdout:
        match = re.search(r"writing: (\d+)/", line)
        if match:
            progress[int(match.group(1))] = time.monotonic() - t0
            # Inside the loader's transaction, a few seconds before it commits: the whole load
            # takes 25-35 s here, longer than the 15 s run, so starting wrk with the loader would
            # end the run before the commit. Started now, wrk spans the end of the transaction,
            # the commit and what readers see after it (the poller covers the whole load).
            if int(match.group(1)) >= SYNTHETIC and run is None:
                wrk_started = time.monotonic() - t0
                run = in_background(wrk, lua, site.url + TOPIC, 15, 8, (TOPIC, A_Z))
        elif line.startswith("Articles:"):
            summary = line.strip()
    loader_rc, loader_done = loader.wait(timeout=300), time.monotonic() - t0
    if run is None:  # the loader failed before writing: still load the site, to show it
        wrk_started = time.monotonic() - t0
        run = in_background(wrk, lua, site.url + TOPIC, 15, 8, (TOPIC, A_Z))
        summary = "load_content wrote nothing"
    result = run.result()  # readers go on polling until wrk is done
    stop_polling.set()
    poller.join(timeout=15)
    counts = [count for _, status, count in polls if status == 200]
    distinct = sorted(set(counts))
    non_200 = [status for _, status, _ in polls if status != 200]
    # The order matters too: once all are seen, no reader may go back to none.
    first_full = next((i for i, c in enumerate(counts) if c == SYNTHETIC), None)
    monotonic = first_full is None or all(c == SYNTHETIC for c in counts[first_full:])
    seen_at = next((t - t0 for t, s, c in polls if s == 200 and c == SYNTHETIC), None)
    seen = f"first poll showing all {SYNTHETIC} at t={seen_at:.1f} s" if seen_at is not None else "no poll saw them"
    logged = site.exceptions()
    result["details"] = [
        f"manage.py load_content <{SYNTHETIC} generated articles>: exit {loader_rc}, {loader_done:.1f} s "
        f"(writing 500/1000/1500/2000 at {'/'.join(f'{progress[k]:.1f}' for k in sorted(progress))} s); {summary}",
        f"wrk started at t={wrk_started:.1f} s (loader at writing {SYNTHETIC}/{SYNTHETIC}, transaction open), "
        f"ran to t={wrk_started + 15:.1f} s; {seen}",
        f"/a-z/ polled {len(polls)} times every 50 ms: synthetic links per page seen {distinct} "
        f"({counts.count(0)}x 0, {counts.count(SYNTHETIC)}x {SYNTHETIC}); non-200: {len(non_200)}"
        + (f" {sorted(set(non_200))}" if non_200 else ""),
        result["socket_text"],
        "site logged: "
        + ("; ".join(f"{count}x {text}" for text, count in logged[:3]) if logged else "no exceptions (no 'database is locked')"),
    ]
    ok = (
        loader_rc == 0
        and set(distinct) <= {0, SYNTHETIC}
        and SYNTHETIC in distinct
        and not non_200
        and monotonic
        and fivexx(result) == 0
    )
    result["verdict"] = ("PASS" if ok else "FAIL") + (
        f": readers saw {distinct} synthetic articles, never a part; {len(non_200)} non-200 polls"
    )
    return result


def _statuses(codes):
    return ", ".join(f"{codes.count(c)}x{c}" for c in sorted(set(codes)))


def _clear_of_the_minute(margin=25):
    # The search limit counts afresh each minute; do not straddle that moment.
    if time.time() % 60 > 60 - margin:
        time.sleep(60.5 - time.time() % 60)


def forged_forwarded_for(env, tmp):
    """5: the review's F5 steps through nginx with the shipped painsite.conf, and F25's unpublish."""
    from tests import nginx

    env = {**env, "BEHIND_PROXY": "1", "ALLOWED_HOSTS": f"{nginx.HOST},127.0.0.1", "SITE_URL": f"https://{nginx.HOST}"}
    site = Gunicorn("proxy", env, tmp)
    try:
        with nginx.nginx(site.url) as proxy:
            _clear_of_the_minute()
            minute = int(time.time() // 60)
            own = [proxy.request("GET", f"/search/?q=nerve+{n}", source="127.0.0.3")[0] for n in range(65)]
            forged, later = [], 0
            for n in range(100):
                forged_for = {"X-Forwarded-For": f"203.0.113.{n}"}
                status = proxy.request("GET", f"/search/?q=nerve+{n}+yy", source="127.0.0.3", headers=forged_for)[0]
                if int(time.time() // 60) == minute:
                    forged.append(status)
                else:  # the limit counts afresh each minute: these say nothing about the forgery
                    later += 1
            other = proxy.request("GET", "/search/?q=nerve+other", source="127.0.0.2")[0]
            form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": proxy.origin}
            posts = [
                proxy.request(
                    "POST",
                    f"{WITHDRAWN}feedback/",
                    source="127.0.0.3",
                    headers={**form, "X-Forwarded-For": f"203.0.113.{n}"},
                    body=b"helpful=yes",
                )[0]
                for n in range(12)
            ]
            # Readers keep asking for the page (every 0.25 s) while it is unpublished, so nginx
            # holds a fresh copy at the moment of the commit; the figure is how long after the
            # save returned the old page was still served.
            unpublish = (
                "from articles.models import Article; a = Article.objects.get(slug='medial-branch-block');"
                " a.status = 'draft'; a.save()"
            )
            proxy.request("GET", WITHDRAWN)
            cached = proxy.request("GET", WITHDRAWN)[1].get("x-cache-status")
            seen, stop = [], threading.Event()

            def read():
                while not stop.is_set():
                    status, headers, _ = proxy.request("GET", WITHDRAWN)
                    seen.append((time.monotonic(), status, headers.get("x-cache-status")))
                    stop.wait(0.25)

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            subprocess.run([str(BIN / "python"), "manage.py", "shell", "-c", unpublish], env=env, cwd=ROOT, check=True)
            saved = time.monotonic()
            while time.monotonic() - saved < 70 and not any(status == 404 for _, status, _ in seen):
                time.sleep(0.1)
            stop.set()
            reader.join()
            old_after_save = [(t - saved, cache) for t, status, cache in seen if status == 200 and t > saved]
            first_404 = next((t - saved for t, status, _ in seen if status == 404), None)
            browser = proxy.request("GET", "/")[1].get("cache-control")
    finally:
        site.stop()
    ok = (
        own.count(429) == 5
        and forged.count(429) == len(forged) > 0
        and other == 200
        and posts.count(303) == 5
        and posts.count(429) == 7
        and first_404 is not None
        and first_404 < 10
    )
    result = {"command": "tests/nginx.py: nginx -c <painsite.conf, ports/paths substituted>", "requests": 0, "socket": 0}
    result.update(non_2xx=0, rps=0.0, statuses={})
    result["details"] = [
        f"65 searches from 127.0.0.3: {_statuses(own)}",
        f"then 100 searches from 127.0.0.3, each with a new forged X-Forwarded-For: {_statuses(forged)} in the same minute"
        + (f" ({later} more in the next minute, not counted)" if later else ""),
        f"one search from 127.0.0.2 in the same minute: {other}",
        f"12 feedback posts from 127.0.0.3 with forged X-Forwarded-For (limit 5 per 10 min): {_statuses(posts)}",
        f"{WITHDRAWN} in nginx's cache ({cached}) and read every 0.25 s while unpublished: after the save returned,"
        f" {len(old_after_save)} reads got the old page"
        + (f" (the last {old_after_save[-1][0]:.1f} s after, {old_after_save[-1][1]})" if old_after_save else "")
        + (f"; first 404 {first_404:+.1f} s" if first_404 is not None else "; no 404 within 70 s"),
        f"Cache-Control of / through nginx: {browser}",
    ]
    result["verdict"] = ("PASS" if ok else "FAIL") + ": the forger is limited, the other client is not; the withdrawn page left"
    return result


def redis_refusing_writes(env, tmp, lua):
    """6: a Redis that answers reads but refuses every write (maxmemory 1, noeviction)."""
    from tests.servers import free_port

    port = free_port()
    redis_server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--daemonize", "no"],
        cwd=tmp,
        stdout=subprocess.DEVNULL,
    )
    cli = ["redis-cli", "-p", str(port)]
    try:
        for _ in range(100):
            if subprocess.run([*cli, "ping"], capture_output=True, text=True).stdout.strip() == "PONG":
                break
            time.sleep(0.05)
        site = Gunicorn("refusing", {**env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}, tmp)
        try:
            wait_for(site.url + ARTICLE)
            subprocess.run([*cli, "config", "set", "maxmemory-policy", "noeviction"], capture_output=True, check=True)
            subprocess.run([*cli, "config", "set", "maxmemory", "1"], capture_output=True, check=True)
            refused = subprocess.run([*cli, "set", "probe", "1"], capture_output=True, text=True).stdout.strip()
            _clear_of_the_minute(15)
            run = in_background(wrk, lua, site.url + ARTICLE, 6, 8)
            searches = [fetch(f"{site.url}/search/?q=nerve+{n}")[0] for n in range(150)]
            posts = [_post(site.url + f"{ARTICLE}feedback/") for _ in range(6)]
            result = run.result()
            subprocess.run([*cli, "config", "set", "maxmemory", "0"], capture_output=True, check=True)
            after = [_post(site.url + f"{ARTICLE}feedback/") for _ in range(2)]
            time.sleep(0.5)
            log = site.log.read_text()
        finally:
            site.stop()
    finally:
        redis_server.terminate()
        redis_server.wait(timeout=10)
    outage, back, cache = (log.count(text) for text in ("cannot count", "counts again", "Redis cache unavailable"))
    workers = int(env["WEB_CONCURRENCY"])
    ok = fivexx(result) == 0 and posts.count(429) == 6 and 429 in searches and 200 in searches and outage <= workers
    ok = ok and after.count(303) >= 1
    result["details"] = [
        f"redis-server on {port}, maxmemory 1 + noeviction after warm-up; a write answers: {refused[:60]}",
        f"150 searches, one client, during the run: {_statuses(searches)} (each of {workers} workers counts its own 60)",
        f"6 feedback posts: {_statuses(posts)}; after maxmemory 0 again, 2 posts: {_statuses(after)}",
        f"log lines: 'cannot count' x{outage}, 'counts again' x{back}, 'Redis cache unavailable' x{cache}"
        f" ({len(searches) + len(posts)} limited requests, {result['requests']} page requests)",
        result["socket_text"],
    ]
    result["verdict"] = (
        "PASS" if ok else "FAIL"
    ) + f": {fivexx(result)} x 5xx; feedback refused, search limited per worker, the outage logged {outage} time(s)"
    return result


def _post(url):
    request = urllib.request.Request(
        url, data=b"helpful=yes", headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST"
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def slow_clients(env, tmp):
    """7: six connections that send a header line every 2 s and never finish, while /healthz is probed."""
    site = Gunicorn("slow", env, tmp)
    sockets, stop, closed = [], threading.Event(), {}

    def drip(n, sock):
        began = time.monotonic()
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while not stop.wait(2):
                sock.sendall(f"X-Slow-{n}: x\r\n".encode())
        except OSError:
            closed[n] = time.monotonic() - began

    try:
        for n in range(6):
            sock = socket.create_connection(("127.0.0.1", site.port), timeout=5)
            sockets.append(sock)
            threading.Thread(target=drip, args=(n, sock), daemon=True).start()
        time.sleep(1)
        probes = []
        began = time.monotonic()
        while time.monotonic() - began < 14:
            start = time.monotonic()
            status = fetch(site.url + "/healthz", timeout=2)[0]
            probes.append((status, time.monotonic() - start))
            time.sleep(0.5)
        stop.set()
        workers = site.workers()
    finally:
        for sock in sockets:
            sock.close()
        site.stop()
    answered = [t for status, t in probes if status == 200]
    ok = len(answered) == len(probes)
    worker_class = runpy.run_path(str(ROOT / "painsite/gunicorn.conf.py")).get("worker_class", "sync")
    result = {"command": "6 sockets: a header line every 2 s; urllib GET /healthz every 0.5 s, 2 s timeout", "socket": 0}
    result.update(requests=len(probes), non_2xx=len(probes) - len(answered), rps=0.0, statuses={})
    result["details"] = [
        f"painsite/gunicorn.conf.py worker_class {worker_class},"
        f" WEB_CONCURRENCY={env['WEB_CONCURRENCY']}; workers alive at the end: {len(workers)}",
        f"/healthz probes over 14 s: {len(answered)}/{len(probes)} answered 200"
        + (f", slowest {max(answered):.2f} s" if answered else ""),
        "slow connections closed by the server: "
        + (", ".join(f"#{n} after {t:.0f} s" for n, t in sorted(closed.items())) or "none within the run"),
    ]
    result["verdict"] = ("PASS" if ok else "FAIL") + f": {len(answered)}/{len(probes)} health probes answered with 6 slow clients"
    return result


# --- machinery ---------------------------------------------------------------------------


def create_pg_database():
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DB}")


def drop_pg_database():
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def restore_services():
    """Leave PostgreSQL and Redis running, as the other tests on this machine expect."""
    problems = []
    try:
        subprocess.run(PG_RESTART, check=True, capture_output=True, timeout=120)
        for _ in range(100):
            if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0:
                break
            time.sleep(0.1)
        drop_pg_database()
    except Exception as exc:  # noqa: BLE001 - Redis must still be restarted
        problems.append(f"PostgreSQL: {exc}")
    try:
        subprocess.run(REDIS_STOP, capture_output=True, timeout=30)
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", "6379", "ping"], capture_output=True).returncode != 0:
                break
            time.sleep(0.1)
        subprocess.run(REDIS_START, check=True, capture_output=True, timeout=30)
        for _ in range(50):
            ping = subprocess.run(["redis-cli", "-p", "6379", "ping"], capture_output=True, text=True)
            if ping.stdout.strip() == "PONG":
                break
            time.sleep(0.1)
        else:
            problems.append("Redis did not answer after restart")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"Redis: {exc}")
    return problems


CASES = ("kill-worker", "restart-postgres", "stop-redis", "load-content", "proxy", "redis-refusing", "slow-client")


def main(selected):
    began = time.monotonic()
    unknown = set(selected) - set(CASES)
    if unknown:
        raise SystemExit(f"unknown experiment(s) {', '.join(sorted(unknown))}; choose from {', '.join(CASES)}")
    selected = set(selected or CASES)
    # Only these touch the machine's shared PostgreSQL and Redis (restarted at the end).
    shared_services = bool(selected & {"restart-postgres", "stop-redis"})
    tmp = Path(tempfile.mkdtemp(prefix="painsite-faults-"))
    lua = tmp / "count.lua"
    lua.write_text(WRK_LUA)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "painsite.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "VAR_DIR": str(tmp / "var"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    env.pop("PAGE_CACHE", None)
    pg_env = {**env, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{PG_DB}", "PAGE_CACHE": "0"}
    redis_env = {**env, "REDIS_URL": "redis://127.0.0.1:6379/14", "CACHE_PREFIX": f"faults-{uuid.uuid4().hex[:12]}"}
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    sites, rows = [], []
    problems = []
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painsite.settings")  # tests/nginx.py reads settings.BASE_DIR
    try:
        for e in (env, pg_env) if "restart-postgres" in selected else (env,):
            if e is pg_env:
                create_pg_database()
            subprocess.run([*manage, "migrate", "-v0"], env=e, check=True, cwd=ROOT)
            subprocess.run(
                [*manage, "load_content", str(ROOT / "content"), "-v0"], env=e, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
            )
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)

        if selected & {"kill-worker", "load-content"}:
            sqlite_site = Gunicorn("sqlite", env, tmp)
            sites.append(sqlite_site)
            wait_for(sqlite_site.url + ARTICLE)
        if "kill-worker" in selected:
            rows.append(("1 kill -9 one worker", "SQLite, page cache (locmem)", kill_a_worker(sqlite_site, lua)))

        if "restart-postgres" in selected:
            pg_site = Gunicorn("postgres", pg_env, tmp)
            sites.append(pg_site)
            wait_for(pg_site.url + ARTICLE)
            rows.append(
                (
                    "2 restart PostgreSQL",
                    f"PostgreSQL {PG_DB}, PAGE_CACHE=0, CONN_MAX_AGE=60 + health checks",
                    restart_postgres(pg_site, lua),
                )
            )
            pg_site.stop()
            sites.remove(pg_site)

        if "stop-redis" in selected:
            redis_site = Gunicorn("redis", redis_env, tmp)
            sites.append(redis_site)
            wait_for(redis_site.url + ARTICLE)
            wait_for(redis_site.url + ARTICLE)  # the second one is a Redis hit
            try:
                rows.append(
                    (
                        "3 stop Redis",
                        f"SQLite, page cache in Redis db 14, CACHE_PREFIX={redis_env['CACHE_PREFIX']}",
                        stop_redis(redis_site, lua),
                    )
                )
            finally:
                if subprocess.run(["redis-cli", "-p", "6379", "ping"], capture_output=True).returncode != 0:
                    subprocess.run(REDIS_START, capture_output=True, timeout=30)
            redis_site.stop()
            sites.remove(redis_site)

        if "load-content" in selected:
            rows.append(
                (
                    "4 load_content under reads",
                    "SQLite site of (1), WAL, page cache (locmem)",
                    load_during_reads(sqlite_site, lua, env, tmp),
                )
            )
        for site in list(sites):
            site.stop()
            sites.remove(site)

        if "proxy" in selected:
            rows.append(
                ("5 forged X-Forwarded-For", "nginx painsite.conf -> gunicorn, BEHIND_PROXY=1", forged_forwarded_for(env, tmp))
            )
        if "redis-refusing" in selected:
            rows.append(
                ("6 Redis refusing writes", "own redis-server, maxmemory 1 + noeviction", redis_refusing_writes(env, tmp, lua))
            )
        if "slow-client" in selected:
            rows.append(("7 slow clients", "gunicorn -c painsite/gunicorn.conf.py, no proxy", slow_clients(env, tmp)))
    finally:
        for site in sites:
            site.stop()
        if shared_services:
            problems = restore_services()
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"gunicorn -c painsite/gunicorn.conf.py, WEB_CONCURRENCY=2, 127.0.0.1 only, "
        f"{os.cpu_count()} CPUs; wrk counts statuses with a Lua script\n"
    )
    print(f"{'experiment':28} {'requests':>9} {'non-2xx/3xx':>12} {'sock err':>9} {'req/s':>8}  5xx seen")
    for label, _, result in rows:
        print(
            f"{label:28} {result['requests']:9d} {result['non_2xx']:12d} {result['socket']:9d} {result['rps']:8.0f}"
            f"  {codes(result)}"
        )
    for label, setting, result in rows:
        print(f"\n{label}  [{setting}]")
        print(f"  {result['command']}")
        for line in result["details"]:
            print(f"  {line}")
        print(f"  {result['verdict']}")
    print(
        ("\nPostgreSQL and Redis restarted, " + f"{PG_DB} dropped" if shared_services else "\nShared services untouched")
        + (f"; PROBLEMS: {'; '.join(problems)}" if problems else "")
        + f". Total {time.monotonic() - began:.0f} s."
    )
    return 0 if len(rows) == len(selected) and all(r["verdict"].startswith("PASS") for _, _, r in rows) and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
