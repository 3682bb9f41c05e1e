"""Slow clients against gunicorn reached directly, as `make run` starts it (review F11).

Each attacker socket sends `GET / HTTP/1.1` and Host, then one more header line every 2 s and
never finishes its headers. Meanwhile /healthz is asked every second for about ten seconds;
every answer must come within a couple of seconds. With the old configuration (5 sync
workers) six such sockets made most probes time out.
"""

import socket
import threading
import time
import urllib.request

import pytest

from tests import servers

pytestmark = pytest.mark.slow

PROBE_SECONDS = 10
PROBE_TIMEOUT = 3


def trickle(url, count, stop):
    """count sockets that each send one header line every 2 s until stop is set."""
    host, port = url.removeprefix("http://").split(":")
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(sock)
    line = 0
    while not stop.wait(2):
        line += 1
        for sock in sockets:
            try:
                sock.sendall(f"X-Slow-{line}: still coming\r\n".encode())
            except OSError:
                pass  # gunicorn gave up on it: that is allowed
    for sock in sockets:
        sock.close()


def probe(url):
    """Seconds /healthz took, or None when it did not answer in time."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=PROBE_TIMEOUT) as response:
            response.read()
    except OSError:
        return None
    return time.monotonic() - started


def probes_under_attack(url, count):
    stop = threading.Event()
    attacker = threading.Thread(target=trickle, args=(url, count, stop), daemon=True)
    attacker.start()
    try:
        time.sleep(2.5)  # every slow socket is connected and has sent a header line or two
        results = []
        deadline = time.monotonic() + PROBE_SECONDS
        while time.monotonic() < deadline:
            results.append(probe(url))
            time.sleep(1)
        return results
    finally:
        stop.set()
        attacker.join(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    env = servers.site_env(tmp_path_factory.mktemp("slow-clients"))
    servers.prepare(env)
    return env


# 6: the review's attack. 30: more than one worker's threads, so they must spread over the
# workers (painsite/gunicorn_worker.py); at least two workers on any machine hold 48.
@pytest.mark.parametrize("count", [6, 30])
def test_slow_clients_do_not_stall_the_site(site, count):
    with servers.gunicorn(site, workers=None) as url:  # the shipped settings: `make run`
        results = probes_under_attack(url, count)
    answered = [r for r in results if r is not None]
    assert len(results) >= 5
    assert len(answered) == len(results), f"{len(results) - len(answered)} of {len(results)} probes got no answer"
