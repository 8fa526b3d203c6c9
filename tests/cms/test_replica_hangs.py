"""A replica that hangs with its connections open must cost a reader a bounded wait, never for
ever: the lag check on a thread of its own (core.replica_monitor.Probe), and the watchdog that
cuts a blocked socket off (core.deadlines). tests/deploy/test_replica_hang_drills.py stops a
real standby with SIGSTOP."""

import socket
import threading
import time

import pytest
from django.db import OperationalError

from core import replica_monitor
from core.deadlines import Watchdog
from core.replica_monitor import Monitor, Probe, Unanswered


@pytest.fixture
def hung_replica(monkeypatch):
    """replay_state blocks until `release` is set; `calls` counts the measurements started."""
    release = threading.Event()
    calls = []

    def replay_state(alias):
        calls.append(alias)
        assert release.wait(30), "never released"
        return 100, 0.0

    monkeypatch.setattr(replica_monitor, "replay_state", replay_state)
    yield release, calls
    release.set()


def test_a_measurement_that_hangs_is_given_up_at_its_bound(hung_replica):
    release, calls = hung_replica
    probe = Probe("replica1")
    started = time.monotonic()
    with pytest.raises(Unanswered):
        probe.measure(0.2)
    assert 0.2 <= time.monotonic() - started < 1


def test_no_second_measurement_starts_while_one_is_stuck(hung_replica):
    release, calls = hung_replica
    probe = Probe("replica1")
    with pytest.raises(Unanswered):
        probe.measure(0.1)
    threads = threading.active_count()
    for _ in range(20):
        started = time.monotonic()
        with pytest.raises(Unanswered):
            probe.measure(0.1)
        # Past its bound already: nobody waits, where a wait would take the whole bound.
        assert time.monotonic() - started < 0.1
    assert calls == ["replica1"]
    assert threading.active_count() == threads

    release.set()
    deadline = time.monotonic() + 5
    while probe.pending is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert probe.measure(1) == (100, 0.0)
    assert calls == ["replica1", "replica1"]
    assert threading.active_count() == threads


def test_a_hung_replica_is_unavailable_and_serves_again_once_caught_up(
    hung_replica, monkeypatch, settings
):
    release, calls = hung_replica
    settings.CMS_REPLICA_CONNECT_TIMEOUT = 0.2
    settings.CMS_REPLICA_MAX_LAG_SECONDS = 2
    monkeypatch.setattr(replica_monitor, "primary_position", lambda: 150)
    monitor = Monitor()

    state = monitor.check("replica1")
    assert state.status == "unavailable"
    assert "no answer" in state.detail
    assert monitor.barriers["replica1"] == 150

    release.set()
    time.sleep(0.1)
    # It answers again, but has not replayed what the primary had when it hung.
    assert monitor.check("replica1").status == "lagging"
    monkeypatch.setattr(replica_monitor, "replay_state", lambda alias: (150, 0.0))
    assert monitor.check("replica1").status == "ok"


def test_a_replica_cut_off_by_a_reader_needs_a_barrier_before_it_serves_again(
    monkeypatch, settings
):
    settings.CMS_REPLICA_MAX_LAG_SECONDS = 3600
    monkeypatch.setattr(replica_monitor, "primary_position", lambda: 150)
    monkeypatch.setattr(replica_monitor, "replay_state", lambda alias: (120, 1.0))
    monitor = Monitor()
    monitor.mark_unavailable("replica1", "no answer within 5 s: cut off")

    assert monitor.check("replica1").status == "lagging"
    monkeypatch.setattr(replica_monitor, "replay_state", lambda alias: (150, 0.0))
    assert monitor.check("replica1").status == "ok"


def test_a_replica_found_unavailable_costs_its_next_readers_a_short_wait(monkeypatch, settings):
    """A host gone from the network: each measurement waits out a connect timeout."""
    settings.CMS_REPLICA_CONNECT_TIMEOUT = 2

    def connect_times_out(alias):
        time.sleep(1)
        raise OperationalError("connection timeout expired")

    monkeypatch.setattr(replica_monitor, "primary_position", lambda: 150)
    monkeypatch.setattr(replica_monitor, "replay_state", connect_times_out)
    monitor = Monitor()
    # An alias that exists here: the probe closes its connection after a database error.
    assert monitor.check("default").detail == "connection timeout expired"

    started = time.monotonic()
    assert monitor.check("default").status == "unavailable"
    assert time.monotonic() - started < replica_monitor.RECHECK_SECONDS + 0.2


def test_the_watchdog_cuts_a_read_off_at_its_deadline():
    expired = []
    watchdog = Watchdog(on_expired=lambda label, seconds: expired.append((label, seconds)))
    ours, silent = socket.socketpair()
    with ours, silent:
        started = time.monotonic()
        with watchdog.watch(ours.fileno(), 0.2, "replica1") as watch:
            ours.settimeout(10)  # for ever, were the watchdog to fail
            assert ours.recv(1) == b""
        assert 0.2 <= time.monotonic() - started < 2
        assert watch.expired
    deadline = time.monotonic() + 2
    while not expired and time.monotonic() < deadline:
        time.sleep(0.01)
    assert expired == [("replica1", 0.2)]


def test_a_call_within_its_deadline_is_left_alone():
    watchdog = Watchdog(on_expired=lambda label, seconds: pytest.fail("cut off"))
    ours, other = socket.socketpair()
    with ours, other:
        with (
            watchdog.watch(ours.fileno(), 5, "replica1") as late,
            watchdog.watch(ours.fileno(), 0.5, "replica1") as soon,
        ):
            other.sendall(b"x")
            assert ours.recv(1) == b"x"
        time.sleep(0.6)
        other.sendall(b"y")
        assert ours.recv(1) == b"y"
        assert not late.expired and not soon.expired
        assert not watchdog.watches
