"""Read serializers that give DRF's output at a fraction of its cost per row.

DRF's `Serializer.to_representation` asks every field, for every row, to find its attribute
(`fields.get_attribute`, which inspects each callable's signature) and convert it. On a list
of 50 quotes with speaker, source chain, films and links that is thousands of calls and most of
the request's time. `CompiledReadMixin` works out once per serializer instance (so once per
list: a `many=True` child is one instance) how to read each field, then reads rows with plain
`getattr` and converts only what needs converting.

The output is DRF's own: the same fields in the same order, `None` for a missing relation,
each field's `to_representation` wherever a value is not already a plain `str` or `int`.
`tests/api/test_compiled_read.py` renders every API list and detail both ways and compares.
Set `CompiledReadMixin.enabled = False` to fall back to DRF's generic path.
"""

import functools
import inspect
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Manager
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import ManyRelatedField, PKOnlyObject, RelatedField

# Fields whose representation of a str (or int) value is that value itself.
PLAIN_TEXT = (
    serializers.CharField,
    serializers.ChoiceField,
)
PLAIN_INTEGER = (serializers.IntegerField,)
# Left to DRF's own reading (primary-key-only objects, skipped fields).
DRF_READ = (RelatedField, ManyRelatedField)
SKIP = object()


def is_simple_callable(value) -> bool:
    """What DRF calls when a source names it: a function, a bound method or a partial.
    (DRF also checks the signature; declared sources here only name argument-free methods.)"""
    return (
        inspect.isfunction(value) or inspect.ismethod(value) or isinstance(value, functools.partial)
    )


def attribute_reader(source_attrs: list[str]) -> Callable[[Any], Any]:
    """Follow a field's `source` from a row, calling methods on the way, as DRF does;
    a missing relation (None on the way) reads as None."""
    if not source_attrs:
        return lambda instance: instance

    def read(instance):
        value = instance
        for name in source_attrs:
            if value is None:
                return None
            try:
                value = getattr(value, name)
            except ObjectDoesNotExist:
                return None
            if is_simple_callable(value):
                value = value()
        return value

    return read


def drf_reader(field: serializers.Field) -> Callable[[Any], Any]:
    def read(instance):
        try:
            value = field.get_attribute(instance)
        except SkipField:
            return SKIP
        if isinstance(value, PKOnlyObject) and value.pk is None:
            return None
        return value

    return read


def reader(field: serializers.Field) -> Callable[[Any], Any]:
    if isinstance(field, DRF_READ):
        return drf_reader(field)
    return attribute_reader(field.source_attrs)


def plain_text(convert: Callable) -> Callable:
    return lambda value: value if type(value) is str else convert(value)


def plain_integer(convert: Callable) -> Callable:
    return lambda value: value if type(value) is int else convert(value)


def list_converter(child: serializers.BaseSerializer) -> Callable:
    to_representation = child.to_representation

    def convert(items):
        if isinstance(items, Manager):
            items = items.all()
        return [to_representation(item) for item in items]

    return convert


def converter(field: serializers.Field) -> Callable:
    if isinstance(field, serializers.SerializerMethodField):
        return getattr(field.parent, field.method_name)
    if isinstance(field, serializers.ListSerializer):
        return list_converter(field.child)
    if isinstance(field, PLAIN_TEXT):
        return plain_text(field.to_representation)
    if isinstance(field, PLAIN_INTEGER):
        return plain_integer(field.to_representation)
    return field.to_representation


class CompiledReadMixin:
    """Mix into a read-only (or read path of a) `Serializer`: see the module docstring."""

    enabled = True

    def to_representation(self, instance):
        if not CompiledReadMixin.enabled:
            return super().to_representation(instance)
        plan = self.__dict__.get("_read_plan")
        if plan is None:
            plan = self._read_plan = [
                (field.field_name, reader(field), converter(field))
                for field in self._readable_fields
            ]
        row = {}
        for name, read, convert in plan:
            value = read(instance)
            if value is SKIP:
                continue
            row[name] = None if value is None else convert(value)
        return row
