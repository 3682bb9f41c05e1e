import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.management.commands.compile_translations import compile_all

# gettext reads .mo files, which are built from the .po files (not kept in git).
compile_all()

FIXTURE_LIBRARY = Path(__file__).parent / "fixtures" / "library"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # pytest-django runs with DEBUG off, where the manifest storage needs collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    # The abuse-limit counters without Redis live in files: each test gets its own folder, so
    # two test runs on one machine never clear or count each other's.
    if "filebased" in settings.CACHES["shared"]["BACKEND"]:
        settings.CACHES = {**settings.CACHES, "shared": {**settings.CACHES["shared"], "LOCATION": tmp_path / "shared-cache"}}
    # Test accounts need no slow hash (PBKDF2 took ~0.15 s per account, most of the fast
    # tier's time); the site's own setting is untouched.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_content_types():
    # A transactional test flushes every table, and the content types are made again under
    # new ids; this process's cache of them would give the next admin log entry a stale id
    # (a foreign-key error on PostgreSQL).
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import caches

    for alias in ("default", "shared"):
        caches[alias].clear()
    yield
    for alias in ("default", "shared"):
        caches[alias].clear()


@pytest.fixture
def library_dir(tmp_path):
    """A writable copy of the small test library, for tests that break it."""
    target = tmp_path / "library"
    shutil.copytree(FIXTURE_LIBRARY, target)
    return target


@pytest.fixture
def library(db):
    call_command("load_content", str(FIXTURE_LIBRARY), verbosity=0)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client
