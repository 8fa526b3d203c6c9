"""The load test's check of acknowledged writes against the database (tools/loadtest/check.py):
a write stored as last acknowledged passes, one stored at an older version or otherwise is lost,
one stored at a later version committed without an answer (counted apart, not lost)."""

import json

import pytest
from django.db import connection

from quotes.models import Quote
from tests.factories import QuoteFactory
from tools.loadtest.check import Writes, failure_reason, lost_writes


@pytest.fixture
def database_url(transactional_db):
    """The test database, for the checker's own connection (rows committed: transactional_db)."""
    if connection.vendor != "postgresql":
        pytest.skip("the checker reads PostgreSQL (psycopg)")
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def ack(quote, version, text=None, state=None) -> str:
    return json.dumps(
        {
            "kind": "quote",
            "id": quote.pk,
            "version": version,
            "text": text or quote.text,
            "state": state or quote.state,
        }
    )


def test_lost_wrong_and_unanswered_writes_are_told_apart(database_url, tmp_path):
    kept, lost, wrong, ahead = (QuoteFactory() for _ in range(4))
    Quote.objects.filter(pk=ahead.pk).update(version=ahead.version + 1)
    acks = tmp_path / "acks.jsonl"
    acks.write_text(
        "\n".join(
            [
                ack(kept, kept.version - 1, "an earlier text"),
                ack(kept, kept.version),
                ack(lost, lost.version + 1),  # acknowledged, then not in the database
                ack(wrong, wrong.version, "not what was stored"),
                ack(ahead, ahead.version),
            ]
        )
    )

    writes = lost_writes(acks, database_url)

    assert (writes.acknowledged, writes.quotes) == (5, 4)
    assert [line.split(":")[0] for line in writes.problems] == [
        f"quote {lost.pk}",
        f"quote {wrong.pk}",
    ]
    assert [line.split(":")[0] for line in writes.unacknowledged] == [f"quote {ahead.pk}"]


def test_a_run_that_wrote_nothing_says_so_rather_than_a_line_of_zeros():
    """`loadtest --seconds 10 --users 3` failed with "0 failed requests (0 server errors), 0 lost
    or wrong writes, 0 stale reads, 0 writes acknowledged.", which did not say what was wrong."""
    nothing = Writes(acknowledged=0, quotes=0, problems=[], unacknowledged=[])
    failed = failure_reason(nothing)
    assert failed.startswith("no write was acknowledged") and "--seconds" in failed
    assert "0 failed requests" not in failed


def test_the_failure_reason_names_only_what_went_wrong():
    written = Writes(acknowledged=5, quotes=3, problems=["quote 7: lost"], unacknowledged=[])
    assert failure_reason(written, failures=2, server_errors=1) == (
        "2 failed requests (1 server errors); 1 lost or wrong writes"
    )
    clean = Writes(acknowledged=5, quotes=3, problems=[], unacknowledged=[])
    assert failure_reason(clean, stale_reads=1) == "1 stale reads"
    assert failure_reason(clean) is None
