"""Editors sign in with a second factor (an authenticator app, TOTP; recovery codes), required
for editors and superusers, optional for writers, and asked for by the token endpoint too, so
the API is no way around it. Password reset by email with Django's views."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.roles import EDITORS, WRITERS, sync_roles
from cms.two_factor import recovery_codes_reset

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-horse-battery-9"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.CMS_REQUIRE_2FA = True
    # django-otp makes a device wait after each wrong code (1 s, doubling); the tests try a
    # wrong code and then the right one at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def make_user(django_user_model, username, group):
    sync_roles()
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.com", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eddie", EDITORS)


@pytest.fixture
def writer(django_user_model):
    return make_user(django_user_model, "wendy", WRITERS)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def with_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def admin_login(client, username, otp="", password=PASSWORD):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "otp_token": otp, "next": "/admin/"},
    )


def token(client, username, **extra):
    return client.post(
        "/api/v1/auth/token/",
        {"username": username, "password": PASSWORD, **extra},
        content_type="application/json",
    )


def test_an_editor_without_a_second_factor_is_sent_to_set_one_up(client, editor):
    assert admin_login(client, "eddie").status_code == 302
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"] == "/admin/two-factor/"
    # The session is no way into the API either: it is answered as a stranger.
    assert client.post("/api/v1/quotes/", {}, content_type="application/json").status_code == 401


def test_an_editor_sets_up_the_app_and_gets_recovery_codes(client, editor):
    admin_login(client, "eddie")
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post("/admin/two-factor/", {"otp_token": "000000"})
    assert "That code is wrong" in wrong.content.decode()
    done = client.post("/admin/two-factor/", {"otp_token": current_code(device)})
    assert done.status_code == 200, done.content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert StaticDevice.objects.get(user=editor).token_set.count() == 10
    # Verified in this session: the desk opens.
    assert client.get("/admin/articles/article/").status_code == 200


def test_an_editor_with_the_app_signs_in_only_with_a_code(client, editor):
    device = with_device(editor)
    response = admin_login(client, "eddie")
    assert response.status_code == 200
    assert "Enter a current code from your authenticator app" in response.content.decode()
    assert admin_login(client, "eddie", otp="123456").status_code == 200
    assert client.get("/admin/articles/article/").status_code == 302  # not signed in
    assert admin_login(client, "eddie", otp=current_code(device)).status_code == 302
    assert client.get("/admin/articles/article/").status_code == 200


def test_a_recovery_code_works_once(client, editor):
    with_device(editor)
    code = recovery_codes_reset(user=editor)[0]
    assert admin_login(client, "eddie", otp=code).status_code == 302
    assert client.get("/admin/articles/article/").status_code == 200
    client.logout()
    assert admin_login(client, "eddie", otp=code).status_code == 200


def test_a_session_without_the_accounts_second_factor_is_not_let_in(client, editor):
    with_device(editor)
    client.force_login(editor)  # a password-only session, as before the device was added
    assert client.get("/admin/articles/article/").status_code == 302


def test_a_writer_may_sign_in_without_a_second_factor(client, writer):
    assert admin_login(client, "wendy").status_code == 302
    assert client.get("/admin/articles/article/").status_code == 200
    assert token(client, "wendy").status_code == 200


def test_a_writer_who_turned_it_on_needs_the_code_too(client, writer):
    device = with_device(writer)
    assert admin_login(client, "wendy").status_code == 200
    assert admin_login(client, "wendy", otp=current_code(device)).status_code == 302


def test_the_token_endpoint_asks_for_the_code(client, editor):
    response = token(client, "eddie")
    assert response.status_code == 400
    assert "two-factor" in response.json()["otp"][0]
    device = with_device(editor)
    assert token(client, "eddie").json()["otp"] == [
        "Enter a current code from your authenticator app, or an unused recovery code."
    ]
    assert token(client, "eddie", otp="123456").status_code == 400
    response = token(client, "eddie", otp=current_code(device))
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_the_requirement_can_be_waived(client, editor, settings):
    settings.CMS_REQUIRE_2FA = False
    assert admin_login(client, "eddie").status_code == 302
    assert client.get("/admin/articles/article/").status_code == 200
    assert token(client, "eddie").status_code == 200


def test_a_superuser_needs_it_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    admin_login(client, "root")
    assert client.get("/admin/").status_code == 302
    assert token(client, "root").status_code == 400


def test_a_password_is_reset_by_email(client, editor):
    page = client.get("/admin/login/")
    assert "/admin/password_reset/" in page.content.decode()
    response = client.post("/admin/password_reset/", {"email": "eddie@example.com"})
    assert response.status_code == 302
    # The same answer for an address nobody has.
    assert client.post("/admin/password_reset/", {"email": "x@example.com"}).status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https?://[^/]+(/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "A-new-long-passphrase-7", "new_password2": "A-new-long-passphrase-7"},
    )
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("A-new-long-passphrase-7")


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["config", "qrcode"])
def test_the_device_admin_never_shows_a_secret_and_a_missing_device_is_no_server_error(
    admin_client, view
):
    # Found by the URL fuzz: django-otp's admin looked a missing device up with get() (a 500).
    response = admin_client.get(f"/admin/otp_totp/totpdevice/999/{view}/")
    assert response.status_code in (302, 403)  # 302: to the two-factor set-up first
    assert b"otpauth" not in response.content
