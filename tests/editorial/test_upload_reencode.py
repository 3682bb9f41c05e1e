"""Uploaded images are stored as pixels only (articles/editorial/uploads.py; review F7, F27).

Real files as phones and editors make them: a JPEG with a GPS position and a camera make, a
PNG with an eXIf chunk and markup in a tEXt chunk, a WebP with EXIF and XMP, a JPEG with an
ICC profile and a comment, a PNG with a web page after its image data, and a photo taken
sideways (EXIF orientation 6). Each goes through the editor's upload endpoint and through the
image library's add form; the stored file, read back with Pillow, has no EXIF, ICC, XMP or
text, no markup bytes, and its pixels turned upright.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from articles.models import Image as LibraryImage

pytestmark = pytest.mark.usefixtures("library")

MARKUP = b"<html><svg><animate onbegin=alert(1)>"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description GPSLatitude="51,30.2N"/></rdf:RDF></x:xmpmeta>'
# Bytes that must not survive: the camera make, the EXIF and XMP markers, the markup.
TELL_TALES = [b"PhoneMaker", b"Exif\0\0", b"xmpmeta", b"<html", b"<svg", b"onbegin", b"<script", b"sRGB"]


def photo(size=(64, 48)):
    """A picture with distinct halves, so turning it shows: red left, blue right."""
    image = Image.new("RGB", size, (220, 30, 30))
    image.paste((30, 30, 220), (size[0] // 2, 0, size[0], size[1]))
    return image


def gps_exif(orientation=None):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneMaker X"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 12.0)  # 51°30'12"N
    gps[3], gps[4] = "W", (0.0, 7.0, 39.0)  # 0°7'39"W
    return exif


def saved(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def gps_jpeg():
    return saved(photo(), "JPEG", exif=gps_exif())


def png_with_exif_and_markup():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKUP.decode())
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return saved(photo(), "PNG", pnginfo=info, exif=gps_exif())


def webp_with_exif_and_xmp():
    return saved(photo(), "WEBP", exif=gps_exif(), xmp=XMP)


def jpeg_with_icc_and_comment():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return saved(photo(), "JPEG", icc_profile=icc, comment=MARKUP, xmp=XMP)


def png_with_trailing_page():
    return saved(photo(), "PNG") + MARKUP + b"<script>alert(1)</script></html>"


FILES = [
    ("gps.jpg", gps_jpeg, "jpg"),
    ("exif-and-text.png", png_with_exif_and_markup, "png"),
    ("exif-and-xmp.webp", webp_with_exif_and_xmp, "webp"),
    ("icc-and-comment.jpg", jpeg_with_icc_and_comment, "jpg"),
    ("trailing-page.png", png_with_trailing_page, "png"),
]


def upload_through_editor(staff_client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = staff_client.post("/admin/markdownx/upload/", {"image": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200, response.content
    return LibraryImage.objects.get()


def upload_through_library(staff_client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = staff_client.post("/admin/articles/image/add/", {"file": upload, "alt_text": "A test picture"})
    assert response.status_code == 302, response.content
    return LibraryImage.objects.get()


UPLOADERS = [upload_through_editor, upload_through_library]


def assert_pixels_only(stored_bytes):
    with Image.open(io.BytesIO(stored_bytes)) as image:
        image.load()
        assert not image.getexif(), dict(image.getexif())
        assert not image.getexif().get_ifd(0x8825)
        for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Comment"):
            assert key not in image.info, key
        assert not getattr(image, "text", {})
    for tell_tale in TELL_TALES:
        assert tell_tale not in stored_bytes, tell_tale


@pytest.mark.parametrize("uploader", UPLOADERS, ids=["editor", "library"])
@pytest.mark.parametrize("name,make,extension", FILES, ids=[f[0] for f in FILES])
def test_stored_images_keep_pixels_only(staff_client, uploader, name, make, extension):
    content = make()
    with Image.open(io.BytesIO(content)) as original:  # the metadata really is in the upload
        assert original.getexif() or original.info.get("icc_profile") or content.endswith(b"</html>")
    stored = uploader(staff_client, name, content)
    assert stored.file.name.endswith(f".{extension}")
    with stored.file.open("rb") as f:
        stored_bytes = f.read()
    assert_pixels_only(stored_bytes)
    with Image.open(io.BytesIO(stored_bytes)) as image:
        assert image.size == (64, 48)
        assert _close(image.convert("RGB").getpixel((5, 24)), (220, 30, 30))


@pytest.mark.parametrize("uploader", UPLOADERS, ids=["editor", "library"])
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_sideways_photo_is_stored_upright(staff_client, uploader, fmt):
    # Orientation 6: the camera was turned; viewers rotate the picture 90 degrees clockwise.
    # The stored pixels are turned already, since the tag that said so is gone.
    content = saved(photo(), fmt, exif=gps_exif(orientation=6))
    stored = uploader(staff_client, f"sideways.{fmt.lower()}", content)
    with stored.file.open("rb") as f:
        stored_bytes = f.read()
    assert_pixels_only(stored_bytes)
    with Image.open(io.BytesIO(stored_bytes)) as image:
        assert image.size == (48, 64)
        rgb = image.convert("RGB")
        assert _close(rgb.getpixel((24, 5)), (220, 30, 30))  # the left half is now on top
        assert _close(rgb.getpixel((24, 58)), (30, 30, 220))


def test_a_png_keeps_its_transparency(staff_client):
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    image.paste((10, 120, 10, 255), (0, 0, 10, 20))
    stored = upload_through_editor(staff_client, "icon.png", saved(image, "PNG"))
    with stored.file.open("rb") as f, Image.open(f) as back:
        rgba = back.convert("RGBA")
        assert rgba.getpixel((15, 10))[3] == 0 and rgba.getpixel((5, 10)) == (10, 120, 10, 255)


def test_a_palette_png_keeps_its_see_through_colour(staff_client):
    image = Image.new("P", (20, 20), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    image.paste(1, (0, 0, 10, 20))
    stored = upload_through_editor(staff_client, "diagram.png", saved(image, "PNG", transparency=0))
    with stored.file.open("rb") as f, Image.open(f) as back:
        rgba = back.convert("RGBA")
        assert rgba.getpixel((15, 10))[3] == 0 and rgba.getpixel((5, 10)) == (200, 0, 0, 255)


def _close(pixel, expected, tolerance=12):
    """Lossy formats move colours a little."""
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True))
