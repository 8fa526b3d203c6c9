"""Django's JSON serialiser with timestamps written whole, for the content export.

`DjangoJSONEncoder` cuts a datetime to milliseconds, so an export loses the last three digits of
every timestamp (PostgreSQL and SQLite keep microseconds) and an export → import → export round
trip is not identical. This serialiser is Django's own in every other respect.
"""

import datetime

from django.core.serializers import json as django_json

FORMAT_NAME = "quotedesk-json"


class ExactJSONEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(django_json.Serializer):
    def serialize(self, queryset, **options):
        options.setdefault("cls", ExactJSONEncoder)
        return super().serialize(queryset, **options)


Deserializer = django_json.Deserializer
