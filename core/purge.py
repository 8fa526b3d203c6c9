"""Placeholder until the purge backends land (see deploy/README.md)."""

from django.conf import settings
from django.utils.module_loading import import_string


def purge(keys) -> None:
    path = getattr(settings, "CMS_PURGE_BACKEND", "")
    if path:
        import_string(path)().purge(list(keys))
