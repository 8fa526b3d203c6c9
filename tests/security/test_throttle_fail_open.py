"""When the cache holding the throttles' counters is unreachable (Redis stopped), requests
are answered unthrottled and the failure is logged: the throttle fails open."""

import logging

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_redis(settings):
    # Port 9 (discard) on localhost: nothing listens, every connection is refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }


def test_the_api_answers_unthrottled_and_logs_it(client, settings, unreachable_redis, caplog):
    settings.CMS_API_ANON_RATE = "2/min"
    with caplog.at_level(logging.WARNING, logger="core.api.throttles"):
        statuses = [client.get("/api/v1/quotes/").status_code for _ in range(4)]
    assert statuses == [200] * 4
    assert "Throttle cache unavailable" in caplog.text


def test_logins_are_answered_unthrottled(client, settings, unreachable_redis, django_user_model):
    settings.CMS_LOGIN_RATE = "1/hour"
    django_user_model.objects.create_user("alice", password="Correct-horse-battery-9")
    for _ in range(2):
        response = client.post(
            "/api/v1/auth/token/",
            {"username": "alice", "password": "Correct-horse-battery-9"},
            content_type="application/json",
        )
        assert response.status_code == 200
        response = client.post(
            "/admin/login/", {"username": "alice", "password": "wrong"}, REMOTE_ADDR="192.0.2.9"
        )
        assert response.status_code == 200
