"""Logins resist guessing (django-axes): after AXES_FAILURE_LIMIT failures an account is locked
whatever the address, and an address is locked whatever the account, while other accounts and
other addresses carry on. Real POSTs, one client address each (Django's `client.login()` sends no
request, which axes refuses)."""

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


def test_admin_locks_an_account_guessed_from_many_addresses(client, accounts):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        response = admin_login(client, "alice", f"guess-{n}", f"198.51.100.{n + 1}")
        assert response.status_code == 200  # the form again, with its error
        assert "Please enter the correct username and password" in response.content.decode()
    assert_admin_locked(admin_login(client, "alice", "guess-last", "198.51.100.99"))
    # Locked, even with the right password from a fresh address.
    assert_admin_locked(admin_login(client, "alice", PASSWORD, "203.0.113.7"))
    # Another account is not locked, from the very address that just failed.
    assert admin_succeeded(admin_login(client, "bob", PASSWORD, "198.51.100.99"))


def test_admin_locks_an_address_that_guesses_many_accounts(client, accounts):
    limit = settings.AXES_FAILURE_LIMIT
    attacker = "192.0.2.66"
    names = [user.username for user in accounts]
    for n in range(limit - 1):
        assert admin_login(client, names[n], "guess", attacker).status_code == 200
    assert_admin_locked(admin_login(client, names[limit - 1], "guess", attacker))
    # The address is locked for everyone, even with a right password...
    assert_admin_locked(admin_login(client, "alice", PASSWORD, attacker))
    # ... while the same accounts log in from another address.
    for name in names[: limit - 1]:
        assert admin_succeeded(admin_login(client, name, PASSWORD, "203.0.113.8"))


def test_token_endpoint_locks_an_account_guessed_from_many_addresses(client, accounts):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        response = token_login(client, "alice", f"guess-{n}", f"198.51.100.{n + 1}")
        assert response.status_code == 400
        assert response.json() == {
            "non_field_errors": ["Unable to log in with provided credentials."]
        }
    assert_token_locked(token_login(client, "alice", "guess-last", "198.51.100.99"))
    assert_token_locked(token_login(client, "alice", PASSWORD, "203.0.113.7"))
    # The admin sees the same lockout: one account, one count.
    assert_admin_locked(admin_login(client, "alice", PASSWORD, "203.0.113.9"))
    response = token_login(client, "bob", PASSWORD, "198.51.100.99")
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_token_endpoint_locks_an_address_that_guesses_many_accounts(client, accounts):
    limit = settings.AXES_FAILURE_LIMIT
    attacker = "192.0.2.77"
    names = [user.username for user in accounts]
    for n in range(limit - 1):
        assert token_login(client, names[n], "guess", attacker).status_code == 400
    assert_token_locked(token_login(client, names[limit - 1], "guess", attacker))
    assert_token_locked(token_login(client, "alice", PASSWORD, attacker))
    for name in names[: limit - 1]:
        response = token_login(client, name, PASSWORD, "203.0.113.10")
        assert response.status_code == 200, (name, response.content)


def test_a_success_resets_the_count(client, accounts):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        admin_login(client, "carol", f"typo-{n}", "203.0.113.20")
    assert admin_succeeded(admin_login(client, "carol", PASSWORD, "203.0.113.20"))
    for n in range(limit - 1):
        assert admin_login(client, "carol", f"typo-{n}", "203.0.113.20").status_code == 200
    assert admin_succeeded(admin_login(client, "carol", PASSWORD, "203.0.113.20"))
