"""gunicorn settings. Environment variables override each value."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads, not one process per connection (review F11: six clients that each sent one header
# line every 2 s stopped 5 sync workers). gthread waits for a connection's first bytes in its
# event loop, then reads the headers in a thread with no time limit, so a slow client still
# holds a thread; painsite/gunicorn_worker.py makes a worker with no free thread stop taking
# connections, so WEB_CONCURRENCY x GUNICORN_THREADS slow clients (72 on two CPUs) are needed
# before a reader waits (tests/site/test_slow_clients.py). Behind nginx, which reads requests
# whole before passing them on, none is held at all. Processes give the CPUs (one Python
# process runs on one at a time), threads the waiting room; threads are made only when needed.
# Each thread may keep a database connection (CONN_MAX_AGE): on PostgreSQL keep
# WEB_CONCURRENCY x GUNICORN_THREADS below max_connections (100 by default; 4 x 24 = 96 is the
# most these defaults ask for). deploy/README.md, "gunicorn", says more.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or "painsite.gunicorn_worker.AcceptWhenFreeWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() + 1, 4)))
threads = int(os.environ.get("GUNICORN_THREADS", "24"))
# Recycle workers now and then so slow leaks never grow; jitter keeps them from restarting
# together. While a worker is replaced the others carry its queue, which shows in the p99:
# at 2,000 requests a busy worker was recycled every few seconds and p99 rose to ~100 ms;
# at 20,000, about every half minute at full load on two cores, hourly on a clinic's traffic.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
# A wide jitter, so that two workers are seldom replaced at the same moment.
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# No keep-alive: a connection is closed after its answer, as the sync worker always did. Kept
# open, a connection stays with the worker that accepted it, and a few busy clients (or
# nginx's pool of upstream connections) can pile onto one worker while another idles: make
# bench's cached article swung between 0.35x and 0.85x of the floor with keep-alive 5 s, and
# held 0.74-0.85x without it. Closed, each request goes to whichever worker accepts next.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "0"))
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# Searches are health information: the access log has the method, the path without the query
# string (%(U)s, so no ?q=), the status, the size and the time, and no client address or user
# agent to tie them to a reader (review F22). Behind nginx the address would be nginx's anyway.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# gunicorn 27 opens a control socket at one fixed path per user; two servers on one host
# (a second site, a benchmark beside a dev server) would clash. Nothing here uses it.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") == ""
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]


def when_ready(server):
    from painsite.warmup import warm_code

    warm_code()


def post_worker_init(worker):
    from painsite.warmup import warm_data

    warm_data()
