"""What every public page's frame shows: the sections in the site's navigation."""

from django.utils.functional import SimpleLazyObject

from core import compiled
from core.surrogate import add_lists, add_records

from .models import Section


def navigation(request) -> dict:
    """The sections, read (one query) only when a template shows them: the admin's pages
    never do. The page then names them, so a new or renamed section purges it."""
    return {"nav_sections": SimpleLazyObject(nav_sections)}


def nav_sections() -> list[Section]:
    sections = compiled.instances(
        "nav_sections",
        Section,
        lambda keys: Section.objects.all(),
        [],
        columns=("id", "name", "slug", "position"),
        keyless=True,
    )
    add_lists(Section)
    add_records(sections)
    return sections
