"""The SQL read path's first query is the kept connection's health check: no `SELECT 1` round
trip before it, and a connection the server dropped is replaced without the reader noticing."""

import pytest
from django.core.cache import cache
from django.db import connection, connections

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def usable_checks(monkeypatch):
    """How many times Django's health check (`SELECT 1`) ran."""
    calls = []
    wrapper = type(connections["default"])
    original = wrapper.is_usable

    def is_usable(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(wrapper, "is_usable", is_usable)
    return calls


def new_request() -> None:
    """What Django does when a request starts with a connection kept from the last one (the
    test client leaves that signal out); and no cached answer, so the list is read."""
    connection.close_if_unusable_or_obsolete()
    cache.clear()


def test_a_live_connection_is_not_checked_before_the_list(api, usable_checks):
    PersonFactory(name="Ana Lee")
    api.get("/api/v1/people/")
    new_request()
    usable_checks.clear()
    response = api.get("/api/v1/people/")
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == ["Ana Lee"]
    assert usable_checks == []
    assert connection.health_check_done


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a server to drop the connection")
def test_a_connection_the_server_dropped_is_replaced(api, usable_checks):
    PersonFactory(name="Ana Lee")
    api.get("/api/v1/people/")
    old_pid = connection.connection.info.backend_pid
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname=settings["NAME"],
        password=settings["PASSWORD"] or None,
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s, 5000)", [old_pid])
    new_request()
    response = api.get("/api/v1/people/")
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == ["Ana Lee"]
    assert connection.connection.info.backend_pid != old_pid
    assert usable_checks == [1]  # asked once, after the read failed


def test_an_error_of_the_read_itself_is_not_retried(monkeypatch):
    """A read that fails on a working connection raises as it is, once."""
    from django.db import DatabaseError

    from cms.api_rows import run_read

    connection.ensure_connection()
    connection.health_check_done = False
    runs = []

    def read():
        runs.append(1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT no_such_column FROM quotes_person")

    with pytest.raises(DatabaseError):
        run_read(read)
    assert runs == [1]
