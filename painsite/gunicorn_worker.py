"""gunicorn's threaded worker, taking new connections only while it has a thread free.

gthread hands each readable connection to a thread, which then reads the request headers
blocking, with no time limit: a client that sends one header line every 2 s holds its thread
for minutes. The stock worker goes on accepting while every thread is held and queues the new
connections behind the slow ones; all workers wait on one listening socket, and the one that
is awake wins each new connection, so a burst of slow clients lands on one worker (30 of 30
in tests/site/test_slow_clients.py) and every reader that worker takes next waits too.

This worker stops listening while all its threads are busy, so the kernel keeps the next
connection for a worker that can serve it: slow clients must hold every thread of every
worker (WEB_CONCURRENCY x GUNICORN_THREADS) before a reader waits. Connections it already
holds (kept alive, or waiting for their first bytes) may still queue. Everything else is
gunicorn's gthread worker (gunicorn 27: enqueue_req, finish_request and set_accept_enabled
all run on the worker's main thread, so the count needs no lock).
"""

from gunicorn.workers.gthread import ThreadWorker  # type: ignore[import-untyped]  # gunicorn ships no types


class AcceptWhenFreeWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.busy_threads = 0

    def has_free_thread(self):
        return self.busy_threads < self.cfg.threads

    def enqueue_req(self, conn):
        self.busy_threads += 1
        super().enqueue_req(conn)
        if not self.has_free_thread():
            self.set_accept_enabled(False)

    def finish_request(self, conn, fs):
        self.busy_threads -= 1
        super().finish_request(conn, fs)

    def set_accept_enabled(self, enabled):
        # The main loop asks to accept whenever it is below worker_connections; a thread must
        # be free too. It asks again on every turn, so listening resumes when one is.
        super().set_accept_enabled(enabled and self.has_free_thread())
