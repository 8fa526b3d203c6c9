"""Logins resist guessing without handing strangers a way to lock editors out.

django-axes locks a username after AXES_FAILURE_LIMIT failures from one address, from that
address only: the editor signs in from anywhere else. An address trying many usernames is
slowed by a throttle per address (CMS_LOGIN_RATE), shared by the admin login and the token
endpoint. The answers never say whether an account exists. Real POSTs, one client address
each (Django's `client.login()` sends no request, which axes refuses)."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-horse-battery-9"
ADMIN = "/admin/login/"
TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def accounts(django_user_model):
    return [
        django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
        for name in ("alice", "bob", "carol", "dave", "erin", "frank")
    ]


def admin_login(client, username, password, address):
    client.cookies.clear()
    return client.post(
        ADMIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def token_login(client, username, password, address):
    return client.post(
        TOKEN,
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def admin_succeeded(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def assert_admin_locked(response) -> None:
    assert response.status_code == 429
    assert "too many login attempts" in response.content.decode().lower()


def assert_token_locked(response) -> None:
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "too many login attempts" in response.json()["detail"].lower()


def test_the_limit_is_a_few_attempts():
    assert 3 <= settings.AXES_FAILURE_LIMIT <= 10


def guess_until_locked(login, client, username, address) -> list:
    """The answers to AXES_FAILURE_LIMIT wrong passwords for `username` from `address`."""
    return [
        login(client, username, f"guess-{n}", address) for n in range(settings.AXES_FAILURE_LIMIT)
    ]


def test_admin_locks_a_username_from_the_guessing_address_only(client, accounts):
    answers = guess_until_locked(admin_login, client, "alice", "198.51.100.1")
    for response in answers[:-1]:
        assert response.status_code == 200  # the form again, with its error
        assert "Please enter the correct username and password" in response.content.decode()
    assert_admin_locked(answers[-1])
    # Locked from that address, even with the right password...
    assert_admin_locked(admin_login(client, "alice", PASSWORD, "198.51.100.1"))
    # ... while the editor signs in from anywhere else, and others from that address.
    assert admin_succeeded(admin_login(client, "alice", PASSWORD, "203.0.113.7"))
    assert admin_succeeded(admin_login(client, "bob", PASSWORD, "198.51.100.1"))


def test_guesses_spread_over_many_addresses_lock_nothing(client, accounts):
    for n in range(3 * settings.AXES_FAILURE_LIMIT):
        admin_login(client, "alice", f"guess-{n}", f"198.51.100.{n + 1}")
        token_login(client, "alice", f"guess-{n}", f"198.51.100.{n + 1}")
    assert admin_succeeded(admin_login(client, "alice", PASSWORD, "203.0.113.7"))
    assert token_login(client, "alice", PASSWORD, "203.0.113.8").status_code == 200


def test_token_endpoint_locks_a_username_from_the_guessing_address_only(client, accounts):
    answers = guess_until_locked(token_login, client, "alice", "198.51.100.2")
    for response in answers[:-1]:
        assert response.status_code == 400
        assert response.json() == {
            "non_field_errors": ["Unable to log in with provided credentials."]
        }
    assert_token_locked(answers[-1])
    assert_token_locked(token_login(client, "alice", PASSWORD, "198.51.100.2"))
    # The admin sees the same lockout from that address: one username, one count.
    assert_admin_locked(admin_login(client, "alice", PASSWORD, "198.51.100.2"))
    response = token_login(client, "alice", PASSWORD, "203.0.113.9")
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


@pytest.mark.parametrize("login", [admin_login, token_login])
def test_the_answers_are_the_same_whether_the_account_exists(client, accounts, login):
    def shape(response, username):
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        return response.status_code, body.replace(username, "USERNAME")

    real = guess_until_locked(login, client, "alice", "198.51.100.3")
    made_up = guess_until_locked(login, client, "nobody", "198.51.100.4")
    assert [shape(r, "alice") for r in real] == [shape(r, "nobody") for r in made_up]
    assert real[-1].status_code == 429


@pytest.mark.parametrize("login", [admin_login, token_login])
def test_an_address_trying_many_usernames_is_slowed(client, accounts, settings, login):
    settings.CMS_LOGIN_RATE = "8/hour"
    names = [f"user{n}" for n in range(8)]
    for name in names:
        assert login(client, name, "guess", "192.0.2.66").status_code in (200, 400)
    slowed = login(client, "alice", PASSWORD, "192.0.2.66")
    assert slowed.status_code == 429
    assert int(slowed["Retry-After"]) > 0
    # Another address is not slowed, and the admin and the token endpoint share one count.
    other = admin_login if login is token_login else token_login
    assert other(client, "alice", "guess", "192.0.2.66").status_code == 429
    assert login(client, "bob", PASSWORD, "203.0.113.10").status_code in (200, 302)


def test_a_forwarded_address_counts_only_behind_the_proxy(client, accounts, settings):
    settings.CMS_LOGIN_RATE = "3/hour"

    def attempt(forwarded):
        return client.post(
            TOKEN,
            {"username": "bob", "password": "guess"},
            content_type="application/json",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    # Served directly, the header is the client's own word: the attempts share one count.
    assert [attempt(f"203.0.113.{n}").status_code for n in range(4)] == [400, 400, 400, 429]
    settings.CMS_BEHIND_PROXY = True
    # Behind our proxy, which sets the header, each address has its own count.
    assert [attempt(f"198.51.100.{n}").status_code for n in range(4)] == [400] * 4
    assert [attempt("198.51.100.9").status_code for _ in range(4)] == [400, 400, 400, 429]


def test_a_success_resets_the_count(client, accounts):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        admin_login(client, "carol", f"typo-{n}", "203.0.113.20")
    assert admin_succeeded(admin_login(client, "carol", PASSWORD, "203.0.113.20"))
    for n in range(limit - 1):
        assert admin_login(client, "carol", f"typo-{n}", "203.0.113.20").status_code == 200
    assert admin_succeeded(admin_login(client, "carol", PASSWORD, "203.0.113.20"))
