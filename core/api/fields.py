"""Fields the API's serializers share."""

from rest_framework import serializers


class SlugRelatedField(serializers.SlugRelatedField):
    """A value that cannot be a slug (a NUL byte, longer than any slug column) is a 400 before
    any query: PostgreSQL refuses NUL in text and would otherwise answer with a 500."""

    def to_internal_value(self, data):
        if isinstance(data, str) and ("\x00" in data or len(data) > 200):
            self.fail("invalid")
        return super().to_internal_value(data)


class OptionalURLField(serializers.URLField):
    """A URL a record may lack, sent as null: the column keeps a missing one as "" (no null on
    text), which a client testing for absence, or validating `format: uri`, took for a URL.
    Never blank, so the schema no longer offers "" as the alternative."""

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "allow_null": True, "allow_blank": False})

    def to_representation(self, value):
        return value or None
