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

Keeping up is measured by `core.replica_monitor`. A replica that hangs with its connections
open costs a reader `CMS_REPLICA_CONNECT_TIMEOUT` at most before it is skipped: its lag check
runs on a thread of its own, the health check of a kept connection and each query of a request
on it are under a deadline (`core.deadlines`: `CMS_REPLICA_CONNECT_TIMEOUT` for the health
check, `CMS_REPLICA_QUERY_TIMEOUT` for a query), and a query cut off at its deadline fails as a
lost connection does (the request gets a 503 with Retry-After, cms.middleware).

Caches: after a commit, `wait_until_replayed` holds the purge (core.surrogate) until the
replicas serving reads have replayed that commit, `CMS_REPLICA_PURGE_WAIT_SECONDS` at most, so
that the page a cache fetches again after the purge is the new one. A replica still behind
then is skipped until it has caught up.
"""

import contextlib
import logging
import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections

from core import surrogate
from core.deadlines import Watchdog
from core.replica_monitor import ReplicaState, Unanswered, monitor, primary_position

logger = logging.getLogger("core.replicas")

RECENT_WRITE_COOKIE = "recentwrite"
SAFE_METHODS = ("GET", "HEAD")
# How often a purge waiting for a replica asks it again where its replay stands.
REPLAY_POLL_SECONDS = 0.01


def replica_aliases() -> list[str]:
    return list(getattr(settings, "CMS_REPLICA_ALIASES", ()))


def cut_off(alias: str, seconds: float) -> None:
    monitor.mark_unavailable(alias, f"no answer within {seconds:g} s: cut off")


watchdog = Watchdog(on_expired=cut_off)


def socket_of(connection) -> int | None:
    """The descriptor of a connection's socket, None when it has none worth watching."""
    raw = connection.connection
    if raw is None or raw.closed:
        return None
    with connection.wrap_database_errors:
        return raw.fileno()


def connection_ready(alias: str) -> bool:
    """Django's own health check of a kept connection (CONN_HEALTH_CHECKS), under a deadline,
    and a connect if none, done before the first query so that a replica gone or hung since its
    last check costs the reader nothing but the primary (and the deadline when hung)."""
    connection = connections[alias]
    try:
        fileno = socket_of(connection)
        if fileno is not None:
            seconds = settings.CMS_REPLICA_CONNECT_TIMEOUT
            with watchdog.watch(fileno, seconds, alias) as watch:
                connection.close_if_health_check_failed()
            if watch.expired:  # hung: a new connection would wait its connect timeout too
                connection.close()
                return False
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


def bounded_queries(alias: str):
    """An execute wrapper (Django's database instrumentation) that cuts a query on `alias` off
    after `CMS_REPLICA_QUERY_TIMEOUT`: it fails as a lost connection, a 503 for the reader."""
    seconds = settings.CMS_REPLICA_QUERY_TIMEOUT

    def bounded(execute, sql, params, many, context):
        fileno = socket_of(context["connection"])
        if fileno is None:
            return execute(sql, params, many, context)
        with watchdog.watch(fileno, seconds, alias) as watch:
            try:
                return execute(sql, params, many, context)
            except DatabaseError as exc:
                if watch.expired:
                    raise OperationalError(f"{alias}: no answer within {seconds} s") from exc
                raise

    return bounded


class Route:
    """A request whose reads may go to a replica; which one is chosen at its first read, and
    its queries on it are bounded until `close()`."""

    def __init__(self) -> None:
        self.alias: str | None = None
        self.bounds = contextlib.ExitStack()

    def read_alias(self) -> str:
        if self.alias is None:
            self.alias = choose_replica() or DEFAULT_DB_ALIAS
            if self.alias != DEFAULT_DB_ALIAS:
                wrapper = bounded_queries(self.alias)
                self.bounds.enter_context(connections[self.alias].execute_wrapper(wrapper))
        return self.alias

    def close(self) -> None:
        self.bounds.close()


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
        route = Route() if may_read_from_replica(request) else None
        token = current_route.set(route)
        try:
            response = self.get_response(request)
        finally:
            current_route.reset(token)
            if route is not None:
                route.close()
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
                replayed, _ = monitor.replay_state(alias)
            except (DatabaseError, Unanswered) as exc:
                monitor.mark_unavailable(alias, exc, position)
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
