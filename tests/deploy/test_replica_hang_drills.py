"""Drills of a replica that hangs with its connections open (deploy/README.md, "Read
replicas"): the standby's processes stopped with SIGSTOP under the nodes of
tests/deploy/replicated.py, resumed with SIGCONT."""

import os
import signal
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from tests.deploy.conftest import topology
from tests.deploy.replicated import CONNECT_TIMEOUT, QUERY_TIMEOUT, Answer, wait_caught_up

# The longest a reader may wait on a hung replica: a query cut off at its deadline, plus time
# for a loaded machine to serve the page.
HUNG_BOUND = QUERY_TIMEOUT + CONNECT_TIMEOUT + 3


def instance_processes(cluster) -> list[int]:
    """The cluster's postmaster and its children: that instance's processes alone, never
    another PostgreSQL's on the machine."""
    postmaster = int((cluster.datadir / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


@contextmanager
def hung(cluster):
    """The cluster's processes stopped (SIGSTOP), its connections left open, as when its host
    stalls; resumed (SIGCONT) at the end whatever happens."""
    stopped = []
    try:
        postmaster = instance_processes(cluster)[0]
        os.kill(postmaster, signal.SIGSTOP)  # first: it forks no child once stopped
        stopped.append(postmaster)
        for pid in instance_processes(cluster)[1:]:
            os.kill(pid, signal.SIGSTOP)
            stopped.append(pid)
        yield
    finally:
        for pid in reversed(stopped):
            os.kill(pid, signal.SIGCONT)


def timed(site, base, path) -> tuple[Answer | Exception, float]:
    started = time.monotonic()
    try:
        answer = site.request(base, path, timeout=HUNG_BOUND + 20)
    except OSError as exc:  # urllib's timeout or a dropped connection
        answer = exc
    return answer, time.monotonic() - started


def test_a_hung_replica_is_cut_off_within_seconds_and_serves_again_when_it_resumes(replicated):
    """The drill of deploy/README.md: the standby's processes stopped, readers in flight and
    arriving, and /healthz, all answer within seconds, from the primary (a read already under
    way on the replica: at worst a 503 with Retry-After); resumed, the replica serves again."""
    site = replicated
    paths = ["/", f"/api/v1/quotes/{site.quote}/", "/quotes/"]
    every = (site.tolerant, site.strict, site.steady)
    for _ in range(8):  # the nodes' threads keep connections to the replica, as in production
        for base in every:
            assert site.request(base, paths[_ % 3]).status == 200
    for base in every:  # and steady has just found it "ok": its next check is 10 s away
        assert site.request(base, "/healthz").json()["status"] == "ok"
    answers = []
    stop = threading.Event()

    def read(base):
        while not stop.is_set():
            answers.append(timed(site, base, paths[len(answers) % 3]))

    readers = [threading.Thread(target=read, args=(base,)) for base in [site.tolerant] * 2]
    readers += [threading.Thread(target=read, args=(base,)) for base in [site.strict] * 2]
    for reader in readers:
        reader.start()
    try:
        with hung(site.standby):
            site.set_text_on_primary("Read while the replica hangs.")
            # Its state still "ok", steady finds the hang by the health check of its kept
            # connection (or the connect timeout of a new one) under the reader's deadline.
            for bound in (CONNECT_TIMEOUT + 1.5, 1, 1):
                answer, took = timed(site, site.steady, f"/api/v1/quotes/{site.quote}/")
                assert took < bound, took
                assert answer.json()["text"] == "Read while the replica hangs."
            for base in every:
                health, took = timed(site, base, "/healthz")
                assert took < CONNECT_TIMEOUT + 2, took
                assert health.status == 200, health
                assert health.json()["status"] == "degraded"
                assert health.json()["replicas"]["replica1"]["status"] == "unavailable"
                for _ in range(3):
                    answer, took = timed(site, base, f"/api/v1/quotes/{site.quote}/")
                    assert took < HUNG_BOUND, took
                    assert answer.status == 200, answer
                    assert answer.json()["text"] == "Read while the replica hangs."
            time.sleep(QUERY_TIMEOUT)
    finally:
        stop.set()
        for reader in readers:
            reader.join(HUNG_BOUND + 30)
    assert answers
    for answer, took in answers:
        assert took < HUNG_BOUND, (answer, took)
        assert isinstance(answer, Answer), answer
        assert answer.status in (200, 503), (answer.status, answer.body[:300])
        if answer.status == 503:
            assert answer.headers["Retry-After"] == "5"

    wait_caught_up(site.primary, site.standby)
    deadline = time.monotonic() + 30
    while any(site.request(base, "/healthz").json()["status"] != "ok" for base in every):
        assert time.monotonic() < deadline, "the replica did not serve again"
        time.sleep(0.2)
    site.pause_replay()
    try:
        site.set_text_on_primary("Written once the replica was back.")
        for base in (site.tolerant, site.steady):  # the replica's text, not the primary's
            assert site.text(base) == "Read while the replica hangs."
    finally:
        site.resume_replay()


@contextmanager
def table_locked(site, table):
    """`table` locked on the primary (ACCESS EXCLUSIVE, in a transaction left open), until the
    standby has replayed the lock: reads of it there wait, as on a replica that stopped
    mid-query. Released at the end, whatever happens."""
    holder = subprocess.Popen(
        [str(topology.PG_BIN / "psql"), "-X", "-q", "-h", "127.0.0.1", "-p",
         str(site.primary.port), "-U", "postgres", "-d", site.database, "-c",
         f"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120)"],
        env={**os.environ, "PGAPPNAME": "lock-holder"},
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        held = f"SELECT count(*) FROM pg_locks WHERE relation = '{table}'::regclass"
        while site.standby.psql(held, site.database) == "0":
            assert time.monotonic() < deadline, "the standby did not replay the lock"
            time.sleep(0.05)
        yield
    finally:
        site.primary.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'lock-holder'"
        )
        holder.wait(30)


def test_a_read_under_way_when_the_replica_hangs_is_a_503_within_the_query_timeout(replicated):
    """Not a 500 and not a wait until the replica moves again: the query is cut off at
    CMS_REPLICA_QUERY_TIMEOUT and the request fails as on a lost database, with Retry-After."""
    site = replicated
    path = f"/api/v1/quotes/{site.quote}/"
    answers = []
    with table_locked(site, "quotes_quote"):
        reader = threading.Thread(target=lambda: answers.append(timed(site, site.tolerant, path)))
        reader.start()
        time.sleep(1)  # its query waits on the replica
        with hung(site.standby):
            site.primary.psql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'lock-holder'"
            )
            reader.join(HUNG_BOUND + 30)
            answer, took = answers[0]
            assert isinstance(answer, Answer), answer
            assert answer.status == 503, answer.body
            assert answer.headers["Retry-After"] == "5"
            assert QUERY_TIMEOUT - 0.5 < took < QUERY_TIMEOUT + 2, took
            # The next readers get the primary: one may wait for a lag check (checked at every
            # request here) until its bound; the check stays stuck, and nobody waits again.
            for bound in (CONNECT_TIMEOUT + 1.5, 1, 1):
                answer, took = timed(site, site.tolerant, path)
                assert answer.status == 200 and took < bound, (answer, took)
    wait_caught_up(site.primary, site.standby)
