"""Request bodies above REQUEST_BODY_MAX_SIZE are refused from their headers, on every URL
(painsite/body_limit.py; review F12).

The first tests go through Django's test client; the slow ones talk to a real gunicorn over
raw sockets, as the review did: a multipart POST that announces 300 MB and sends 3 MB (more
than Django keeps in memory) must get its 413 at once, with nothing written to the
temporary folder, also on /admin/login/ with a self-set csrftoken cookie, where the CSRF
middleware would otherwise parse the body.
"""

import socket
import threading
import time
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import servers

HUGE = 300 * 1024 * 1024
COOKIE = "csrftoken=" + "a" * 32
BOUNDARY = "----painsite-test"


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_unread(client, settings):
    # The test client's body is empty: reading the announced length would fail, so a 413
    # here means nothing read it.
    response = client.post("/admin/login/", b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(HUGE))
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_the_limit_is_the_setting(client, settings):
    settings.REQUEST_BODY_MAX_SIZE = 100
    response = client.post("/admin/login/", {"username": "x" * 200, "password": "y"})
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_body_of_unknown_length_is_refused(client):
    response = client.post("/admin/login/", b"", content_type="text/plain", HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411


@pytest.mark.django_db
def test_small_bodies_and_pages_are_untouched(client):
    assert client.get("/admin/login/").status_code == 200
    assert client.post("/admin/login/", {"username": "nobody", "password": "wrong"}).status_code == 200


@pytest.mark.usefixtures("library")
def test_an_upload_at_the_upload_limit_passes_the_body_limit(staff_client, settings):
    # The multipart framing and the form's other fields fit in the headroom.
    upload = SimpleUploadedFile("big.png", b"\0" * settings.MARKDOWNX_UPLOAD_MAX_SIZE, content_type="image/png")
    response = staff_client.post("/admin/markdownx/upload/", {"image": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 400  # the upload's own check: not an image
    assert "image" in response.json()


def exchange(url, head, body=b"", timeout=5):
    """Send the request head, then body in the background; the status line and the seconds
    it took, or (None, timeout) when no answer came."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    sock.settimeout(timeout)

    def send():
        try:
            sock.sendall(body)
        except OSError:
            pass  # the server answered and closed: expected

    started = time.monotonic()
    sock.sendall(head.replace(b"\n", b"\r\n"))
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        answer = b""
        while b"\r\n" not in answer:
            data = sock.recv(4096)
            if not data:
                break
            answer += data
        return answer.split(b"\r\n", 1)[0].decode(), time.monotonic() - started
    except TimeoutError:
        return None, timeout
    finally:
        sock.close()
        sender.join(timeout=5)


def multipart_head(path, length, cookie=""):
    return (
        f"POST {path} HTTP/1.1\nHost: 127.0.0.1\nContent-Type: multipart/form-data; boundary={BOUNDARY}\n"
        f"Content-Length: {length}\n{'Cookie: ' + cookie + chr(10) if cookie else ''}\n"
    ).encode()


def file_part(size):
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="zero.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + b"\0" * size


def files_in(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("body-limit")
    temp = folder / "tmp"
    temp.mkdir()
    env = servers.site_env(
        folder,
        TMPDIR=str(temp),  # where Django writes large file parts
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    servers.prepare(env)
    with servers.gunicorn(env) as url:
        yield url, temp


@pytest.mark.slow
@pytest.mark.parametrize(
    "path,cookie",
    [("/admin/login/", COOKIE), ("/articles/facet-joint-arthritis/feedback/", ""), ("/", "")],
    ids=["admin-login-with-own-csrf-cookie", "feedback", "home"],
)
def test_gunicorn_answers_413_at_once_and_writes_nothing(site, path, cookie):
    url, temp = site
    status, seconds = exchange(url, multipart_head(path, HUGE, cookie), file_part(3 * 1024 * 1024))
    assert status is not None, "no answer: gunicorn is reading the body"
    assert status.split()[1] == "413"
    assert files_in(temp) == []


@pytest.mark.slow
def test_gunicorn_refuses_a_chunked_body(site):
    url, temp = site
    head = b"POST /admin/login/ HTTP/1.1\nHost: 127.0.0.1\nTransfer-Encoding: chunked\nContent-Type: multipart/form-data; boundary=x\n"
    head += f"Cookie: {COOKIE}\n\n".encode()
    status, seconds = exchange(url, head, b"100000\r\n" + b"\0" * 1024 * 1024)
    assert status is not None and status.split()[1] == "411"
    assert files_in(temp) == []


@pytest.mark.slow
def test_gunicorn_refuses_a_get_announcing_a_huge_body(site):
    url, temp = site
    status, seconds = exchange(url, f"GET / HTTP/1.1\nHost: 127.0.0.1\nContent-Length: {HUGE}\n\n".encode(), b"x" * 10)
    assert status is not None and status.split()[1] == "413"


@pytest.mark.slow
def test_gunicorn_still_serves_pages(site):
    url, temp = site
    with urllib.request.urlopen(url + "/") as response:
        assert response.status == 200
    with urllib.request.urlopen(url + "/healthz") as response:
        assert response.status == 200
