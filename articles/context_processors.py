"""What every public page's frame shows: the sections in the site's navigation."""

from django.utils.functional import SimpleLazyObject

from core.surrogate import add_lists, add_records

from .models import Section


def navigation(request) -> dict:
    """The sections, read (one query) only when a template shows them: the admin's pages
    never do. The page then names them, so a new or renamed section purges it."""
    return {"nav_sections": SimpleLazyObject(nav_sections)}


def nav_sections() -> list[Section]:
    sections = list(Section.objects.only("id", "name", "slug", "position"))
    add_lists(Section)
    add_records(sections)
    return sections
