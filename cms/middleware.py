"""Project middleware: the security policy's per-area details, gzip for what it shrinks, the
slash added to reads only, HEAD's validators, the request size limit, and a 503 when the
database or the image storage is unreachable."""

import errno
import logging

from botocore.exceptions import BotoCoreError, ClientError
from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

from core.numbers import whole_number

# Areas whose third-party pages (Django's admin widgets, Swagger UI) set inline styles. Inline
# scripts stay forbidden everywhere; readers' pages get no relaxation at all.
INLINE_STYLE_PREFIXES = ("/admin/", "/api/v1/docs/", "/api/v1/redoc/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's, through the extension point it documents (`get_policy_parts`)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(INLINE_STYLE_PREFIXES):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        if request.path_info.startswith("/api/v1/redoc/"):
            parts.update = {**parts.update, "worker-src": ["blob:"]}
        return parts


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's, leaving images alone: their formats are compressed already, so gzip would only
    cost time, and a file streamed from storage (`images.views.media`) would lose its
    Content-Length."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("image/"):
            return response
        return super().process_response(request, response)


class CommonMiddleware(DjangoCommonMiddleware):
    """Django's, sending only a read on to the address with its slash (`APPEND_SLASH`): clients
    follow a 301 with a GET, so a POST to `/api/v1/quotes` came back a 200 listing quotes with
    nothing written. A write to an address without its slash is the 404 it is."""

    def should_redirect_with_slash(self, request):
        return request.method in ("GET", "HEAD") and super().should_redirect_with_slash(request)


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's, for HEAD as for GET. Django's skips HEAD, taking its body to be empty, but here
    the view has rendered the GET's body (the server drops it later): without this a HEAD had
    no ETag where its GET had one, and a current `If-None-Match` got a 200, not a 304."""

    def process_response(self, request, response):
        if request.method != "HEAD":
            return super().process_response(request, response)
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return response


class RequestSizeLimitMiddleware:
    """Refuse bodies over the limit before anything reads them (DRF's parsers read the raw
    stream, which Django's own DATA_UPLOAD_MAX_MEMORY_SIZE check does not cover). The image
    upload endpoints (`CMS_IMAGE_UPLOAD_PATHS`) take an image of up to CMS_MAX_IMAGE_BYTES more."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.CMS_MAX_REQUEST_BYTES
        if request.path_info.startswith(settings.CMS_IMAGE_UPLOAD_PATHS):
            # The image upload endpoints: an image and an ordinary form beside it. The image's
            # own limit is then checked on the file, answering with a field error.
            limit += settings.CMS_MAX_IMAGE_BYTES
        # Digits only: int() took "-1" (let through) and "+1".
        length = whole_number(request.META.get("CONTENT_LENGTH") or "0")
        if length is None:
            return refused(request, "Bad Content-Length header.", 400)
        if length > limit:
            message = f"The request body is {length} bytes; the limit is {limit} bytes."
            return refused(request, message, 413)
        return self.get_response(request)


def refused(request, message: str, status: int) -> HttpResponse:
    """An error before any view, in the API's format under /api/ (the site's: plain text)."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain")


logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A request that finds the database unreachable (PostgreSQL restarting, a failover) gets a
    503 with `Retry-After`, which clients and Varnish know to retry, rather than a 500. Nothing
    else is needed to recover: Django checks a kept connection before reusing it
    (`conn_health_checks`) and opens a new one when the database is back."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        return unavailable(request, "The service is briefly unavailable.")


def unavailable(request, message: str) -> HttpResponse:
    """A 503 with `Retry-After` saying `message`, in the API's error format under /api/. The
    wait in the words is the header's, so a person and a client are told the same."""
    seconds = settings.CMS_DATABASE_RETRY_AFTER
    message = f"{message} Try again in {seconds} second{'' if seconds == 1 else 's'}."
    response = refused(request, message, 503)
    response["Retry-After"] = str(settings.CMS_DATABASE_RETRY_AFTER)
    return response


# A disk that refuses a write: full, read-only, or not ours to write (CMS_MEDIA_ROOT).
STORAGE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EIO}


def storage_failure(exception: BaseException) -> bool:
    """Whether `exception` is the media storage failing: the S3 API unreachable, timing out or
    answering an error, or the disk refusing a write. A missing file is not one: where a file
    is read, that is a 404 (images.views)."""
    if isinstance(exception, BotoCoreError | ClientError):
        return True
    return isinstance(exception, OSError) and exception.errno in STORAGE_ERRNOS


class StorageUnavailableMiddleware:
    """An image served or uploaded while the media storage fails (the S3 API down, the disk full
    or not writable) gets a 503 with `Retry-After`, not a 500 with a traceback; the operator
    gets one ERROR line naming the failure. An upload that meets it saves nothing: its rows roll
    back (images.services.image_create)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not storage_failure(exception):
            return None
        logger.error(
            "Media storage unavailable for %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exception,
        )
        return unavailable(request, "Images cannot be stored or read just now.")
