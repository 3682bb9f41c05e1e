import pytest

pytestmark = pytest.mark.usefixtures("library")


@pytest.mark.parametrize("url", ["/", "/articles/epidural-injection/", "/search/?q=x", "/admin/login/"])
def test_security_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_in_public_pages(client):
    import re

    for url in ["/", "/topics/", "/articles/epidural-injection/", "/glossary/", "/a-z/", "/search/?q=shot"]:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all('type="application/ld+json"' in attrs for attrs in scripts), (url, scripts)
        assert " style=" not in html and "<style" not in html
        assert not re.search(r"\son[a-z]+=", html)


def test_hsts_and_ssl_redirect_when_configured(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
