"""Write bodies as strict as the query string: a field an endpoint does not take is a 400 naming
it. Dropped silently, a typo (`verfication_status`) was a 201 that did not do what was asked."""

from collections.abc import Mapping

from rest_framework import serializers

# Sent by the browsable API's HTML forms beside a serializer's fields.
FORM_EXTRAS = frozenset({"csrfmiddlewaretoken"})


class RefusesUnknownFields:
    """A serializer mixin: every name in the body must be one of its fields. `unknown_hints`
    gives a field the API does not take a message of its own (say what to send instead)."""

    unknown_hints: dict[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = [name for name in data if name not in self.fields and name not in FORM_EXTRAS]
            if unknown:
                taken = [name for name, field in self.fields.items() if not field.read_only]
                message = f"Unknown field. This takes: {', '.join(taken)}."
                raise serializers.ValidationError(
                    {name: [self.unknown_hints.get(name, message)] for name in unknown}
                )
        return super().to_internal_value(data)
