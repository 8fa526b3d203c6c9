"""Versioned records over HTTP: a detail's ETag carries the record's version, which a write
sends back in `If-Match` (or as `version`) so that it never overwrites a newer edit.

Plain conditional GETs (a 304 for a current `If-None-Match` or `If-Modified-Since`) are
answered for every GET and HEAD by `cms.middleware.ConditionalGetMiddleware`."""

import hashlib
import re

from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from rest_framework import exceptions
from rest_framework.response import Response

from core.numbers import whole_number

from .errors import PreconditionFailed

IF_MATCH_VERSION = re.compile(r'^(?:W/)?"([0-9]+)(?:\.[0-9a-f]*)?"$')


def expected_version(request) -> int | None:
    """The version the client last saw: from `If-Match` (our ETag) or a `version` field.

    An `If-Match` we cannot read is a 400, and one that disagrees with the body's version a
    412, so a client is never told its edit succeeded on a guess.
    """
    header = request.headers.get("If-Match", "").strip()
    from_header = None
    if header and header != "*":
        match = IF_MATCH_VERSION.match(header)
        from_header = whole_number(match.group(1)) if match else None
        if from_header is None:
            raise exceptions.ValidationError(
                {"If-Match": ["Send the ETag of the record you edited, as it was sent to you."]}
            )
    from_body = request.data.get("version") if hasattr(request.data, "get") else None
    if from_body is not None:
        from_body = None if isinstance(from_body, bool) else whole_number(str(from_body))
        if from_body is None:
            raise exceptions.ValidationError({"version": ["A valid integer is required."]})
        if from_header is not None and from_body != from_header:
            raise PreconditionFailed("If-Match and the body's version disagree.")
    return from_header if from_header is not None else from_body


class VersionedDetailMixin:
    """A viewset's details (a record, or its `.values()` row) answer with
    `ETag: "<version>.<digest of the body>"` and `Last-Modified`: the digest makes a 304
    follow any change (a renamed speaker too), the version is what `If-Match` is checked
    against on a write."""

    def get_object(self):
        obj = super().get_object()
        self.versioned_object = obj
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
        obj = getattr(self, "versioned_object", None)
        if (
            obj is None
            or response.status_code not in (200, 201)
            or not isinstance(response, Response)
        ):
            return response
        response.render()
        digest = hashlib.sha256(response.content).hexdigest()[:16]
        read = obj.get if isinstance(obj, dict) else lambda name: getattr(obj, name, None)
        version, updated_at = read("version"), read("updated_at")
        response["ETag"] = f'"{version}.{digest}"' if version is not None else f'"{digest}"'
        if updated_at:
            response["Last-Modified"] = http_date(int(updated_at.timestamp()))
        return response
