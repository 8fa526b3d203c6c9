"""Purging the HTTP caches in front of the site by surrogate key.

Every cacheable public response names the records it shows in its `xkey` header
(`article-12 quote-55 person-3 quote-list`). After a write commits, the code that made it calls
`purge(keys)` with the keys of what changed, and every cache in front drops every page carrying
one of them:

    transaction.on_commit(lambda: purge([f"quote-{quote.pk}", "quote-list"]))

`purge()` never raises into its caller: a cache that cannot be reached is logged (logger
`core.purge`, level ERROR, naming the URL) and the write stands. Until that cache is purged
again or the page's s-maxage runs out, it serves the old page: watch for those errors.

Settings, read at each call (deploy/README.md describes them for operators):

- `CMS_PURGE_BACKEND`: dotted path of a `PurgeBackend` subclass. Default: `VarnishBackend` when
  `CMS_VARNISH_URLS` is set, otherwise `NullBackend` (purges nothing: local development).
- `CMS_VARNISH_URLS`: comma-separated base URLs of every Varnish (`http://10.0.0.5:8000,...`),
  so that every app node and every management command purges every cache.
- `CMS_PURGE_REPEAT_SECONDS` (default 2; 0 turns it off): the same purge again after this
  delay, from a background thread. A page fetched while the write was committing can reach a
  cache just after the first purge. The VCL refuses to store such a fetch (deploy/README.md,
  "The race"; the repeat covers the instant between its check and the object's keys being
  indexed); a CDN cannot, and the repeat is what empties it there.

Each Varnish gets `VarnishBackend.timeout` seconds: a down one costs the writing request that
long at most, once per purge.
"""

import atexit
import heapq
import http.client
import itertools
import logging
import os
import re
import threading
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

logger = logging.getLogger("core.purge")

# Visible ASCII but the comma: xkey splits keys on spaces and commas.
VALID_KEY = re.compile(r"^[\x21-\x2b\x2d-\x7e]+$")
# At exit, how long to wait at most for repeats still due.
EXIT_WAIT_SECONDS = 60


class PurgeBackend:
    """Where purges go. Subclass it for each kind of cache and name the subclass in
    `CMS_PURGE_BACKEND`; it is built with no arguments (read your settings in `__init__`).
    """

    def purge(self, keys: Sequence[str]) -> None:
        """Make every cached response whose surrogate keys include any of `keys` stale now.

        `keys` are distinct, non-empty, free of spaces and commas. Send them in as few requests
        as the cache allows and return when the cache has accepted them. Log failures to the
        `core.purge` logger at ERROR, naming what could not be purged; raising is allowed (the
        caller logs it), but then the cache's remaining keys are not sent.
        """
        raise NotImplementedError


class NullBackend(PurgeBackend):
    """No cache in front (local development, tests): nothing to purge."""

    def purge(self, keys: Sequence[str]) -> None:
        logger.debug("no cache to purge (%d keys)", len(keys))


class VarnishBackend(PurgeBackend):
    """`PURGE /` with `xkey-purge: k1 k2 ...` to each of `CMS_VARNISH_URLS`, which answers from
    its `purgers` ACL only (deploy/varnish/quotedesk.vcl)."""

    # Varnish refuses a header over 8 kB (http_req_hdr_len); keys are sent in batches below it.
    max_header_chars = 4000
    timeout = 2.0

    def __init__(self, urls: Iterable[str] | str | None = None):
        if urls is None:
            urls = getattr(settings, "CMS_VARNISH_URLS", "")
        if isinstance(urls, str):
            urls = urls.split(",")
        self.urls = [url.strip().rstrip("/") for url in urls if url.strip()]

    def purge(self, keys: Sequence[str]) -> None:
        batches = list(batch_keys(keys, self.max_header_chars))
        for url in self.urls:
            self.purge_one(url, batches)

    def purge_one(self, url: str, batches: list[str]) -> None:
        parts = urlsplit(url)
        connection_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = connection_class(parts.hostname, parts.port, timeout=self.timeout)
        try:
            for batch in batches:
                connection.request("PURGE", parts.path or "/", headers={"xkey-purge": batch})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    # 403: this machine is not in the `purgers` ACL of that Varnish.
                    raise OSError(f"answered {response.status} {response.reason}")
                logger.debug("%s purged %s objects", url, response.getheader("xkey-purged"))
        except (OSError, http.client.HTTPException) as exc:
            logger.error(
                "purge at %s failed (%s): pages showing %s stay stale there until their "
                "s-maxage runs out or a later purge succeeds",
                url,
                exc,
                " ".join(batches)[:200],
            )
        finally:
            connection.close()


def batch_keys(keys: Sequence[str], max_chars: int) -> Iterable[str]:
    """Space-separated runs of `keys`, each at most `max_chars` long (a longer key alone)."""
    batch: list[str] = []
    size = 0
    for key in keys:
        if batch and size + 1 + len(key) > max_chars:
            yield " ".join(batch)
            batch, size = [], 0
        size += len(key) + (1 if batch else 0)
        batch.append(key)
    if batch:
        yield " ".join(batch)


@lru_cache(maxsize=1)
def get_backend() -> PurgeBackend:
    """The configured backend, built once (again when a test overrides a setting)."""
    path = getattr(settings, "CMS_PURGE_BACKEND", "")
    if not path:
        path = "core.purge.VarnishBackend" if _varnish_urls() else "core.purge.NullBackend"
    return import_string(path)()


def _varnish_urls() -> bool:
    urls = getattr(settings, "CMS_VARNISH_URLS", "")
    return bool(urls.strip() if isinstance(urls, str) else urls)


def _reset_backend(*, setting: str, **kwargs) -> None:
    if setting in ("CMS_PURGE_BACKEND", "CMS_VARNISH_URLS"):
        get_backend.cache_clear()


setting_changed.connect(_reset_backend)


def purge(keys: Iterable[str]) -> None:
    """Drop every cached page showing any of `keys`, now and (`CMS_PURGE_REPEAT_SECONDS`)
    once more a moment later. Call it after the write commits (`transaction.on_commit`):
    before, a cache could fetch the old rows again. Never raises."""
    try:
        keys = clean_keys(keys)
        if not keys:
            return
        backend = get_backend()
    except Exception:
        logger.exception("purge of %r not sent: CMS_PURGE_BACKEND is not usable", keys)
        return
    send(backend, keys)
    delay = float(getattr(settings, "CMS_PURGE_REPEAT_SECONDS", 2))
    if delay > 0 and not isinstance(backend, NullBackend):
        repeats.schedule(delay, backend, keys)


def clean_keys(keys: Iterable[str]) -> list[str]:
    """Distinct keys in a stable order; a key xkey would split or a header could not carry is
    logged and left out."""
    if isinstance(keys, str):
        keys = [keys]
    cleaned = []
    for key in dict.fromkeys(str(key).strip() for key in keys):
        if VALID_KEY.match(key):
            cleaned.append(key)
        elif key:
            logger.error("surrogate key %r left out of a purge: spaces, commas, non-ASCII", key)
    return cleaned


def send(backend: PurgeBackend, keys: list[str]) -> None:
    try:
        backend.purge(keys)
    except Exception:
        logger.exception(
            "purge by %s failed: pages showing %s stay stale until their s-maxage runs out",
            type(backend).__name__,
            " ".join(keys)[:200],
        )


class Repeats:
    """Purges to send again after a delay, by one daemon thread. At exit the process waits for
    those still due, so a management command that exits at once does not drop them."""

    def __init__(self):
        self.condition = threading.Condition()
        self.due: list[tuple[float, int, PurgeBackend, list[str]]] = []
        self.sending = 0
        self.order = itertools.count()
        self.thread: threading.Thread | None = None

    def schedule(self, delay: float, backend: PurgeBackend, keys: list[str]) -> None:
        with self.condition:
            entry = (time.monotonic() + delay, next(self.order), backend, keys)
            heapq.heappush(self.due, entry)
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, name="purge-repeats", daemon=True)
                self.thread.start()
            self.condition.notify_all()

    def run(self) -> None:
        while True:
            with self.condition:
                while not self.due or self.due[0][0] > time.monotonic():
                    timeout = self.due[0][0] - time.monotonic() if self.due else None
                    self.condition.wait(timeout)
                _, _, backend, keys = heapq.heappop(self.due)
                self.sending += 1
            try:
                send(backend, keys)
            finally:
                with self.condition:
                    self.sending -= 1
                    self.condition.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every scheduled repeat has been sent; False if `timeout` ran out first."""
        with self.condition:
            return self.condition.wait_for(lambda: not self.due and not self.sending, timeout)

    def forget(self) -> None:
        """In a forked child: the parent's thread and its queue are not ours."""
        self.condition = threading.Condition()
        self.due, self.sending, self.thread = [], 0, None


repeats = Repeats()
atexit.register(lambda: repeats.wait(EXIT_WAIT_SECONDS))
os.register_at_fork(after_in_child=repeats.forget)
