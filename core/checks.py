"""System checks (`manage.py check`, and so `migrate` and `runserver`) for settings that are
read only when they are first used."""

from django.core.checks import Error, register


@register()
def purge_backend_check(app_configs, **kwargs) -> list[Error]:
    """A purge backend that cannot be built fails every purge, which `purge()` logs rather
    than raises: caches would keep a record taken off the site until its s-maxage ran out."""
    from core.purge import PurgeBackend, get_backend

    try:
        backend = get_backend()
    except Exception as exc:
        return [Error(f"CMS_PURGE_BACKEND cannot be used: {exc!r}", id="core.E001")]
    if not isinstance(backend, PurgeBackend):
        return [Error("CMS_PURGE_BACKEND must name a core.purge.PurgeBackend", id="core.E001")]
    return []
