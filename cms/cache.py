"""Server-side cache of what anonymous readers get: public pages and API reads.

Every entry's key carries the content *generation*, a number kept in the cache and bumped on
every save or delete of any content row (the quotes and articles apps), so an edit makes every
cached page unreachable at once, whatever it showed. Cache invalidation is infrastructure, not
domain logic, which is why it is one of the few things done with signals here.

A scheduled article turns public by the clock, with no write to bump the generation: every
entry's time to live is therefore capped at the next future `published_at`, so no cached page
outlives the moment a scheduled article appears.

Only anonymous requests are served from and written to the cache: a request carrying a session
or messages cookie or an Authorization header is never served from it, and only 200 responses
that set no cookie are kept (pages: only those the view marked `Cache-Control: public`).
Validators are kept with the body, so a cached page still answers `If-None-Match` with a 304.
Pages are kept by the first middleware (`PageCacheMiddleware`), with every header the others
added, and a plain hit is answered before Django by the WSGI application (`PageCacheFront`).
With several server processes, set `REDIS_URL`: the in-process default cache cannot tell the
other processes that the generation moved.
"""

import hashlib
import math
import time
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response

GENERATION_KEY = "cms:generation"
CONTENT_APPS = frozenset({"quotes", "articles"})
PAGE_VARY_OK = frozenset({"cookie", "accept-encoding"})
NO_NEXT = "none"
HIT = ("X-Cache", "hit")
# The environ values Django derives a request's URI from (see `cache_key`).
URI_ENVIRON = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)
# Conditional requests are answered (with a 304 when they may be) by `cached_response`.
CONDITIONAL_ENVIRON = frozenset(
    {"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE"}
)
# Set in the environ by `PageCacheFront` when it looked the page up and found nothing.
LOOKED_UP = "cms.page_cache.missed"


class LocalMemoryCache(LocMemCache):
    """Django's in-process cache without its check that each key would also suit memcached
    (Django's documentation shows this override for a backend that takes any key). The check
    walks the key a character at a time and cost most of a lookup: a throttled API read makes
    two, a cached page two."""

    def validate_key(self, key) -> None:
        pass


# --- the generation ------------------------------------------------------------------------


def generation() -> int:
    """The current content generation. A missing one (first use, or evicted) starts at the
    clock in nanoseconds, above any number used before, so an old entry is never reached."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def content_changed(sender, **kwargs) -> None:
    """Bumped now, so this process never reads its own stale pages, and again on commit, so
    a page rendered by another request before the commit is not kept either."""
    if sender._meta.app_label not in CONTENT_APPS:
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    bump_generation()
    transaction.on_commit(bump_generation)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"cms.cache.{signal!r}")


# --- time to live --------------------------------------------------------------------------


def next_publication(now: datetime) -> datetime | None:
    """When the next scheduled (or future-dated published) article turns public, remembered
    for the current generation until that moment."""
    from articles.models import Article

    key = f"cms:next-publication:{generation()}"
    stored = cache.get(key)
    if stored is not None:
        moment = None if stored == NO_NEXT else datetime.fromisoformat(stored)
        if moment is None or moment > now:
            return moment
    moment = (
        Article.objects.filter(status__in=["published", "scheduled"], published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    timeout = settings.CMS_CACHE_SECONDS
    if moment is not None:
        timeout = max(1, min(timeout, math.floor((moment - now).total_seconds())))
    cache.set(key, moment.isoformat() if moment else NO_NEXT, timeout=timeout)
    return moment


def time_to_live() -> int:
    """Seconds an entry stored now may live: the configured maximum, cut at the next
    publication; 0 when that is under a second away (store nothing)."""
    now = timezone.now()
    seconds = settings.CMS_CACHE_SECONDS
    moment = next_publication(now)
    if moment is not None:
        seconds = min(seconds, math.floor((moment - now).total_seconds()))
    return max(0, seconds)


# --- requests and responses ----------------------------------------------------------------


def may_use_cache(meta: dict) -> bool:
    """An anonymous GET that may be answered from (and stored in) the cache, decided from the
    request's WSGI environ (`request.META`) alone, before anything runs: no session, messages
    cookie or credentials."""
    if not settings.CMS_CACHE_ENABLED or meta.get("REQUEST_METHOD") != "GET":
        return False
    if meta.get("HTTP_COOKIE"):
        cookies = parse_cookie(meta["HTTP_COOKIE"])
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
    if meta.get("HTTP_AUTHORIZATION"):
        return False
    directives = meta.get("HTTP_CACHE_CONTROL", "").lower()
    return not (settings.CMS_CACHE_ALLOW_BYPASS and "no-cache" in directives)


def cache_key(meta: dict, kind: str, variant: str = "") -> str:
    """The key of a request's entry: a digest of the environ values Django works the request's
    scheme, host and path out from (`HttpRequest.scheme`, `get_host()`, `get_full_path()`),
    as they came. Equal values make the same URI; unequal ones at worst miss an entry. No
    entry is stored before Django has validated the host (`ALLOWED_HOSTS`), so a request
    with a host Django refuses finds nothing."""
    parts = [meta.get(name, "") for name in URI_ENVIRON]
    if settings.SECURE_PROXY_SSL_HEADER:
        parts.append(meta.get(settings.SECURE_PROXY_SSL_HEADER[0], ""))
    if settings.USE_X_FORWARDED_HOST:
        parts.append(meta.get("HTTP_X_FORWARDED_HOST", ""))
    parts.append(variant)
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"cms:{kind}:{generation()}:{digest}"


def store(key: str, response) -> None:
    try:
        seconds = time_to_live()
    except DatabaseError:
        return  # the page was served without the database (robots.txt): just don't keep it
    if seconds < 1:
        return
    cache.set(key, {"content": response.content, "headers": list(response.items())}, seconds)


def cached_response(request, key: str):
    """The stored response for `key` (or a 304 when the reader's copy is current), or None."""
    entry = cache.get(key)
    if entry is None:
        return None
    response = HttpResponse(entry["content"], headers=dict(entry["headers"]))
    response[HIT[0]] = HIT[1]
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=_timestamp(last_modified) if last_modified else None,
        response=response,
    )


def _timestamp(http_date_value: str) -> int | None:
    from django.utils.http import parse_http_date_safe

    return parse_http_date_safe(http_date_value)


def storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("X-Cache")
    )


# --- pages ---------------------------------------------------------------------------------


def page_key(meta: dict) -> str | None:
    """The page cache's key for a request (its WSGI environ), or None when the request may not
    be answered from it: the API and the admin, static files, or not `may_use_cache`."""
    path = meta.get("PATH_INFO", "")
    if path.startswith(("/api/", "/admin/", settings.STATIC_URL)) or not may_use_cache(meta):
        return None
    return cache_key(meta, "page")


class PageCacheFront:
    """WSGI middleware around Django (`cms.wsgi`): answers a stored page before Django sees
    the request. A hit needs nothing Django does for a request (its request object, signals,
    middleware, response object): the entry holds the status line's 200, every header the
    middleware set when the page was rendered, and the body. A conditional request, a miss,
    and anything the lookup cannot do (the cache server is down) go to Django; after a miss,
    `PageCacheMiddleware` stores the page under the key looked up here, without a second
    lookup."""

    def __init__(self, application) -> None:
        self.application = application

    def __call__(self, environ, start_response):
        if not any(name in environ for name in CONDITIONAL_ENVIRON):
            try:
                key = page_key(environ)
                entry = None if key is None else cache.get(key)
            except Exception:  # noqa: BLE001 - Django answers it, with its error handling
                key = entry = None
            if entry is not None:
                start_response("200 OK", [*entry["headers"], HIT])
                return [entry["content"]]
            if key is not None:
                environ[LOOKED_UP] = key
        return self.application(environ, start_response)


class PageCacheMiddleware:
    """Keeps anonymous pages the view marked `Cache-Control: public` (never the API, whose
    viewsets cache after authentication and throttling, see `CachedReadMixin`).

    It is the first of MIDDLEWARE, so an entry keeps every header the middleware set on the
    page (security, CSP, clickjacking, Vary) and a hit runs none of them: what a request may
    get is decided from its environ alone (`page_key`), before any of them runs. Behind
    `PageCacheFront` (in production) it only answers conditional requests from the cache and
    stores pages; without it (the test client, another WSGI server's entry point) it also
    answers plain hits."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get(LOOKED_UP)  # the front looked and found nothing
        if key is None:
            key = page_key(request.META)
            if key is None:
                return self.get_response(request)
            hit = cached_response(request, key)
            if hit is not None:
                return hit
        response = self.get_response(request)
        # A CSP nonce is for one answer only: a page that used one is not kept.
        nonce = getattr(request, "_csp_nonce", None)
        if storable(response) and self.is_public(response) and nonce is None:
            store(key, response)
        return response

    @staticmethod
    def is_public(response) -> bool:
        directives = {
            part.strip().split("=")[0].lower()
            for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        return vary <= PAGE_VARY_OK


# --- API -----------------------------------------------------------------------------------


class CachedReadMixin:
    """For a DRF viewset: anonymous `list` and `retrieve` answers come from the cache.

    The lookup happens inside the handler, after DRF's authentication, permissions and
    throttles, so a cached answer still counts against the anonymous rate. Only JSON is kept;
    the key carries the accepted media type. Put it before `ConditionalMixin` in the bases, so
    it stores the response that mixin has given its validators.
    """

    def list(self, request, *args, **kwargs):
        return self.cached_read(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.cached_read(super().retrieve, request, *args, **kwargs)

    def cached_read(self, handler, request, *args, **kwargs):
        self.read_cache_key = None
        key = api_read_key(request)
        if key is None:
            return handler(request, *args, **kwargs)
        hit = cached_response(request._request, key)
        if hit is not None:
            return hit
        self.read_cache_key = key
        return handler(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(self, "read_cache_key", None)
        if key is not None and storable(response):
            response.render()
            store(key, response)
        return response


def api_read_key(request) -> str | None:
    """The cache key of an API read (a DRF request) that may be answered from the cache: an
    anonymous JSON read that `may_use_cache`; None for any other."""
    if (
        not may_use_cache(request._request.META)
        or request.user.is_authenticated
        or request.accepted_renderer.format != "json"
    ):
        return None
    return cache_key(request._request.META, "api", request.accepted_media_type)
