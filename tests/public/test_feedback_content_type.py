"""The feedback form is urlencoded; any other body is refused before request.POST is read
(F12: a multipart body of any size was parsed and spooled to a temporary file first)."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadhandler import FileUploadHandler

from articles.models import Feedback

pytestmark = pytest.mark.usefixtures("library")
URL = "/articles/epidural-injection/feedback/"
SEEN = []


class RecordingUploadHandler(FileUploadHandler):
    """Notes that Django began parsing a multipart body (which is what spools files to disk)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        SEEN.append(content_length)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def test_a_multipart_body_is_refused_unparsed(client, settings):
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingUploadHandler"]
    SEEN.clear()
    response = client.post(URL, {"helpful": "no", "comment": "x", "f": ("x" * 100_000)})  # the test client sends multipart
    assert response.status_code == 415
    assert SEEN == [] and Feedback.objects.count() == 0


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x"])
def test_only_the_urlencoded_form_is_accepted(client, content_type):
    assert client.post(URL, "helpful=yes", content_type=content_type).status_code == 415
    form = client.post(URL, urlencode({"helpful": "yes"}), content_type="application/x-www-form-urlencoded")
    assert form.status_code == 303 and Feedback.objects.count() == 1
