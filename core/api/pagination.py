"""Cursor pagination for every list: no COUNT(*), and a page costs the same at row ten million
as at row ten."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from rest_framework import exceptions, pagination

from core.numbers import whole_number

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def page_size_from(request, param: str) -> int:
    """The requested page size, refusing (not clamping) anything outside 1..MAX_PAGE_SIZE."""
    raw = request.query_params.get(param)
    if raw is None:
        return DEFAULT_PAGE_SIZE
    size = whole_number(raw)
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise exceptions.ValidationError(
            {param: [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]}
        )
    return size


class CursorPagination(pagination.CursorPagination):
    """DRF's opaque cursors. A view gives its order as `cursor_ordering` (a tuple whose first
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

    def get_schema_operation_parameters(self, view):
        """DRF's, with the page sizes `page_size_from` takes: the schema said only "integer",
        so a generated client could not know that 0 or 101 is a 400."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                }
        return parameters

    def get_ordering(self, request, queryset, view):
        fixed = getattr(view, "cursor_ordering", None)
        if fixed:
            return fixed
        requested = request.query_params.get("ordering")
        return (requested,) if requested in self.orderings else (self.ordering,)

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

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
