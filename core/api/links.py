"""Every record in the API carries `links`: its own URL in the API and its public page.

A list of 50 quotes links some 400 records; `reverse()` for each costs more than the SQL, so a
route is reversed once (with a stand-in value where the lookup goes) and each link is that
pattern with the record's value put in."""

from datetime import UTC, datetime
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from drf_spectacular.utils import inline_serializer
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

LINKS_SCHEMA = inline_serializer(
    "Links",
    {
        "api": serializers.URLField(help_text="This record in the API."),
        "page": serializers.URLField(
            allow_null=True, help_text="This record's public page (none for a franchise)."
        ),
    },
)
# A stand-in lookup value that every route's converter accepts (int, slug, DRF's [^/.]+).
URL_MARKER = "2147483646"


@lru_cache(maxsize=512)
def api_pattern(view_name: str, lookup: str, script_prefix: str) -> tuple[str, str]:
    return tuple(reverse(view_name, kwargs={lookup: URL_MARKER}).split(URL_MARKER, 1))


@lru_cache(maxsize=64)
def page_pattern(model: type, lookup: str, script_prefix: str) -> tuple[str, str]:
    """The model's public page URL, from its own `get_absolute_url()` on a stand-in instance,
    so the two cannot disagree."""
    return tuple(model(**{lookup: URL_MARKER}).get_absolute_url().split(URL_MARKER, 1))


def site_root(context: dict) -> tuple[str, str]:
    """`scheme://host` of the request being answered and the script prefix, worked out once per
    response (the serializers of one response share their context)."""
    found = context.get("site_root")
    if found is None:
        request = context.get("request")
        root = request.build_absolute_uri("/")[:-1] if request else ""
        found = context["site_root"] = (root, get_script_prefix())
    return found


def is_utc(zone) -> bool:
    return zone is UTC or getattr(zone, "key", None) == "UTC"


class UtcDateTimeField(serializers.DateTimeField):
    """DRF's ISO 8601 text for a stored (aware, UTC) datetime, written without DRF's time-zone
    conversion per value; any other value takes DRF's way."""

    def to_representation(self, value):
        if (
            isinstance(value, datetime)
            and value.tzinfo is UTC
            and str(getattr(self, "format", api_settings.DATETIME_FORMAT)).lower() == ISO_8601
            and is_utc(timezone.get_current_timezone())
        ):
            text = value.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().to_representation(value)
