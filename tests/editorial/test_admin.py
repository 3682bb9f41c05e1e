"""The admin as a clinic editor uses it, and the editor's endpoints as a stranger tries them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from articles.models import Image as LibraryImage
from tests.editorial.forms import form_data

pytestmark = pytest.mark.usefixtures("library")

PREVIEW = "/admin/markdownx/markdownify/"
UPLOAD = "/admin/markdownx/upload/"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def image_bytes(fmt="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/?topic__id__exact=1&status__exact=published&kind__exact=procedure",
        "/admin/articles/article/?q=epidural",
        "/admin/articles/article/add/",
        "/admin/articles/topic/",
        "/admin/articles/topic/add/",
        "/admin/articles/glossaryterm/",
        "/admin/articles/glossaryterm/add/",
    ],
)
def test_admin_pages_work_for_staff(staff_client, url):
    assert staff_client.get(url).status_code == 200


def test_change_form_has_the_markdownx_editor_pointing_at_our_endpoints(staff_client):
    article = Article.objects.get(slug="epidural-injection")
    html = staff_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "markdownx" in html
    assert f'data-markdownx-urls-path="{PREVIEW}"' in html
    assert f'data-markdownx-upload-urls-path="{UPLOAD}"' in html


def test_staff_edit_in_the_admin_shows_on_the_public_page(staff_client, client):
    article = Article.objects.get(slug="nerve-ablation")
    form = form_data(article, body="An edit made in the admin.\n\n## A new section\n\nMore text.")
    response = staff_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/articles/nerve-ablation/").content.decode()
    assert "An edit made in the admin." in html
    assert 'id="a-new-section"' in html


def test_preview_is_the_same_html_as_the_public_page(staff_client, client):
    article = Article.objects.get(slug="epidural-injection")
    preview = staff_client.post(PREVIEW, {"content": article.body}).content.decode()
    panel, page_html = preview.split("<hr>\n", 1)
    assert 'class="readability-panel"' in panel
    assert page_html == article.body_html
    assert page_html in client.get("/articles/epidural-injection/").content.decode()


def test_preview_sanitises(staff_client):
    html = staff_client.post(PREVIEW, {"content": "<script>alert(1)</script>[x](javascript:alert(1))"}).content.decode()
    assert "<script" not in html and "javascript:" not in html


def test_anonymous_users_cannot_preview_or_upload(client, settings):
    assert client.post(PREVIEW, {"content": "# hi"}).status_code == 403
    upload = SimpleUploadedFile("x.png", image_bytes(), content_type="image/png")
    assert client.post(UPLOAD, {"image": upload}, **AJAX).status_code == 403
    assert not (settings.MEDIA_ROOT / "images").exists() and not LibraryImage.objects.exists()


def test_signed_in_non_staff_users_cannot_preview_or_upload(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("patient", password="a-long-test-password"))
    assert client.post(PREVIEW, {"content": "# hi"}).status_code == 403
    upload = SimpleUploadedFile("x.png", image_bytes(), content_type="image/png")
    assert client.post(UPLOAD, {"image": upload}, **AJAX).status_code == 403


def test_markdownx_own_anonymous_urls_are_not_mounted(client):
    assert client.post("/markdownx/markdownify/", {"content": "# hi"}).status_code == 404
    assert client.post("/markdownx/upload/").status_code == 404


@pytest.mark.parametrize("fmt,ext", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_real_images_upload_with_the_extension_of_their_real_type(staff_client, settings, fmt, ext):
    # The uploader claims .gif; the stored name follows what the bytes really are.
    upload = SimpleUploadedFile("holiday.gif", image_bytes(fmt), content_type="image/gif")
    response = staff_client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == 200
    image = LibraryImage.objects.get()
    assert response.json()["image_code"] == f"![Describe this image for someone who cannot see it](image:{image.pk})"
    stored = list((settings.MEDIA_ROOT / "images").iterdir())
    assert len(stored) == 1 and stored[0].suffix == f".{ext}"
    assert image.file.name.endswith(f".{ext}")


BAD_UPLOADS = [
    ("page.png", b"<html><script>alert(1)</script></html>", "image/png"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
    ("anim.gif", None, "image/gif"),
    ("half.png", "truncated", "image/png"),
    ("empty.png", b"", "image/png"),
]


@pytest.mark.parametrize("name,content,content_type", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_non_images_are_refused_and_nothing_is_written(staff_client, settings, name, content, content_type):
    if content is None:
        content = image_bytes("GIF")
    elif content == "truncated":
        content = image_bytes("PNG", (400, 400))[:200]
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = staff_client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == 400
    assert "image" in response.json()
    assert not (settings.MEDIA_ROOT / "images").exists() and not LibraryImage.objects.exists()


def _polyglots():
    """Real images that are also HTML or script: after the image data, in a PNG text chunk,
    in a JPEG comment."""
    from PIL import PngImagePlugin

    trailing = image_bytes("PNG") + b"<html><script>alert(1)</script></html>"
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", '<svg onload="alert(1)">')
    chunk = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(chunk, "PNG", pnginfo=info)
    comment = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(comment, "JPEG", comment=b"<?php system($_GET['c']); ?>")
    return [("trailing-html.png", trailing), ("text-chunk.png", chunk.getvalue()), ("comment.jpg", comment.getvalue())]


@pytest.mark.parametrize("name,content", _polyglots(), ids=[p[0] for p in _polyglots()])
def test_polyglot_images_are_stored_without_their_code(staff_client, settings, name, content):
    # The picture is accepted; what is stored is its pixels encoded again, so the code is gone.
    with Image.open(io.BytesIO(content)) as image:
        image.load()  # each one really is a valid image
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = staff_client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == 200
    stored = LibraryImage.objects.get().file.read()
    for code in (b"<html", b"<script", b"<svg", b"onload", b"<?php"):
        assert code not in stored


def test_oversized_upload_is_refused(staff_client, settings):
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 1024
    upload = SimpleUploadedFile("big.png", image_bytes("PNG", (600, 600)) + b"\0" * 2048, content_type="image/png")
    response = staff_client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == 400
    assert "too large" in response.json()["image"][0]
    assert not (settings.MEDIA_ROOT / "images").exists() and not LibraryImage.objects.exists()


def test_decompression_bomb_is_refused(staff_client, settings):
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")  # tiny file, 400 million pixels
    upload = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    response = staff_client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == 400
    assert not (settings.MEDIA_ROOT / "images").exists() and not LibraryImage.objects.exists()


def test_library_images_carry_their_alt_text_and_caption(staff_client, client, settings):
    upload = SimpleUploadedFile("spine.png", image_bytes(), content_type="image/png")
    response = staff_client.post(
        "/admin/articles/image/add/",
        {"file": upload, "alt_text": "A needle beside the spine", "caption": "Where the needle goes"},
    )
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    article = Article.objects.get(slug="nerve-ablation")
    article.body = f"Here it is.\n\n![](image:{image.pk})\n"
    article.save()
    html = client.get("/articles/nerve-ablation/").content.decode()
    # Its own size (image_bytes: 40 × 30) from the stored file, so the text does not jump when it arrives.
    assert (
        f'<img alt="A needle beside the spine" src="{image.file.url}" width="40" height="30" loading="lazy" decoding="async">'
    ) in html
    assert "<em>Where the needle goes</em>" in html


def test_the_image_library_refuses_non_images_and_needs_alt_text(staff_client):
    fake = SimpleUploadedFile("x.png", b"<html>not an image</html>", content_type="image/png")
    response = staff_client.post("/admin/articles/image/add/", {"file": fake, "alt_text": "Something"})
    assert response.status_code == 200 and not LibraryImage.objects.exists()
    real = SimpleUploadedFile("x.png", image_bytes(), content_type="image/png")
    response = staff_client.post("/admin/articles/image/add/", {"file": real, "alt_text": ""})
    assert response.status_code == 200 and not LibraryImage.objects.exists()
