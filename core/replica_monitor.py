"""How far each read replica is behind, as one process sees it (`core.replicas` routes by it).

Keeping up is measured from WAL positions, at most every `CMS_REPLICA_CHECK_SECONDS`: a replica
that has replayed the primary's current position has no lag; one behind it lags by the age of
the last transaction it replayed. The replay timestamp alone would grow on an idle primary; used
only while positions differ, it errs on the side of the primary (right after a write to an idle
primary, until the replica replays it). A replica lagging more than
`CMS_REPLICA_MAX_LAG_SECONDS`, or not answering, is skipped (logged, logger `core.replicas`)
until it has replayed what the primary had when it was last found behind.

A replica is measured on a thread of its own (`Probe`), with its own connection, and whoever
asks waits `CMS_REPLICA_CONNECT_TIMEOUT` at most: a replica that hangs with its connections open
(its host stalled, its processes stopped) would otherwise hold that reader, or /healthz, until it
moved again. While a measurement is stuck no other starts: the replica counts as unavailable
until it answers.
"""

import contextlib
import logging
import math
import queue
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger("core.replicas")
RECHECK_SECONDS = 0.25


def parse_lsn(text: str | None) -> int | None:
    """`16/B374D848` -> an integer that orders like the WAL position."""
    if not text:
        return None
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


def primary_position() -> int | None:
    """Where the primary's WAL stands now (after a commit: at or past that commit)."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return parse_lsn(cursor.fetchone()[0])


def replay_state(alias: str) -> tuple[int | None, float | None]:
    """(replayed WAL position, seconds since the last replayed commit) of a replica; the
    position is None on a server that is not a standby."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT pg_last_wal_replay_lsn()::text, "
            "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8"
        )
        position, age = cursor.fetchone()
    return parse_lsn(position), age


class Unanswered(Exception):
    """A replica did not answer a measurement in time."""


@dataclass(eq=False)
class Measurement:
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    result: tuple[int | None, float | None] | None = None
    error: Exception | None = None


class Probe:
    """`replay_state` of one replica, run on a daemon thread that keeps its own connection, so
    that a caller can stop waiting; callers arriving while a measurement is under way share it
    rather than queue another behind it."""

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.lock = threading.Lock()
        self.requests: queue.SimpleQueue[Measurement] = queue.SimpleQueue()
        self.pending: Measurement | None = None
        self.thread: threading.Thread | None = None

    def measure(self, bound: float) -> tuple[int | None, float | None]:
        """The replica's replay state; DatabaseError as the replica raised it, or Unanswered
        once `bound` seconds have passed since the measurement started."""
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                # None yet, or one inherited through a fork without its thread: what it had
                # under way will never be answered in this process.
                self.pending = None
                self.requests = queue.SimpleQueue()
                self.thread = threading.Thread(
                    target=self.run, args=(self.requests,), name=f"probe-{self.alias}", daemon=True
                )
                self.thread.start()
            if self.pending is None:
                self.pending = Measurement(time.monotonic())
                self.requests.put(self.pending)
            measurement = self.pending
        if not measurement.done.wait(max(measurement.started + bound - time.monotonic(), 0)):
            waited = time.monotonic() - measurement.started
            raise Unanswered(f"no answer to the lag check for {waited:.1f} s")
        if measurement.error is not None:
            raise measurement.error
        return measurement.result

    def run(self, requests: queue.SimpleQueue) -> None:
        while True:
            measurement = requests.get()
            try:
                measurement.result = replay_state(self.alias)
            except Exception as exc:  # handed to the callers, who know what it means to them
                measurement.error = exc
                if isinstance(exc, DatabaseError):  # the connection may be broken
                    with contextlib.suppress(DatabaseError):
                        connections[self.alias].close()
            finally:
                with self.lock:
                    if self.pending is measurement:
                        self.pending = None
                measurement.done.set()


@dataclass(frozen=True)
class ReplicaState:
    status: str  # "ok", "lagging" or "unavailable"
    lag_seconds: float | None
    checked_at: float
    detail: str = ""

    @property
    def usable(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict:
        lag = self.lag_seconds
        shown = None if lag is None else (round(lag, 3) if math.isfinite(lag) else "unknown")
        return {"status": self.status, "lag_seconds": shown} | (
            {"detail": self.detail} if self.detail else {}
        )


class Monitor:
    """Each replica's state in this process, checked again when older than
    `CMS_REPLICA_CHECK_SECONDS` by whichever thread needs it first (the others use the last
    state meanwhile)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checking: set[str] = set()
        self.states: dict[str, ReplicaState] = {}
        self.probes: dict[str, Probe] = {}
        # A replica found lagging or down must replay at least this primary position (the
        # primary's at that check) before it serves again: purges made meanwhile did not wait
        # for it.
        self.barriers: dict[str, int] = {}

    def state(self, alias: str) -> ReplicaState:
        with self.lock:
            state = self.states.get(alias)
            fresh = state is not None and (
                time.monotonic() - state.checked_at < settings.CMS_REPLICA_CHECK_SECONDS
            )
            if fresh or (state is not None and alias in self.checking):
                return state
            self.checking.add(alias)
        try:
            return self.check(alias)
        finally:
            with self.lock:
                self.checking.discard(alias)

    def probe(self, alias: str) -> Probe:
        with self.lock:
            if alias not in self.probes:
                self.probes[alias] = Probe(alias)
            return self.probes[alias]

    def replay_state(self, alias: str) -> tuple[int | None, float | None]:
        """`replay_state`, `CMS_REPLICA_CONNECT_TIMEOUT` at most (Unanswered after that)."""
        return self.probe(alias).measure(settings.CMS_REPLICA_CONNECT_TIMEOUT)

    def check(self, alias: str) -> ReplicaState:
        """Measure the replica now, record and return its state."""
        now = time.monotonic()
        try:
            primary = primary_position()
        except DatabaseError:
            # The primary is down: the replica is all readers have; its lag cannot be known.
            connections[DEFAULT_DB_ALIAS].close()
            primary = None
        with self.lock:
            before = self.states.get(alias)
        # Checked again while unavailable (a hung host whose connections the kernel dropped:
        # each measurement then waits out a connect timeout), a replica costs its reader a
        # short wait; one that answers again does so in milliseconds.
        unavailable = before is not None and before.status == "unavailable"
        bound = RECHECK_SECONDS if unavailable else settings.CMS_REPLICA_CONNECT_TIMEOUT
        try:
            replayed, age = self.probe(alias).measure(bound)
        except (DatabaseError, Unanswered) as exc:
            state = ReplicaState("unavailable", None, now, str(exc)[:200])
            return self.record(alias, state, primary)
        if primary is None or replayed is None or replayed >= primary:
            lag = 0.0
        else:
            lag = age if age is not None else math.inf
        with self.lock:
            barrier = self.barriers.get(alias)
        if barrier is None and before is not None and not before.usable:
            # Found down by a reader rather than by a check, it has no barrier yet: purges made
            # since may not have waited for it.
            barrier = primary
        caught_up = barrier is None or replayed is None or replayed >= barrier
        if lag > settings.CMS_REPLICA_MAX_LAG_SECONDS:
            state = ReplicaState("lagging", lag, now)
        elif not caught_up:
            state = ReplicaState("lagging", lag, now, "catching up after an outage")
        else:
            state = ReplicaState("ok", lag, now)
        return self.record(alias, state, primary)

    def record(self, alias: str, state: ReplicaState, primary: int | None) -> ReplicaState:
        with self.lock:
            before = self.states.get(alias)
            self.states[alias] = state
            if state.usable:
                self.barriers.pop(alias, None)
            elif primary is not None:
                self.barriers[alias] = max(primary, self.barriers.get(alias, 0))
        if state.usable and before is not None and not before.usable:
            logger.warning("replica %s serves reads again (lag %.3f s)", alias, state.lag_seconds)
        elif not state.usable and (before is None or before.usable):
            logger.warning(
                "replica %s skipped, reads go to the primary: %s (lag %s s) %s",
                alias,
                state.status,
                state.lag_seconds,
                state.detail,
            )
        return state

    def mark_unavailable(self, alias: str, reason: object, primary: int | None = None) -> None:
        state = ReplicaState("unavailable", None, time.monotonic(), str(reason)[:200])
        self.record(alias, state, primary)


monitor = Monitor()
