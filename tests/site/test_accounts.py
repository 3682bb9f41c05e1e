"""Admin accounts: brute-force lock-out, strong passwords, sessions that end, staff only."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("dana", password="correct horse battery", is_staff=True, is_superuser=True)


def login(client, password, username="dana"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_repeated_wrong_passwords_lock_the_account_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong guess").status_code == 200  # the form again, with an error
    locked = login(client, "wrong guess")
    assert locked.status_code == 429 and "Sign-in is paused" in locked.content.decode()
    # Even the right password is refused while locked out.
    assert login(client, "correct horse battery").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockouts_are_visible_to_staff(client, editor, django_user_model, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong guess")
    admin = django_user_model.objects.create_user("admin", password="another long password", is_staff=True, is_superuser=True)
    client.force_login(admin)
    html = client.get("/admin/axes/accessattempt/").content.decode()
    assert "dana" in html


def test_a_good_password_signs_in_and_resets_the_count(client, editor):
    login(client, "wrong guess")
    assert login(client, "correct horse battery").status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.parametrize("password", ["short", "password1234", "123456789012", "qwertyuiop123"])
def test_weak_passwords_are_refused(password, editor):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_sessions_end(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_non_staff_users_reach_no_admin_page(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("patient", password="a long patient password"))
    for url in ["/admin/", "/admin/articles/article/", "/admin/articles/feedback/", "/admin/axes/accessattempt/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    assert client.post("/admin/markdownx/markdownify/", {"content": "x"}).status_code == 403
