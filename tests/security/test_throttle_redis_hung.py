"""A Redis that accepts connections and then says nothing (hung, its host stalled) must not
hold every API request: the cache's socket timeouts (`CMS_REDIS_TIMEOUT`) bound the wait, and
the throttle then fails open as it does for a Redis that refuses. The Redis here is a real
listening socket that never answers; it needs nothing installed."""

import logging
import socket
import time

import pytest

from cms.settings import cache_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_redis(settings):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        settings.CACHES = {"default": cache_settings({"REDIS_URL": url})}
        yield


def test_the_api_answers_within_the_timeout_and_logs_it(client, hung_redis, caplog):
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="core.api.throttles"):
        response = client.get("/api/v1/quotes/")
    assert response.status_code == 200
    # The default timeout is a second; redis-py's own default held each request 5 s.
    assert time.monotonic() - started < 3
    assert "Throttle cache unavailable" in caplog.text
