"""Image uploads from the editor: real JPEG, PNG or WebP only, checked by content.

The file's name and declared type come from the uploader and prove nothing; Pillow decodes
the bytes, and the stored extension is the one the decoded format dictates.
"""

import re
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # well above any photo; below what a decompression bomb needs
# A polyglot is a real image that is also a web page or a script: markup hidden in a
# comment, a metadata chunk or after the image data. Served with nosniff it should never
# run, but no photo or diagram needs it, so it is refused rather than trusted to headers.
# Markers are six bytes or more, so compressed pixels match one by chance less than once
# in a million 5 MB uploads (and saving the image again changes its bytes).
POLYGLOT_MARKERS = re.compile(rb"<script|<iframe|<!doctype|<\?php\s|javascript:|\bon(?:load|error)\s*=", re.I)


def check_image(upload):
    """Return the extension for a valid image upload, or raise ValidationError."""
    limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
    if upload.size > limit:
        raise ValidationError(f"The file is too large ({upload.size // 1024} KB); the limit is {limit // (1024 * 1024)} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                fmt = image.format
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError("The image has too many pixels.")
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()  # verify() skips pixel data; a truncated file fails here
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise ValidationError("This is not a JPEG, PNG or WebP image.") from None
    if fmt not in FORMATS:
        raise ValidationError("Only JPEG, PNG and WebP images can be uploaded.")
    upload.seek(0)
    if POLYGLOT_MARKERS.search(upload.read()):
        raise ValidationError(
            "This image also carries web page code, so it was not accepted. "
            "Open it in a photo program and save or export it again, then upload the new copy."
        )
    return FORMATS[fmt]


def checked_file(upload):
    """A ContentFile of the upload's bytes under a fresh name with the extension its real
    format dictates, or ValidationError."""
    extension = check_image(upload)
    upload.seek(0)
    return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.{extension}")


def save_image(upload, alt_text=""):
    """Store an upload in the image library; returns the Image."""
    from articles.models import Image

    return Image.objects.create(file=checked_file(upload), alt_text=alt_text)
