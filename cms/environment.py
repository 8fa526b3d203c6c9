"""Reading the environment for the settings: a value that cannot be used stops the process at
start with the variable's name, rather than a traceback from the settings file or a failure at
the first request that reads it."""

import logging
import math
import os
import re
import zoneinfo
from collections.abc import Iterable
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """A word nobody meant as "no" (`CMS_HTTPS=enabled`) is refused rather than read as off."""
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/true/yes/on or 0/false/no/off, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(
    name: str, default: int, *, minimum: int = 0, maximum: int | None = None, environ=None
) -> int:
    """A bad number stops the process at start with the variable's name, not with a bare
    ValueError from this file or a crash at the first request that reads it."""
    value = (os.environ if environ is None else environ).get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum or (maximum is not None and number > maximum):
        upto = f" and at most {maximum}" if maximum is not None else ""
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}{upto}, not {value!r}"
        )
    return number


def env_float(name: str, default: float, *, minimum: float = 0, environ=None) -> float:
    value = (os.environ if environ is None else environ).get(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a number of at least {minimum:g}, not {value!r}"
        )
    return number


def env_rate(name: str, default: str) -> str:
    """DRF reads a throttle rate only at a request's throttle check, where a malformed one
    was a 500 on every API request (or every login)."""
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(
            f"{name} must be a rate like 120/min (per s, min, hour or day), not {value!r}"
        )
    return value


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def log_level(name: str, default: str) -> str:
    """Python's logging takes only upper-case names and failed inside Django's setup."""
    value = os.environ.get(name, default).strip().upper()
    if value not in logging.getLevelNamesMapping():
        raise ImproperlyConfigured(f"{name} must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return value


def time_zone(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(f"{name}: no time zone {value!r} (e.g. Europe/London)") from None
    return value


def site_url(name: str, default: str) -> str:
    """Every canonical link, feed, sitemap entry and JSON-LD URL is this plus a path: without a
    scheme and host (`desk.example.com`) each of them was a broken relative link."""
    value = os.environ.get(name, default).strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"{name} must be like https://desk.example.com, not {value!r}")
    return value


def database(url: str, name: str) -> dict:
    """A URL dj-database-url cannot read stops the process with the variable's name, and
    without the URL itself, which may hold a password."""
    try:
        return dj_database_url.parse(
            url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL we can use: {exc}") from None


def email_backend(name: str, default: str) -> str:
    """Django imports the email backend only to send the first mail: a misspelt one passed the
    start and failed at the first notification or password reset, after its write."""
    value = os.environ.get(name, "").strip() or default
    try:
        backend = import_string(value)
    except ImportError as exc:
        raise ImproperlyConfigured(f"{name}: cannot import {value!r} ({exc})") from None
    if not (isinstance(backend, type) and issubclass(backend, BaseEmailBackend)):
        raise ImproperlyConfigured(f"{name}: {value!r} is not a Django email backend")
    return value
