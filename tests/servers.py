"""Real gunicorn servers for tests that need separate processes or a production setup."""

import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import redis
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def free_port():
    """A free port below 32768 (the ephemeral range is left to the system)."""
    for port in random.sample(range(20000, 32000), 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def site_env(tmp_path, **extra):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "painsite.settings",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        **extra,
    }
    env.pop("REDIS_URL", None) if "REDIS_URL" not in extra else None
    return env


def prepare(env, content=None, collectstatic=False):
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*MANAGE, "load_content", str(content or ROOT / "content"), "-v0"], env=env, check=True, cwd=ROOT)
    if collectstatic:
        subprocess.run([*MANAGE, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)


def redis_available():
    """True when the machine's Redis answers on 127.0.0.1:6379."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def redis_server(*options):
    """A Redis of the test's own on a free port, nothing saved, stopped afterwards:
    (a client, its URL)."""
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            *options,
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield client, f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def redis_site(tmp_path, redis_db):
    """A site on the small test library whose caches are Redis database `redis_db` (a key
    prefix of this test run's own), migrated and loaded: the environment for gunicorn()."""
    env = site_env(
        tmp_path,
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_db}",
        CACHE_PREFIX=f"test-{os.getpid()}",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    prepare(env, content=ROOT / "tests/fixtures/library")
    return env


@contextmanager
def gunicorn(env, workers=1, args=()):
    """gunicorn with the shipped painsite/gunicorn.conf.py; workers=None keeps its own count
    (what `make run` starts), args are further command-line options."""
    port = free_port()
    binary = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    server = subprocess.Popen(
        [
            binary,
            "-c",
            str(ROOT / "painsite/gunicorn.conf.py"),
            *(["--workers", str(workers)] if workers is not None else []),
            *args,
            "--bind",
            f"127.0.0.1:{port}",
            "painsite.wsgi",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=15)
