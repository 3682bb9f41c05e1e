"""gunicorn's access log keeps no search words and no reader's address (review F22): a real
gunicorn with the shipped settings, logging to a file, is asked for a search."""

import time
import urllib.request

import pytest

from tests import servers

pytestmark = pytest.mark.slow


def test_the_access_log_has_the_path_without_the_query_and_no_address(tmp_path):
    log = tmp_path / "access.log"
    env = servers.site_env(
        tmp_path, GUNICORN_ACCESS_LOG=str(log), STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    servers.prepare(env)
    with servers.gunicorn(env) as url:
        request = urllib.request.Request(url + "/search/?q=zebraquokka", headers={"User-Agent": "reader-browser/1.0"})
        with urllib.request.urlopen(request) as response:
            assert response.status == 200
        for _ in range(50):  # gunicorn writes the line after the answer has gone
            if "/search/" in log.read_text():
                break
            time.sleep(0.1)
    lines = [line for line in log.read_text().splitlines() if "/search/" in line]
    assert lines == ['"GET /search/" 200 ' + lines[0].split('" 200 ', 1)[1]]
    for secret in ("zebraquokka", "q=", "127.0.0.1", "reader-browser"):
        assert secret not in log.read_text()
