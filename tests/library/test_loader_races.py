"""An admin save racing load_content (F18): the edit is kept and reported as a conflict, or
refused with LOADING_MESSAGE; never silently overwritten, and never a 20 s wait and a 503.

The loader's progress callback holds it part-way through its write while the admin saves, so
each interleaving is forced, not hoped for. PostgreSQL: the loader runs in a thread (its own
connection) and the admin through the test client. SQLite: a file database, the loader and
the admin in two processes (threads would share pytest-django's in-memory database, whose
locking is not SQLite's on disk).
"""

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse

from articles.editorial.forms import CHANGED_MESSAGE
from articles.library.sync import load_library
from articles.models import Article
from articles.models.site import LibraryLoad
from tests.editorial.forms import form_data
from tests.servers import MANAGE, ROOT, site_env

EPIDURAL = "back-pain/epidural-injection.md"
FILE_CHANGE = "Changed in the file during the race."
ADMIN_EDIT = "ADMIN-EDIT-RT"
# The fixture library's articles are written in this order; the hook holds the loader before
# the first (epidural-injection not reached yet) or before the last (epidural-injection written).
BEFORE_TARGET, AFTER_TARGET = 1, 3

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the row locks are PostgreSQL's")


def change_file(library_dir):
    path = library_dir / EPIDURAL
    text = path.read_text()
    assert "Most people have mild soreness." in text
    path.write_text(text.replace("Most people have mild soreness.", FILE_CHANGE))


class HeldLoad:
    """load_content in a thread, held at the `at`-th article until release()."""

    def __init__(self, root, at):
        self.held, self.go = threading.Event(), threading.Event()
        self.report = self.error = None
        self.thread = threading.Thread(target=self._run, args=(root, at))

    def _run(self, root, at):
        def progress(stage, done, total):
            if stage == "writing" and done == at:
                self.held.set()
                assert self.go.wait(30), "the test never released the loader"

        try:
            self.report = load_library(root, progress=progress)
        except Exception as exc:  # handed to the test's thread
            self.error = exc
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        assert self.held.wait(30), "the loader never reached the article"
        return self

    def __exit__(self, *exc):
        self.go.set()
        self.thread.join(60)
        assert not self.thread.is_alive()
        if self.error:
            raise self.error


def admin_save(client, article, opened_version=None):
    data = form_data(article, body=article.body + f"\n{ADMIN_EDIT}\n")
    if opened_version is not None:
        data["opened_version"] = opened_version
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def text(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def loaded(transactional_db, library_dir, staff_client):
    call_command("load_content", str(library_dir), verbosity=0)
    change_file(library_dir)
    return Article.objects.get(slug="epidural-injection")


@postgres_only
def test_a_save_while_the_loader_runs_is_refused_and_the_file_is_loaded(loaded, library_dir, staff_client):
    with HeldLoad(library_dir, BEFORE_TARGET) as load:
        response = admin_save(staff_client, loaded)
        assert response.status_code == 200
        assert LibraryLoad.LOADING_MESSAGE in text(response)
        assert ADMIN_EDIT in text(response)  # what was typed is still in the form
    stored = Article.objects.get(pk=loaded.pk)
    assert FILE_CHANGE in stored.body and ADMIN_EDIT not in stored.body
    assert load.report.updated == 1 and not load.report.conflicts
    assert not LibraryLoad.objects.exists()


@postgres_only
def test_a_save_that_beat_the_marker_commits_first_and_the_loader_reports_a_conflict(loaded, library_dir, staff_client):
    # The admin looked for a load just before the loader announced itself: no marker for it.
    with HeldLoad(library_dir, BEFORE_TARGET) as load:
        LibraryLoad.objects.all().delete()
        response = admin_save(staff_client, loaded)
        assert response.status_code == 302, text(response)[:2000]
    stored = Article.objects.get(pk=loaded.pk)
    assert ADMIN_EDIT in stored.body and FILE_CHANGE not in stored.body
    assert load.report.conflicts == [f"library/{EPIDURAL}"]


@postgres_only
def test_a_save_of_a_row_the_loader_has_written_is_refused_at_once(loaded, library_dir, staff_client):
    with HeldLoad(library_dir, AFTER_TARGET) as load:
        LibraryLoad.objects.all().delete()
        response = admin_save(staff_client, loaded)
        # The loader holds the row until it commits: the admin is told, not kept waiting.
        assert response.status_code == 200
        assert LibraryLoad.LOADING_MESSAGE in text(response)
    stored = Article.objects.get(pk=loaded.pk)
    assert FILE_CHANGE in stored.body and ADMIN_EDIT not in stored.body
    assert load.report.updated == 1


@pytest.mark.django_db(transaction=True)
def test_a_form_opened_before_a_load_is_refused_after_it(library_dir, staff_client):
    call_command("load_content", str(library_dir), verbosity=0)
    opened = Article.objects.get(slug="epidural-injection")
    change_file(library_dir)
    call_command("load_content", str(library_dir), verbosity=0)
    assert Article.objects.get(pk=opened.pk).version == opened.version + 1
    response = admin_save(staff_client, opened)
    assert response.status_code == 200 and CHANGED_MESSAGE in text(response)
    assert FILE_CHANGE in Article.objects.get(pk=opened.pk).body


# --- SQLite: a file database, two processes -------------------------------------------------

LOADER = """
import json, pathlib, sys, time
import django
django.setup()
from articles.library.sync import load_library
held, go = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def progress(stage, done, total):
    if stage == "writing" and done == int(sys.argv[4]):
        held.touch()
        while not go.exists():
            time.sleep(0.02)
report = load_library(sys.argv[3], progress=progress)
print(json.dumps({"updated": report.updated, "conflicts": report.conflicts}))
"""

ADMIN = """
import json, sys, time
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.contrib.auth import get_user_model
from django.urls import reverse
from articles.models import Article
from tests.editorial.forms import form_data
user = get_user_model().objects.create_superuser("racer", password="a-long-test-password")
client = Client(raise_request_exception=False)
client.force_login(user)  # signed in before the load, as staff would be
article = Article.objects.get(slug="epidural-injection")
data = form_data(article, body=article.body + "\\nADMIN-EDIT-RT\\n")
print("ready", flush=True)
for line in sys.stdin:
    started = time.monotonic()
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    page = response.content.decode().replace("&#x27;", "'")
    print(json.dumps({"status": response.status_code, "page": page, "seconds": time.monotonic() - started}), flush=True)
"""


def _python(code, env, *args, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)], env=env, cwd=ROOT, text=True, stdout=subprocess.PIPE, **kwargs
    )


@pytest.mark.slow
def test_sqlite_a_save_during_a_load_is_refused_at_once_not_after_20_seconds(tmp_path):
    env = site_env(tmp_path)
    library = tmp_path / "library"
    shutil.copytree(ROOT / "tests" / "fixtures" / "library", library)
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*MANAGE, "load_content", str(library), "-v0"], env=env, check=True, cwd=ROOT)
    admin = _python(ADMIN, env, stdin=subprocess.PIPE)
    loader = None
    try:
        assert admin.stdout.readline().strip() == "ready"
        change_file(library)
        held, go = tmp_path / "held", tmp_path / "go"
        loader = _python(LOADER, env, held, go, library, BEFORE_TARGET)
        while not held.exists():
            assert loader.poll() is None, "the loader ended before it was held"
            time.sleep(0.02)
        admin.stdin.write("post\n")
        admin.stdin.flush()
        during = json.loads(admin.stdout.readline())
        go.touch()
        out, _ = loader.communicate(timeout=120)
        assert loader.returncode == 0
        report = json.loads(out.strip().splitlines()[-1])
        # The form opened before the load, posted again after it.
        admin.stdin.write("post\n")
        admin.stdin.flush()
        after = json.loads(admin.stdout.readline())
    finally:
        admin.kill()
        admin.wait()
        if loader and loader.poll() is None:
            loader.kill()
            loader.wait()
    assert during["status"] == 200, (during["status"], during["seconds"])
    assert LibraryLoad.LOADING_MESSAGE in during["page"]
    assert report == {"updated": 1, "conflicts": []}
    assert after["status"] == 200 and CHANGED_MESSAGE in after["page"]
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        body, version = db.execute("SELECT body, version FROM articles_article WHERE slug = 'epidural-injection'").fetchone()
        loads = db.execute("SELECT count(*) FROM articles_libraryload").fetchone()[0]
    assert FILE_CHANGE in body and ADMIN_EDIT not in body
    assert version == 2 and loads == 0
