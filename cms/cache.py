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
With several server processes, set `REDIS_URL`: the in-process default cache cannot tell the
other processes that the generation moved.
"""

import hashlib
import math
import time
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response

GENERATION_KEY = "cms:generation"
CONTENT_APPS = frozenset({"quotes", "articles"})
PAGE_VARY_OK = frozenset({"cookie", "accept-encoding"})
NO_NEXT = "none"


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


def may_use_cache(request) -> bool:
    """An anonymous GET that may be answered from (and stored in) the cache, decided without
    touching the database: no session, messages cookie or credentials."""
    if not settings.CMS_CACHE_ENABLED or request.method != "GET":
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    if settings.CMS_CACHE_ALLOW_BYPASS:
        directives = request.headers.get("Cache-Control", "").lower()
        if "no-cache" in directives:
            return False
    return True


def cache_key(request, kind: str, variant: str = "") -> str:
    digest = hashlib.sha256(f"{request.build_absolute_uri()}|{variant}".encode()).hexdigest()
    return f"cms:{kind}:{generation()}:{digest}"


def store(key: str, response) -> None:
    try:
        seconds = time_to_live()
    except DatabaseError:
        return  # the page was served without the database (robots.txt): just don't keep it
    if seconds < 1:
        return
    headers = dict(response.items())
    cache.set(key, {"content": response.content, "headers": headers}, timeout=seconds)


def cached_response(request, key: str):
    """The stored response for `key` (or a 304 when the reader's copy is current), or None."""
    entry = cache.get(key)
    if entry is None:
        return None
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Cache"] = "hit"
    last_modified = entry["headers"].get("Last-Modified")
    return get_conditional_response(
        request,
        etag=entry["headers"].get("ETag"),
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


class PageCacheMiddleware:
    """Keeps anonymous pages the view marked `Cache-Control: public` (never the API, whose
    viewsets cache after authentication and throttling, see `CachedReadMixin`).

    It sits early in MIDDLEWARE (after the security, size-limit, CSP and static-file
    middleware, whose headers every answer still gets): a hit is answered without running the
    sessions, CSRF, authentication, messages, clickjacking and login-lockout middleware, and
    the entry keeps the headers those added to the page when it was rendered (Vary,
    X-Frame-Options). Whether a request may use the cache is decided from its cookies and
    headers alone (`may_use_cache`), before any of them runs."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(("/api/", "/admin/")) or not may_use_cache(request):
            return self.get_response(request)
        key = cache_key(request, "page")
        hit = cached_response(request, key)
        if hit is not None:
            return hit
        response = self.get_response(request)
        if storable(response) and self.is_public(response):
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
        not may_use_cache(request._request)
        or request.user.is_authenticated
        or request.accepted_renderer.format != "json"
    ):
        return None
    return cache_key(request._request, "api", request.accepted_media_type)
