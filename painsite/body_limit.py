"""Request bodies above REQUEST_BODY_MAX_SIZE are refused before anything reads them.

Django parses a multipart body the first time anything touches request.POST (the CSRF
middleware does, for every unsafe method) and writes file parts above
FILE_UPLOAD_MAX_MEMORY_SIZE to the temporary folder as they arrive; gunicorn does not limit
bodies. Behind nginx, client_max_body_size refuses them first; this middleware is the same
rule for gunicorn reached directly. It only looks at the headers: the answer goes out with
the body unread, and gunicorn then closes the connection (it drains at most 64 KB, for a
few seconds, before it does).

A body of unknown length (Transfer-Encoding: chunked) is refused too, with 411: Django reads
no body without a Content-Length (WSGI gives it none), so the request could only be
misread, and nginx in front always sends the length.
"""

from django.conf import settings
from django.http import HttpResponse


class BodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if "HTTP_TRANSFER_ENCODING" in meta:
            return _refuse(411, "Length Required: send the body with a Content-Length.")
        length = meta.get("CONTENT_LENGTH")
        if length:
            try:
                declared = int(length)
            except ValueError:
                return _refuse(400, "Bad Request: the Content-Length is not a number.")
            limit = settings.REQUEST_BODY_MAX_SIZE
            if declared > limit:
                return _refuse(413, f"Content Too Large: the limit is {limit // (1024 * 1024)} MB.")
        return self.get_response(request)


def _refuse(status, text):
    response = HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"  # answered before the header middleware runs
    return response
