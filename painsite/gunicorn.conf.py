"""gunicorn settings. Environment variables override each value."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Recycle workers now and then so slow leaks never grow; jitter keeps them from restarting
# together. While a worker is replaced the others carry its queue, which shows in the p99:
# at 2,000 requests a busy worker was recycled every few seconds and p99 rose to ~100 ms;
# at 20,000, about every half minute at full load on two cores, hourly on a clinic's traffic.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
# A wide jitter, so that two workers are seldom replaced at the same moment.
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
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
