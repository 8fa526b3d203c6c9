"""The routing rules of core.replicas that need no replica (tests/deploy/test_replicas.py runs
them against a real standby)."""

import pytest
from django.db import transaction
from django.test import RequestFactory

from core.replica_monitor import parse_lsn
from core.replicas import (
    RECENT_WRITE_COOKIE,
    ReplicaRouter,
    Route,
    current_route,
    may_read_from_replica,
)


@pytest.mark.parametrize(
    ("method", "path", "extra", "expected"),
    [
        ("get", "/quotes/", {}, True),
        ("head", "/api/v1/quotes/", {}, True),
        ("post", "/api/v1/quotes/", {}, False),
        ("get", "/admin/", {}, False),
        ("get", "/quotes/", {"HTTP_AUTHORIZATION": "Token abc"}, False),
        ("get", "/quotes/", {"HTTP_COOKIE": "sessionid=abc"}, False),
        ("get", "/quotes/", {"HTTP_COOKIE": f"{RECENT_WRITE_COOKIE}=1"}, False),
    ],
)
def test_only_anonymous_public_reads_may_use_a_replica(method, path, extra, expected):
    request = getattr(RequestFactory(), method)(path, **extra)
    assert may_read_from_replica(request) is expected


def test_only_the_primary_is_migrated_and_written():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "quotes")
    assert not router.allow_migrate("replica1", "quotes")
    assert router.db_for_write(None) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary():
    route = Route()
    route.alias = "replica1"
    token = current_route.set(route)
    try:
        assert ReplicaRouter().db_for_read(None) == "replica1"
        with transaction.atomic():
            assert ReplicaRouter().db_for_read(None) == "default"
    finally:
        current_route.reset(token)


def test_requests_not_marked_read_from_the_primary():
    assert ReplicaRouter().db_for_read(None) == "default"


@pytest.mark.django_db
def test_a_write_marks_its_client_for_a_few_seconds(client, settings):
    settings.CMS_REPLICA_ALIASES = ["replica1"]
    settings.CMS_READ_YOUR_WRITES_SECONDS = 7
    response = client.post("/api/v1/quotes/", {"text": "x"}, content_type="application/json")
    cookie = response.cookies[RECENT_WRITE_COOKIE]
    assert cookie["max-age"] == 7 and cookie["httponly"]


@pytest.mark.django_db
def test_without_replicas_writes_set_no_cookie(client):
    response = client.post("/api/v1/quotes/", {"text": "x"}, content_type="application/json")
    assert RECENT_WRITE_COOKIE not in response.cookies


def test_wal_positions_order_as_numbers():
    assert parse_lsn("0/16B3748") < parse_lsn("0/16B3750") < parse_lsn("1/0")
    assert parse_lsn(None) is None
