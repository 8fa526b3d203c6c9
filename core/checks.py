"""System checks (`manage.py check`, and so `migrate` and `runserver`) for settings that are
read only when they are first used."""

from urllib.parse import urlsplit

from django.core.checks import Error, register


@register()
def purge_backend_check(app_configs, **kwargs) -> list[Error]:
    """A purge backend that cannot be built fails every purge, which `purge()` logs rather
    than raises: caches would keep a record taken off the site until its s-maxage ran out."""
    from core.purge import PurgeBackend, VarnishBackend, get_backend

    try:
        backend = get_backend()
    except Exception as exc:
        return [Error(f"CMS_PURGE_BACKEND cannot be used: {exc!r}", id="core.E001")]
    if not isinstance(backend, PurgeBackend):
        return [Error("CMS_PURGE_BACKEND must name a core.purge.PurgeBackend", id="core.E001")]
    if isinstance(backend, VarnishBackend):
        return [
            Error(f"CMS_VARNISH_URLS: {url!r} is not like http://10.0.0.5:8000", id="core.E002")
            for url in backend.urls
            if not _http_url(url)
        ]
    return []


def _http_url(url: str) -> bool:
    """`127.0.0.1:8000` (no scheme) was read as scheme `127.0.0.1` and purged nowhere."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
