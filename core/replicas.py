"""Read replicas: anonymous public reads go to a PostgreSQL streaming replica, the rest to the
primary.

Each URL of `DATABASE_REPLICA_URLS` is one more database alias (`replica1`, `replica2`, ...,
listed in `CMS_REPLICA_ALIASES`). `ReplicaReadsMiddleware` decides, per request, whether its
reads may go to a replica: a GET or HEAD, anonymous (`core.surrogate.is_anonymous`: no session
cookie, no credentials), outside the admin, from a client that has not written in the last
`CMS_READ_YOUR_WRITES_SECONDS` (the response to any other method sets the short-lived
`RECENT_WRITE_COOKIE`, so its author reads a write back from the primary at once).
`ReplicaRouter` sends such a request's reads to a replica that answers and keeps up, and every
other read, every write, anything inside a transaction, migrations and management commands to
the primary.

Keeping up is measured from WAL positions (`monitor`, at most every `CMS_REPLICA_CHECK_SECONDS`
per process): a replica that has replayed the primary's current position has no lag; one behind
it lags by the age of the last transaction it replayed. The replay timestamp alone would grow on
an idle primary; used only while positions differ, it errs on the side of the primary (right
after a write to an idle primary, until the replica replays it). A replica lagging more than
`CMS_REPLICA_MAX_LAG_SECONDS`, or not answering, is skipped (logged, logger `core.replicas`)
until it has replayed what the primary had when it was last found behind.

Caches: after a commit, `wait_until_replayed` holds the purge (core.surrogate) until the
replicas serving reads have replayed that commit, `CMS_REPLICA_PURGE_WAIT_SECONDS` at most, so
that the page a cache fetches again after the purge is the new one. A replica still behind
then is skipped until it has caught up.
"""

import logging
import math
import random
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from core import surrogate

logger = logging.getLogger("core.replicas")

RECENT_WRITE_COOKIE = "recentwrite"
SAFE_METHODS = ("GET", "HEAD")
# How often a purge waiting for a replica asks it again where its replay stands.
REPLAY_POLL_SECONDS = 0.01


def replica_aliases() -> list[str]:
    return list(getattr(settings, "CMS_REPLICA_ALIASES", ()))


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
    state meanwhile). Checks run on the calling thread's connections."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checking: set[str] = set()
        self.states: dict[str, ReplicaState] = {}
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

    def check(self, alias: str) -> ReplicaState:
        """Measure the replica now, record and return its state."""
        now = time.monotonic()
        try:
            primary = primary_position()
        except DatabaseError:
            # The primary is down: the replica is all readers have; its lag cannot be known.
            connections[DEFAULT_DB_ALIAS].close()
            primary = None
        try:
            replayed, age = replay_state(alias)
        except DatabaseError as exc:
            connections[alias].close()
            state = ReplicaState("unavailable", None, now, str(exc)[:200])
            return self.record(alias, state, primary)
        if primary is None or replayed is None or replayed >= primary:
            lag = 0.0
        else:
            lag = age if age is not None else math.inf
        with self.lock:
            barrier = self.barriers.get(alias)
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

    def mark_unavailable(self, alias: str, exc: Exception) -> None:
        state = ReplicaState("unavailable", None, time.monotonic(), str(exc)[:200])
        self.record(alias, state, None)


monitor = Monitor()


def connection_ready(alias: str) -> bool:
    """Django's own health check of a kept connection (CONN_HEALTH_CHECKS) and a connect if
    none, done before the first query so that a replica gone since its last check costs the
    reader nothing but the primary."""
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as exc:
        connection.close()
        monitor.mark_unavailable(alias, exc)
        return False
    return True


def choose_replica() -> str | None:
    aliases = replica_aliases()
    random.shuffle(aliases)
    for alias in aliases:
        if monitor.state(alias).usable and connection_ready(alias):
            return alias
    return None


class Route:
    """A request whose reads may go to a replica; which one is chosen at its first read."""

    def __init__(self) -> None:
        self.alias: str | None = None

    def read_alias(self) -> str:
        if self.alias is None:
            self.alias = choose_replica() or DEFAULT_DB_ALIAS
        return self.alias


current_route: ContextVar[Route | None] = ContextVar("replica_route", default=None)


class ReplicaRouter:
    """Reads of a request `ReplicaReadsMiddleware` allowed go to a replica, outside any
    transaction; everything else goes to the primary, and only the primary is migrated."""

    def db_for_read(self, model, **hints) -> str:
        route = current_route.get()
        if route is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return route.read_alias()

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Replicas hold the primary's rows: an object read from one may point at another's.
        return True

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def may_read_from_replica(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and surrogate.is_anonymous(request)
        and RECENT_WRITE_COOKIE not in request.COOKIES
        and not request.path_info.startswith("/admin")
    )


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may go to a replica, and the clients that just wrote."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if not replica_aliases():
            return self.get_response(request)
        token = current_route.set(Route() if may_read_from_replica(request) else None)
        try:
            response = self.get_response(request)
        finally:
            current_route.reset(token)
        if request.method not in (*SAFE_METHODS, "OPTIONS"):
            response.set_cookie(
                RECENT_WRITE_COOKIE,
                "1",
                max_age=settings.CMS_READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def health() -> dict[str, dict]:
    """Each replica measured now, for /healthz."""
    return {alias: monitor.check(alias).as_dict() for alias in replica_aliases()}


def wait_for_replay(position: int, timeout: float) -> list[str]:
    """Until every replica that serves reads has replayed `position` of the primary's WAL, for
    `timeout` seconds at most; returns those that had not (now skipped until they have)."""
    deadline = time.monotonic() + timeout
    late = []
    for alias in replica_aliases():
        if not monitor.state(alias).usable:
            continue
        while True:
            try:
                replayed, _ = replay_state(alias)
            except DatabaseError as exc:
                connections[alias].close()
                monitor.mark_unavailable(alias, exc)
                break
            if replayed is None or replayed >= position:
                break
            if time.monotonic() >= deadline:
                late.append(alias)
                monitor.record(
                    alias,
                    ReplicaState("lagging", None, time.monotonic(), "a purge timed out waiting"),
                    position,
                )
                break
            time.sleep(REPLAY_POLL_SECONDS)
    return late


def wait_until_replayed() -> None:
    """After a commit, before its purge: see the module's docstring. Never raises."""
    if not replica_aliases():
        return
    try:
        position = primary_position()
    except DatabaseError:
        logger.exception("the primary's WAL position is unknown: purging without waiting")
        return
    late = wait_for_replay(position, settings.CMS_REPLICA_PURGE_WAIT_SECONDS)
    if late:
        logger.warning(
            "purging before %s replayed the write (waited %s s); skipped until it has",
            ", ".join(late),
            settings.CMS_REPLICA_PURGE_WAIT_SECONDS,
        )
