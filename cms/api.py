"""Plumbing shared by every API resource: strict filtering, capped pagination, one error format,
conditional requests (ETag, Last-Modified, If-Match), throttles and the schema's error responses.
"""

import base64
import functools
import hashlib
import math
import re
from urllib import parse

import orjson
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import (
    exceptions,
    negotiation,
    pagination,
    permissions,
    renderers,
    serializers,
    status,
    throttling,
)
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils import encoders

from cms.cache import CONDITIONAL_ENVIRON
from quotes.services import StaleEditError

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


# Filtering ------------------------------------------------------------------------------------


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, told which non-filter parameters this view really reads.

    The FilterSet (a `quotes.filters.StrictFilterSet`) then rejects every other parameter, and
    the backend turns its errors into a 400 (django-filter raises when `raise_exception`).
    """

    def get_filterset_kwargs(self, request, queryset, view):
        return {
            **super().get_filterset_kwargs(request, queryset, view),
            "allowed": allowed_params(view),
        }


def allowed_params(view) -> set[str]:
    allowed = {api_settings.URL_FORMAT_OVERRIDE or "format"}
    paginator = getattr(view, "paginator", None)
    if paginator is not None and getattr(view, "detail", False) is False:
        allowed |= set(getattr(paginator, "query_params", ()))
    allowed |= set(getattr(view, "extra_query_params", {}).get(getattr(view, "action", None), ()))
    return allowed


# Pagination -----------------------------------------------------------------------------------


def page_size_from(request, param: str) -> int:
    """The requested page size, refusing (not clamping) anything outside 1..MAX_PAGE_SIZE."""
    raw = request.query_params.get(param)
    if raw is None:
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise exceptions.ValidationError(
            {param: [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]}
        )
    return int(raw)


class CursorPagination(pagination.CursorPagination):
    """Opaque cursors: no COUNT(*), and a page costs the same at row ten million as at row ten.

    Every list pages this way. A view gives its order as `cursor_ordering` (a tuple whose first
    field is indexed and never NULL; ties on it are resolved by position); without one, the
    order is by id (`-id`, or `id` when `ordering=id` is asked for), so rows never shift under
    a cursor."""

    ordering = "-id"
    orderings = ("-id", "id")
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    query_params = ("cursor", "page_size")

    def get_page_size(self, request):
        return page_size_from(request, self.page_size_query_param)

    def get_ordering(self, request, queryset, view):
        fixed = getattr(view, "cursor_ordering", None)
        if fixed:
            return fixed
        requested = request.query_params.get("ordering")
        return (requested,) if requested in self.orderings else (self.ordering,)

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(self.page_data(data))

    def page_data(self, data) -> dict:
        """What a page answers (DRF's shape): for `cms.api_lane`, which renders it itself."""
        return {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}

    def encode_cursor(self, cursor) -> str:
        """The URL of the page at `cursor`, as DRF's `encode_cursor` gives it (base64 of
        `o=<offset>&r=1&p=<position>`, the parts that apply), put into the request's URL by
        `with_query_param` rather than DRF's `replace_query_param`."""
        tokens = {}
        if cursor.offset != 0:
            tokens["o"] = str(cursor.offset)
        if cursor.reverse:
            tokens["r"] = "1"
        if cursor.position is not None:
            tokens["p"] = cursor.position
        encoded = base64.b64encode(parse.urlencode(tokens, doseq=True).encode("ascii"))
        return with_query_param(self.base_url, self.cursor_query_param, encoded.decode("ascii"))

    def decode_cursor(self, request):
        """DRF's cursor, refused with a 400 unless its position is a value of the ordering's
        field that the database can compare (a forged `p=abc` on an id would be a 500)."""
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise self.invalid_cursor() from None
        if cursor is not None and cursor.position is not None:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            if not comparable(field, cursor.position):
                raise self.invalid_cursor()
        return cursor

    @staticmethod
    def invalid_cursor() -> exceptions.ValidationError:
        return exceptions.ValidationError({"cursor": ["Invalid cursor."]})


def with_query_param(url: str, name: str, value: str) -> str:
    """`url` with its query parameter `name` set to `value`: the very URL DRF's
    `replace_query_param` gives (parameters sorted by name, encoded as `urlencode` does).
    Splitting the URL and encoding its other parameters is done once per URL (`url_parts`):
    it was most of the cost of a list's `next` link."""
    start, others, fragment = url_parts(url, name)
    query = "&".join(
        piece for _, piece in sorted([*others, (name, parse.urlencode({name: value}))])
    )
    return f"{start}?{query}#{fragment}" if fragment else f"{start}?{query}"


@functools.lru_cache(maxsize=256)
def url_parts(url: str, name: str) -> tuple[str, tuple[tuple[str, str], ...], str]:
    """For `with_query_param`: `url` up to its query, each of its query parameters but `name`
    encoded (`(name, "name=value&name=value")`), and its fragment."""
    scheme, netloc, path, query, fragment = parse.urlsplit(url)
    params = parse.parse_qs(query, keep_blank_values=True)
    params.pop(name, None)
    others = tuple(
        (other, parse.urlencode({other: values}, doseq=True)) for other, values in params.items()
    )
    return parse.urlunsplit((scheme, netloc, path, "", "")), others, fragment


def comparable(field, position: str) -> bool:
    """Whether a cursor's position is a value of `field` within the database's range for it."""
    if "\x00" in position:
        return False
    try:
        value = field.to_python(position)
    except (DjangoValidationError, ValueError, TypeError):
        return False
    if isinstance(value, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or value >= low) and (high is None or value <= high)
    return value is not None


# Rendering ------------------------------------------------------------------------------------


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, encoded by orjson: the same bytes (compact, UTF-8, U+2028 and U+2029
    escaped, every value DRF's own encoder converts converted by it) in a fraction of the
    time; a page of 50 quotes is some 75 kB. Dates and datetimes are written by orjson
    itself, as DRF's encoder writes them (ISO 8601, "Z" for UTC). An indented response
    (`; indent=4` in Accept) is left to DRF."""

    encoder = encoders.JSONEncoder()

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        content = orjson.dumps(
            data,
            default=self.encoder.default,
            option=orjson.OPT_UTC_Z | orjson.OPT_PASSTHROUGH_DATACLASS,
        )
        if not has_line_separators(content):
            return content
        return content.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def has_line_separators(content: bytes) -> bool:
    """Whether UTF-8 `content` holds U+2028 or U+2029 (E2 80 A8, E2 80 A9), found from their
    last byte, which `bytes.find` looks for at memory speed. A search for all three bytes is
    some fifty times slower on a page of articles: every curly quote and dash in their text
    begins with the same two bytes."""
    for last in (b"\xa8", b"\xa9"):
        at = content.find(last, 2)
        while at != -1:
            if content[at - 2 : at] == b"\xe2\x80":
                return True
            at = content.find(last, at + 1)
    return False


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """DRF's, with what nearly every API client sends answered at once: no format asked for,
    and an `Accept` of JSON or of anything (or none) gets the JSON renderer, as DRF would
    decide after parsing and ranking the header (a test compares the two on many headers)."""

    plain = frozenset({"*/*", "application/json"})

    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "*/*")
        if (
            accept in self.plain
            and format_suffix is None
            and renderers
            and isinstance(renderers[0], JSONRenderer)
            and renderers[0].media_type == "application/json"
            and self.settings.URL_FORMAT_OVERRIDE not in request.query_params
        ):
            return renderers[0], "application/json"
        return super().select_renderer(request, renderers, format_suffix)


# Errors ---------------------------------------------------------------------------------------


class SlugRelatedField(serializers.SlugRelatedField):
    """A value that cannot be a slug (a NUL byte, longer than any slug column) is a 400 before
    any query: PostgreSQL refuses NUL in text and would otherwise answer with a 500."""

    def to_internal_value(self, data):
        if isinstance(data, str) and ("\x00" in data or len(data) > 200):
            self.fail("invalid")
        return super().to_internal_value(data)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since you loaded it."
    default_code = "precondition_failed"


def exception_handler(exc, context):
    """DRF's handler, taught the services' exceptions: Django's ValidationError is a 400 with
    field messages, PermissionDenied a 403, StaleEditError a 412 saying who changed what."""
    # Imported here: rest_framework.views reads the settings that name this module's classes.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_messages(exc))
    elif isinstance(exc, StaleEditError):
        response = Response(
            {"detail": str(exc), "current_version": exc.current_version},
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
        return response
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and not isinstance(response.data, dict):
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response.data["retry_after"] = int(exc.wait) + (exc.wait % 1 > 0)
    return response


def validation_messages(exc: DjangoValidationError) -> dict[str, list[str]]:
    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
        for field, messages in exc.message_dict.items()
    }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ThrottledSerializer(ErrorSerializer):
    retry_after = serializers.IntegerField(required=False, help_text="Seconds to wait.")


class StaleSerializer(ErrorSerializer):
    current_version = serializers.IntegerField(required=False)


# Throttles ------------------------------------------------------------------------------------


class SteadyRateThrottle:
    """The rate as a steady flow with a burst of a whole period (the generic cell rate
    algorithm): one number per client, the time its allowance is next spent, read and written
    once per request. DRF's keeps a log of every request's time in the period, read, trimmed
    and written back whole each time, so its cost grows with the rate allowed. A client with
    nothing spent may make the rate's number of requests at once, then one each
    period / number; `Retry-After` says when the next is allowed. Like DRF's, two processes
    may race on one client's entry; a lost update lets one request more through."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        if self.num_requests < 1:
            self.wait_seconds = float(self.duration)
            return False
        interval = self.duration / self.num_requests
        spent_until = self.cache.get(key)
        if not isinstance(spent_until, int | float):  # none yet, or a log DRF's throttle left
            spent_until = now
        spent_until = max(spent_until, now)
        self.wait_seconds = spent_until - now - (self.duration - interval)
        if self.wait_seconds > 0:
            return False
        spent_until += interval
        self.cache.set(key, spent_until, math.ceil(spent_until - now) + 1)
        return True

    def wait(self):
        return self.wait_seconds


class AnonRateThrottle(SteadyRateThrottle, throttling.AnonRateThrottle):
    """Rates are read per request from settings (not frozen at import) so that they follow the
    environment and tests can lower them."""

    def get_rate(self):
        return settings.CMS_API_ANON_RATE


class UserRateThrottle(SteadyRateThrottle, throttling.UserRateThrottle):
    def get_rate(self):
        return settings.CMS_API_USER_RATE

    def get_cache_key(self, request, view):
        """Signed-in users only. DRF's counts anonymous requests too (by address), so a reader
        was held to the lower of the two rates, at the cost of a second cache round trip."""
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


# Permissions ----------------------------------------------------------------------------------


class ModelPermissionsOrAnonReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """DRF's, without building the view's queryset for a read. A safe method needs no model
    permission (its `perms_map` entry is empty), yet DRF built the whole list queryset, with
    its joins and prefetches, on every GET only to learn which model it is about."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS and not self.perms_map.get(request.method):
            return True
        return super().has_permission(request, view)


class CanChange(permissions.DjangoModelPermissions):
    """For workflow actions (POST on a record): the change permission, whatever the method."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        model = view.get_queryset().model
        return request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


# Conditional requests -------------------------------------------------------------------------

IF_MATCH_VERSION = re.compile(r'^(?:W/)?"(\d+)(?:\.[0-9a-f]*)?"$')


def expected_version(request) -> int | None:
    """The version the client last saw: from `If-Match` (our ETag) or a `version` field.

    An `If-Match` we cannot read is a 400, and one that disagrees with the body's version a
    412, so a client is never told its edit succeeded on a guess.
    """
    header = request.headers.get("If-Match", "").strip()
    from_header = None
    if header and header != "*":
        match = IF_MATCH_VERSION.match(header)
        if match is None:
            raise exceptions.ValidationError(
                {"If-Match": ["Send the ETag of the record you edited, as it was sent to you."]}
            )
        from_header = int(match.group(1))
    from_body = request.data.get("version") if hasattr(request.data, "get") else None
    if from_body is not None:
        if isinstance(from_body, bool) or not str(from_body).isdigit():
            raise exceptions.ValidationError({"version": ["A valid integer is required."]})
        from_body = int(from_body)
        if from_header is not None and from_body != from_header:
            raise PreconditionFailed("If-Match and the body's version disagree.")
    return from_header if from_header is not None else from_body


class ConditionalMixin:
    """ETag and Last-Modified on successful reads, and a 304 when the client has them already.

    A detail's ETag is `"<version>.<digest of the body>"`: the digest makes 304 follow any
    change (a renamed speaker too), the version is what `If-Match` is checked against on a
    write. Lists get a digest-only ETag.
    """

    def get_object(self):
        obj = super().get_object()
        self.conditional_object = obj
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code not in (200, 201) or not isinstance(response, Response):
            return response
        response.render()
        return with_validators(request, response, getattr(self, "conditional_object", None))


def with_validators(request, response, obj=None):
    """A rendered 200 or 201 with its `Vary`, `ETag` and `Last-Modified`, or the 304 that
    replaces it when the reader's copy is current (GET and HEAD)."""
    patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
    digest = hashlib.sha256(response.content).hexdigest()[:16]
    version = getattr(obj, "version", None)
    etag = f'"{version}.{digest}"' if version is not None else f'"{digest}"'
    response["ETag"] = etag
    last_modified = None
    if obj is not None and getattr(obj, "updated_at", None):
        last_modified = int(obj.updated_at.timestamp())
        response["Last-Modified"] = http_date(last_modified)
    if request.method not in ("GET", "HEAD") or CONDITIONAL_ENVIRON.isdisjoint(request.META):
        return response  # (what Django's function comes to without a conditional header)
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
