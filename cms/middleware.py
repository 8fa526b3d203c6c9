"""Project middleware: the security policy's per-area details and the request size limit."""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse, JsonResponse

# Areas whose third-party pages (Django's admin widgets, Swagger UI) set inline styles. Inline
# scripts stay forbidden everywhere; readers' pages get no relaxation at all.
INLINE_STYLE_PREFIXES = ("/admin/", "/api/v1/docs/", "/api/v1/redoc/")
# What a view may set on its response to change its own policy (django-csp's decorators).
RESPONSE_POLICY_ATTRS = frozenset(
    f"_csp_{part}{suffix}" for part in ("config", "update", "replace") for suffix in ("", "_ro")
)
DEBUG_EXEMPT_STATUSES = (404, 500)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's, with the header built once per area of the site.

    The library builds both headers (policy and report-only) from the settings on every
    response, about a quarter of the time Django takes for a bare answer; the result depends
    only on the area (`area_of`) unless a nonce was used or the view set a policy of its own,
    and those responses still take the library's way."""

    # Per area: (header, value, the response attribute exempting from it, excluded prefixes).
    built: dict[tuple, tuple[tuple[str, str, str, tuple[str, ...]], ...]] = {}

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or not RESPONSE_POLICY_ATTRS.isdisjoint(
            vars(response)
        ):
            return super().process_response(request, response)
        if response.status_code in DEBUG_EXEMPT_STATUSES and settings.DEBUG:
            return response
        path = request.path_info
        area = area_of(path)
        headers = self.built.get(area)
        if headers is None:
            headers = self.built[area] = self.headers_of(request, response)
        for header, value, exempt, excluded in headers:
            if (
                header not in response
                and not getattr(response, exempt, False)
                and not path.startswith(excluded)
            ):
                response[header] = value
        # As the library does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def headers_of(self, request, response) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
        """The policy headers of `request`'s area, as the library builds them, with what may
        leave each out; a header whose policy is empty is not there."""
        headers = []
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            parts = self.get_policy_parts(request, response, report_only)
            value = build_policy(**asdict(parts), report_only=report_only)
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            if value:
                headers.append((header, value, exempt, tuple(excluded or ())))
        return tuple(headers)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(INLINE_STYLE_PREFIXES):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        if request.path_info.startswith("/api/v1/redoc/"):
            parts.update = {**parts.update, "worker-src": ["blob:"]}
        return parts


def area_of(path: str) -> tuple[bool, bool]:
    """What of a path decides its policy (see `get_policy_parts`)."""
    return path.startswith(INLINE_STYLE_PREFIXES), path.startswith("/api/v1/redoc/")


def forget_built_policies(setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        ContentSecurityPolicyMiddleware.built.clear()


setting_changed.connect(forget_built_policies, dispatch_uid="cms.middleware.csp")


class RequestSizeLimitMiddleware:
    """Refuse bodies over the limit before anything reads them (DRF's parsers read the raw
    stream, which Django's own DATA_UPLOAD_MAX_MEMORY_SIZE check does not cover)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.CMS_MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Bad Content-Length header.", status=400, content_type="text/plain")
        if length > limit:
            message = f"The request body is {length} bytes; the limit is {limit} bytes."
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain")
        return self.get_response(request)
