"""The service survives its parts failing: PostgreSQL restarted (a 503 with Retry-After
meanwhile, then answers again without restarting gunicorn) and Redis stopped (the throttles fail
open, logged, and count again when it returns). One gunicorn serves both, in this order."""

from tests.faults.conftest import ANON_RATE

PAGES = ["/", "/quotes/", "/articles/"]


def test_with_postgresql_restarting_requests_get_a_503_then_answers_return(app, cluster):
    assert [app.get(path)[0] for path in PAGES] == [200] * len(PAGES)
    cluster.stop()
    for path in [*PAGES, "/api/v1/articles/"]:
        status, headers, body = app.get(path)
        assert status == 503, (path, body)
        assert headers["Retry-After"] == "5"
        assert b"Try again in 5 seconds." in body, body
    cluster.start()
    # Every worker reconnects on its next request (Django checks a kept connection first).
    assert [app.get(path)[0] for path in PAGES * 3] == [200] * len(PAGES) * 3
    assert app.get("/api/v1/articles/")[0] == 200


def test_with_redis_stopped_pages_and_the_api_answer_and_throttles_recover(app, redis):
    api = [app.get("/api/v1/quotes/")[0] for _ in range(ANON_RATE + 1)]
    assert api[0] == 200 and 429 in api  # the throttle counts, in Redis
    redis.stop()
    assert [app.get("/api/v1/quotes/")[0] for _ in range(3)] == [200] * 3  # fails open
    assert [app.get(path)[0] for path in PAGES] == [200] * len(PAGES)
    assert "Throttle cache unavailable" in app.log.read_text()
    redis.start()  # empty, on the same port
    api = [app.get("/api/v1/sources/")[0] for _ in range(ANON_RATE + 1)]
    assert api[:-1] == [200] * ANON_RATE and api[-1] == 429  # counting again
