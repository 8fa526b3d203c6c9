"""The API's read shapes, each written once, as a serializer of `.values()` rows.

A `RowSerializer` declares its fields as any DRF serializer does, so DRF and drf-spectacular
read the one declaration (the OpenAPI schema describes what is sent), but it reads dicts of
column values, never model instances:
- a plain field's `source` names a column (`"said_on"`, or `"source__title"` across a join);
- a nested `RowSerializer` is a to-one relation read in the same row (its columns prefixed
  with its `source`), null when the relation's id is;
- `RelatedList(child=..., related=Related(...))`, or `RelatedOne(...)` for one record, is read
  by one more query for every row of the page;
- `MethodField(*columns)` is the shape's static `get_<name>(row, context)`;
- `RowLinks(...)` is the record's `links`.
Each shape's plan (its columns and how a row becomes JSON) is worked out once per class.

Why: model instances and DRF's field-by-field walk were two thirds of a list request's time
(docs/performance.md); a plan run over plain rows does the same work for a fraction of it.
"""

from collections.abc import Callable
from datetime import date
from functools import cache

from django.db import models
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.generics import get_object_or_404

from core import compiled
from core.api.fields import OptionalURLField
from core.api.links import (
    LINKS_SCHEMA,
    UtcDateTimeField,
    api_pattern,
    is_utc,
    page_pattern,
    site_root,
)
from core.surrogate import add_keys

# Fields whose values come from the database as JSON needs them.
AS_STORED = (
    serializers.CharField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ChoiceField,
    serializers.FloatField,
)


class Related:
    """How a field's records are read: one query for the rows of a whole page.

    `queryset()` gives them (in their order); their column `link` holds the value of the row's
    column `key`; the child's columns are read with `prefix` (`"film__"` through a link
    table). `load(keys)`, when given, does all of it: a dict from key to the child rows."""

    def __init__(
        self,
        queryset: Callable[[], QuerySet] | None = None,
        *,
        key: str = "id",
        link: str = "",
        prefix: str = "",
        load: Callable[[set], dict] | None = None,
    ) -> None:
        self.queryset = queryset
        self.key, self.link, self.prefix, self.load = key, link, prefix, load

    def rows_by_key(self, keys: set, columns: list[str]) -> dict:
        if self.load is not None:
            return self.load(keys)
        found: dict = {}
        if not keys:
            return found
        pairs = [(column, self.prefix + column) for column in columns]
        names = list(dict.fromkeys([self.link, *(name for _, name in pairs)]))

        def build(keys: list) -> QuerySet:
            return self.queryset().filter(**{f"{self.link}__in": keys}).values(*names)

        # Compiled once per process for each number of keys (a page's rows): building and
        # compiling it was a third of a list's time above the database (docs/performance.md).
        for record in compiled.keyed_rows((self, *names), build, sorted(keys)):
            found.setdefault(record[self.link], []).append(
                {column: record[name] for column, name in pairs}
            )
        return found


class RelatedList(serializers.ListSerializer):
    """A list of records read by another query (`Related`), e.g. a quote's films."""

    def __init__(self, *args, related: Related, **kwargs):
        self.related = related
        super().__init__(*args, read_only=True, **kwargs)


class MethodField(serializers.SerializerMethodField):
    """A value the shape's static `get_<name>(row, context)` makes from `columns` of the row
    (its schema from the method's return annotation or `extend_schema_field`)."""

    def __init__(self, *columns: str, **kwargs):
        self.columns = columns
        super().__init__(**kwargs)


@extend_schema_field(LINKS_SCHEMA)
class RowLinks(serializers.Field):
    """The record's `links` (see `core.api.links`): its API URL through `view_name` by
    `lookup`, and its public page by `page_lookup` (None: it has no page)."""

    def __init__(self, view_name: str, lookup: str = "slug", page_lookup: str | None = "", **kw):
        self.view_name, self.lookup = view_name, lookup
        self.page_lookup = lookup if page_lookup == "" else page_lookup
        super().__init__(source="*", read_only=True, **kw)

    def columns(self) -> list[str]:
        return [column_of(name) for name in (self.lookup, self.page_lookup) if name]

    def maker(self, model: type[Model]) -> Callable[[dict, dict], dict]:
        view_name, lookup, page_lookup = self.view_name, self.lookup, self.page_lookup
        column, page_column = column_of(lookup), column_of(page_lookup or "")

        def patterns(context: dict) -> tuple:
            root, prefix = site_root(context)
            start, end = api_pattern(view_name, lookup, prefix)
            if page_lookup is None:
                return (root + start, end, None, None)
            page_start, page_end = page_pattern(model, page_lookup, prefix)
            return (root + start, end, root + page_start, page_end)

        def links(row: dict, context: dict) -> dict:
            # The patterns are worked out once per response (its serializers share `context`).
            found = context.get(links)
            if found is None:
                found = context[links] = patterns(context)
            start, end, page_start, page_end = found
            page = None if page_start is None else f"{page_start}{row[page_column]}{page_end}"
            return {"api": f"{start}{row[column]}{end}", "page": page}

        return links


def column_of(lookup: str) -> str:
    """The column a URL's lookup reads: a route's `pk` is the row's `id`."""
    return "id" if lookup == "pk" else lookup


def present_rows(shape: type["RowSerializer"], rows: list[dict], context: dict) -> list[dict]:
    """`rows` in `shape`, with what they show beyond their own columns read for all of them,
    their records' keys added to the response's."""
    shape.prepare(rows)
    keys: set[str] = set()
    context = with_time_zone(context)
    out = [shape.present(row, context, keys) for row in rows]
    add_keys(keys)
    return out


class RowListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        return present_rows(type(self.child), list(data), self.context)

    @property
    def data(self):
        # A plain list: DRF's ReturnList only adds a reference back to the serializer.
        return self.to_representation(self.instance)


class RowSerializer(serializers.ModelSerializer):
    """A read-only shape of `.values()` rows (see the module docstring). `Meta.model` is the
    record's model: its `id` column names it among the response's surrogate keys (unless
    `Meta.surrogate_key` is False). Model fields named in `Meta.fields` and not declared are
    typed from the model, as a ModelSerializer's are."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UtcDateTimeField,
        models.URLField: OptionalURLField,
    }

    class Meta:
        model: type[Model]
        fields: list[str]
        list_serializer_class = RowListSerializer

    def to_representation(self, instance):
        shape = type(self)
        shape.prepare([instance])
        keys: set[str] = set()
        out = shape.present(instance, with_time_zone(self.context), keys)
        add_keys(keys)
        return out

    @property
    def data(self):
        return self.to_representation(self.instance)

    @classmethod
    def columns(cls) -> list[str]:
        """Every column a row of this shape reads, for `.values()`."""
        return plan_of(cls).columns

    @classmethod
    def prepare(cls, rows: list[dict]) -> None:
        """Read what the rows show beyond their own columns, one query per relation for all
        of them, and split the to-one children out of them: each is kept in the row under
        `(field name,)`, a key no column has."""
        plan = plan_of(cls)
        for name, child, pairs in plan.ones:
            children = []
            id_column = pairs[0][1]
            for row in rows:
                sub = None
                if row[id_column] is not None:
                    sub = {column: row[source] for column, source in pairs}
                    children.append(sub)
                row[(name,)] = sub
            if children:
                child.prepare(children)
        for name, child, related, many in plan.related:
            keys = {row[related.key] for row in rows} - {None}
            by_key = related.rows_by_key(keys, child.columns())
            children = []
            for row in rows:
                found = by_key.get(row[related.key], [])
                children.extend(found)
                row[(name,)] = found if many else (found[0] if found else None)
            if children:
                child.prepare(children)

    @classmethod
    def present(cls, row: dict, context: dict, keys: set[str]) -> dict:
        """The row as JSON, its record's key (and its children's) added to `keys`."""
        plan = plan_of(cls)
        if plan.key:
            keys.add(f"{plan.key}-{row['id']}")
        out = {}
        for name, kind, source, extra in plan.steps:
            if kind is VALUE:
                out[name] = row[source]
            elif kind is CONVERT:
                value = row[source]
                out[name] = None if value is None else extra(value)
            elif kind is MOMENT:
                out[name] = moment(row[source], context, extra)
            elif kind is ONE:
                child = row[source]
                out[name] = None if child is None else extra.present(child, context, keys)
            elif kind is MANY:
                out[name] = [extra.present(child, context, keys) for child in row[source]]
            else:  # a method or the links
                out[name] = extra(row, context)
        return out


VALUE, CONVERT, MOMENT, ONE, MANY, MAKE = "value", "convert", "moment", "one", "many", "make"


class Plan:
    """What a shape reads (`columns`, `ones`: to-one children in the row, `related`: records
    read by another query) and how it writes a row (`steps`, in the fields' order)."""

    def __init__(self, shape: type[RowSerializer]) -> None:
        model = shape.Meta.model
        keyed = getattr(shape.Meta, "surrogate_key", True)
        self.key = model._meta.model_name if keyed else None
        self.columns: list[str] = ["id"]
        self.steps: list[tuple] = []
        self.ones: list[tuple] = []
        self.related: list[tuple] = []
        for name, field in shape().fields.items():
            related = getattr(field, "related", None)
            if isinstance(related, Related):
                many = isinstance(field, RelatedList)
                child = type(field.child)
                self.use(related.key)
                self.related.append((name, child, related, many))
                self.steps.append((name, MANY if many else ONE, (name,), child))
            elif isinstance(field, RowSerializer):
                child = type(field)
                pairs = [(column, f"{field.source}__{column}") for column in child.columns()]
                self.use(*(source for _, source in pairs))
                self.ones.append((name, child, pairs))
                self.steps.append((name, ONE, (name,), child))
            elif isinstance(field, MethodField):
                self.use(*field.columns)
                self.steps.append((name, MAKE, None, getattr(shape, field.method_name)))
            elif isinstance(field, RowLinks):
                self.use(*field.columns())
                self.steps.append((name, MAKE, None, field.maker(model)))
            else:
                self.use(field.source)
                self.steps.append((name, *conversion(field, field.source)))

    def use(self, *columns: str) -> None:
        for column in columns:
            if column not in self.columns:
                self.columns.append(column)


@cache
def plan_of(shape: type[RowSerializer]) -> Plan:
    return Plan(shape)


def conversion(field, source: str) -> tuple:
    """How a column's value becomes JSON: as stored, or through the field."""
    if isinstance(field, serializers.DateTimeField):
        return (MOMENT, source, field.to_representation)
    if isinstance(field, serializers.DateField):
        return (CONVERT, source, date.isoformat)
    if isinstance(field, AS_STORED) and not isinstance(
        field, serializers.MultipleChoiceField | OptionalURLField
    ):
        return (VALUE, source, None)
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        return (VALUE, source, None)  # a foreign key's column holds the id
    return (CONVERT, source, field.to_representation)


def moment(value, context: dict, write: Callable) -> str | None:
    """A stored (UTC) time as JSON: its own ISO text when DRF writes times in UTC (the context
    says, `with_time_zone`), else `write(value)`, a DRF field's way."""
    if value is None:
        return None
    if context["utc"]:
        text = value.isoformat()
        if text.endswith("+00:00"):
            return text[:-6] + "Z"
    return write(value)


def with_time_zone(context: dict) -> dict:
    """The context, saying whether the time zone that DRF writes times in is UTC: a stored time
    is then written as it is (`MOMENT`), without a look-up of the zone per value."""
    if "utc" not in context:
        context["utc"] = is_utc(timezone.get_current_timezone())
    return context


class RelatedOne(serializers.Field):
    """One record read by another query for the whole page (e.g. a quote's parent), in the
    shape `child`; null when the query finds none. Its schema is the child's component."""

    def __init__(self, *, child: "RowSerializer", related: Related, **kwargs):
        self.child, self.related = child, related
        super().__init__(read_only=True, allow_null=True, **kwargs)


class RelatedOneSchema(OpenApiSerializerFieldExtension):
    """drf-spectacular: a `RelatedOne` is its child's component, or null."""

    target_class = RelatedOne

    def map_serializer_field(self, auto_schema, direction):
        component = auto_schema.resolve_serializer(self.target.child, direction)
        return {"allOf": [component.ref], "nullable": True, "readOnly": True}


def rows_by_id(shape: type[RowSerializer], model: type[Model], page: list[dict]) -> list[dict]:
    """The rows of `page` (dicts of their `id` and some columns already read) in `shape`, in
    their order, with the columns the page lacks. Which records these are was decided by the
    list's own queryset; one deleted since is left out."""
    if not page:
        return []
    columns = ["id", *(column for column in shape.columns() if column not in page[0])]

    def build(keys: list) -> QuerySet:
        return model._default_manager.filter(pk__in=keys).order_by().values(*columns)

    ids = [row["id"] for row in page]
    found = {row["id"]: row for row in compiled.keyed_rows((shape, *columns), build, ids)}
    return [{**row, **found[row["id"]]} for row in page if row["id"] in found]


class RowReadMixin:
    """A viewset whose reads (`row_actions`) serve `.values()` rows through the action's
    RowSerializer: a list page's rows after filtering and ordering, and a detail's row found
    as DRF's `get_object()` finds a record (lookup, 404, object permissions)."""

    row_actions = ("list", "retrieve")

    def reads_rows(self) -> bool:
        return getattr(self, "action", None) in self.row_actions

    def list(self, request, *args, **kwargs):
        """DRF's list, the page presented by its shape without a list serializer: DRF's list
        serializer and its child reference each other, so the page they held (and, through
        the view, the response) waited for the cyclic garbage collector, which took about a
        tenth of a list's time (docs/performance.md)."""
        page = None
        if self.reads_rows():
            page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        if page is None:
            return super().list(request, *args, **kwargs)
        shape = self.get_serializer_class()
        return self.get_paginated_response(present_rows(shape, page, self.get_serializer_context()))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.reads_rows() and hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(release_data)
        return response

    def paginate_queryset(self, queryset):
        """A cursor page's ids (with the value its cursor stands on), then its rows by id.

        The list's own queryset (filters, ordering, cursor) decides which records are on the
        page and is built at each request, so it reads as few columns as it can; the rows' query
        joins what the shape shows and is compiled once per process for each page size
        (`core.compiled`): building and compiling it at each request was a third of a list's
        time above its database (docs/performance.md)."""
        if not self.reads_rows():
            return super().paginate_queryset(queryset)
        shape = self.get_serializer_class()
        ordering = getattr(self.paginator, "get_ordering", None)
        if ordering is None:
            return super().paginate_queryset(queryset.values(*shape.columns()))
        positions = [field.lstrip("-") for field in ordering(self.request, queryset, self)]
        page = super().paginate_queryset(queryset.values(*dict.fromkeys(["id", *positions])))
        return None if page is None else rows_by_id(shape, queryset.model, page)

    def get_object(self):
        if not self.reads_rows():
            return super().get_object()
        queryset = self.filter_queryset(self.get_queryset())
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        if "\x00" in str(value):
            raise Http404
        columns = self.get_serializer_class().columns()
        # What the detail's ETag and Last-Modified name (`VersionedDetailMixin`).
        names = {field.name for field in queryset.model._meta.concrete_fields}
        columns = [*columns, *({"version", "updated_at"} & names - set(columns))]
        row = get_object_or_404(queryset.values(*columns), **{self.lookup_field: value})
        self.check_object_permissions(self.request, row)
        return row

    def present(self, pk, shape: type[RowSerializer], queryset=None) -> dict:
        """The record `pk` in `shape`, read from `queryset` (this viewset's by default)."""
        queryset = self.get_queryset() if queryset is None else queryset
        row = queryset.filter(pk=pk).values(*shape.columns()).get()
        return shape(row, context=self.get_serializer_context()).data


def release_data(response) -> None:
    """Once a response is rendered, its data is let go: DRF's response, its view and its
    request reference one another, so the data would otherwise wait for the cyclic garbage
    collector."""
    response.data = None
