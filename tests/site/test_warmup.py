"""gunicorn's warm-up: code in the master before it forks, data in each worker."""

import pytest

from painsite import warmup


def test_the_masters_warm_up_never_touches_the_database():
    # No db fixture: pytest-django fails any query here. A connection opened in the master
    # would be shared by every forked worker.
    warmup.warm_code()


@pytest.mark.usefixtures("library")
def test_a_workers_warm_up_reads_the_menu_and_clinic():
    from articles.models.site import _current_clinic
    from articles.public import reads

    reads.topics.held.clear()
    _current_clinic.held.clear()
    warmup.warm_data()
    assert [t.slug for t in reads.topics.held["value"][1]] == ["back-pain"]
    assert "value" in _current_clinic.held


def test_a_worker_starts_even_when_the_database_is_down(caplog):
    # No db fixture: every query raises, as with a database that is down.
    warmup.warm_data()
    assert "could not reach the database" in caplog.text


def test_the_server_starts_even_before_static_files_are_collected(settings, tmp_path, caplog):
    # The manifest storage raises for a file it has no entry for; the warm-up must not take
    # the master down with it (pages then say what is wrong, one by one).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path / "static"
    warmup.warm_code()
    assert "Warm-up of the code failed" in caplog.text
