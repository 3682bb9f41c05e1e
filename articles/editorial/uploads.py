"""Image uploads from the editor: real JPEG, PNG or WebP only, checked by content, and
stored as pixels only.

The file's name and declared type come from the uploader and prove nothing; Pillow decodes
the bytes, and the stored extension is the one the decoded format dictates. What is stored
is the decoded picture encoded again, never the uploader's bytes: a phone photo's EXIF (GPS
position, camera, time), ICC and XMP blocks, PNG text chunks, JPEG comments and anything
hidden after the image data (a polyglot: an image that is also a web page or a script) are
not carried over, because the new file is written from pixels alone.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # well above any photo; below what a decompression bomb needs
# Re-encoding a photo loses a little; 90 is visually the same as the camera's file at a
# size close to it (Pillow's own default, 75, shows blocks in skin tones and gradients).
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}
# The one entry of Image.info that is part of the pixels: which palette index or colour is
# see-through in a PNG. Everything else in it is metadata.
KEPT_INFO = ("transparency",)


def _decoded(upload):
    """The upload's first frame, fully decoded, and its format; ValidationError if it is no image."""
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
            image = Image.open(upload)
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
        image.close()
        raise ValidationError("Only JPEG, PNG and WebP images can be uploaded.")
    return image, fmt


def pixels_only(image, fmt):
    """The image encoded again in its own format from its pixels alone, turned the way its
    EXIF orientation says (the tag itself goes with the rest of the EXIF)."""
    upright = ImageOps.exif_transpose(image)  # always a new image, even when nothing turns
    upright.info = {key: upright.info[key] for key in KEPT_INFO if key in upright.info}
    out = io.BytesIO()
    upright.save(out, fmt, **SAVE_OPTIONS[fmt])
    return out.getvalue()


def checked_file(upload):
    """A ContentFile of the upload's pixels, encoded again (pixels_only), under a fresh name
    with the extension its real format dictates; or ValidationError."""
    image, fmt = _decoded(upload)
    try:
        with image:
            data = pixels_only(image, fmt)
    except (OSError, ValueError, SyntaxError):  # an EXIF block too broken to read the orientation from
        raise ValidationError("This is not a JPEG, PNG or WebP image.") from None
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{FORMATS[fmt]}")


def save_image(upload, alt_text=""):
    """Store an upload in the image library; returns the Image."""
    from articles.models import Image

    return Image.objects.create(file=checked_file(upload), alt_text=alt_text)
