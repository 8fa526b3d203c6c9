"""Fields the API's write serializers share."""

from rest_framework import serializers


class SlugRelatedField(serializers.SlugRelatedField):
    """A value that cannot be a slug (a NUL byte, longer than any slug column) is a 400 before
    any query: PostgreSQL refuses NUL in text and would otherwise answer with a 500."""

    def to_internal_value(self, data):
        if isinstance(data, str) and ("\x00" in data or len(data) > 200):
            self.fail("invalid")
        return super().to_internal_value(data)
