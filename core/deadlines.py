"""Deadlines for calls blocked on a socket that nothing else bounds.

A query on a PostgreSQL server that hangs with the connection open (its processes stopped, its
host stalled after acknowledging the query) waits in the driver until the server moves again:
libpq has no read timeout, a server-side `statement_timeout` needs the server to run, and TCP
keepalives are answered by the kernel of a host whose server is merely stopped. `Watchdog.watch`
registers the connection's socket for the duration of a call; a call that outlives its deadline
has the socket shut down (shutdown(2) on a duplicate of its descriptor), so that the blocked read
ends at once with the driver's "connection closed" error, which the caller handles as any lost
connection. One thread per process waits for the nearest deadline.
"""

import logging
import math
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

logger = logging.getLogger(__name__)
IDLE = 1.0  # seconds


@dataclass(eq=False)
class Watch:
    deadline: float
    fd: int  # a duplicate, the watch's own: the connection may close its descriptor meanwhile
    label: str
    seconds: float
    expired: bool = False


def cut(fd: int) -> None:
    sock = socket.socket(fileno=fd)
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the other end
    finally:
        sock.detach()


class Watchdog:
    """`on_expired(label, seconds)` is called, on the watchdog's thread, after each cut."""

    def __init__(self, on_expired: Callable[[str, float], None]) -> None:
        self.on_expired = on_expired
        self.condition = threading.Condition()
        self.watches: set[Watch] = set()
        self.wakeup = math.inf
        self.thread: threading.Thread | None = None

    @contextmanager
    def watch(self, fileno: int, seconds: float, label: str) -> Iterator[Watch]:
        watch = Watch(time.monotonic() + seconds, os.dup(fileno), label, seconds)
        try:
            with self.condition:
                if self.thread is None or not self.thread.is_alive():  # the first, or forked
                    self.thread = threading.Thread(target=self.run, name="deadlines", daemon=True)
                    self.thread.start()
                self.watches.add(watch)
                if watch.deadline < self.wakeup:
                    self.condition.notify()
            yield watch
        finally:
            with self.condition:
                self.watches.discard(watch)
            os.close(watch.fd)

    def run(self) -> None:
        while True:
            with self.condition:
                now = time.monotonic()
                expired = [watch for watch in self.watches if watch.deadline <= now]
                for watch in expired:
                    self.watches.discard(watch)
                    watch.expired = True
                    cut(watch.fd)
                # Idle, it still wakes now and then: a watch whose deadline is later than the
                # next wakeup need not wake it, which spares a thread switch per query.
                nearest = min((watch.deadline for watch in self.watches), default=now + IDLE)
                self.wakeup = nearest
                if not expired:
                    self.condition.wait(nearest - now)
            for watch in expired:
                try:
                    self.on_expired(watch.label, watch.seconds)
                except Exception:  # the other deadlines must still be kept
                    logger.exception("after cutting %s off", watch.label)
