"""The short CI runs of `manage.py loadtest --fault`: readers, API clients, editors and
publishers keep going under gunicorn on a PostgreSQL cluster and a redis-server of the run's own
while PostgreSQL restarts, or while gunicorn workers are killed mid-request. The command fails on
a lost write, a 503 without Retry-After, a failure once the fault is over or a restarted
gunicorn; the report must also say so."""

import io
import re

from django.core.management import call_command

SECONDS = 25


def run(fault: str, static: str, capsys) -> str:
    out = io.StringIO()
    try:
        call_command(
            "loadtest", fault=fault, seconds=SECONDS, users=10, static_from=static, stdout=out
        )
    finally:
        report = out.getvalue()
        with capsys.disabled():
            print(f"\n{report}")  # the figures, for the run's log
    assert "lost or wrong in the database: 0" in report, report
    assert int(re.search(r"writes acknowledged: (\d+)", report).group(1)) > 0, report
    return report


def test_postgresql_restarted_under_load_answers_503s_then_recovers_and_loses_no_write(
    static_root, capsys
):
    report = run("postgres-restart", static_root, capsys)

    unavailable = re.search(r"503 answers with Retry-After: (\d+) of (\d+)", report)
    assert unavailable and unavailable[1] == unavailable[2] and int(unavailable[1]) > 0, report
    back = re.search(r"after PostgreSQL was back: (\d+) requests, (\d+) failed", report)
    assert int(back[1]) > 0 and back[2] == "0", report
    assert "the same master and workers throughout" in report


def test_workers_killed_mid_request_lose_no_acknowledged_write(static_root, capsys):
    report = run("worker-kill", static_root, capsys)

    assert re.search(r"failed by status: (none|\{0: \d+\})", report), report
    after = re.search(r"from 5 s after the last kill: (\d+) requests, (\d+) failed", report)
    assert int(after[1]) > 0 and after[2] == "0", report
