"""What clients are told about each view: in the OpenAPI schema, OPTIONS answers and the
browsable API."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent

from core.api.inputs import RefusesUnknownFields


class AutoSchema(SpectacularAutoSchema):
    def get_description(self) -> str:
        """Only what `extend_schema(description=...)` says (it overrides this). drf-spectacular
        otherwise publishes each view's docstring, which here explains the code to its
        developers (list serializers, cache middleware, sampling): Swagger UI showed POST
        /quotes/ as "A viewset's `list` and `retrieve` answers are marked public..."."""
        return ""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        """A body that refuses fields it does not take says so (`additionalProperties: false`),
        so that a client generated from the schema is as strict as the server. A read says
        that it answers a current `If-None-Match` with a 304 (`ConditionalGetMiddleware`),
        unless its view never lets it be cached (`never_cached_actions`)."""
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        never_cached = getattr(self.view, "never_cached_actions", ())
        if operation and method == "GET" and getattr(self.view, "action", None) not in never_cached:
            operation["responses"]["304"] = {
                "description": "Not modified: the ETag sent in If-None-Match is current."
            }
        if not operation or "requestBody" not in operation:
            return operation  # asking a view without a body for its serializer would warn
        request = self.get_request_serializer()  # or, from `extend_schema`, one per media type
        for media_type, content in operation["requestBody"].get("content", {}).items():
            serializer = request.get(media_type) if isinstance(request, dict) else request
            serializer_class = serializer if isinstance(serializer, type) else type(serializer)
            reference = content.get("schema", {}).get("$ref")
            if reference and issubclass(serializer_class, RefusesUnknownFields):
                name = reference.rsplit("/", 1)[-1]
                registry[(name, ResolvedComponent.SCHEMA)].schema["additionalProperties"] = False
        return operation


def view_description(view, html=False) -> str:
    """DRF's `VIEW_DESCRIPTION_FUNCTION`: nothing, for the same reason; DRF's own put each
    view's docstring in every OPTIONS answer and atop each browsable API page."""
    return ""


def doc_excludes() -> list[type]:
    """drf-spectacular's `GET_LIB_DOC_EXCLUDES`: the classes whose docstrings never describe a
    component. A shape or a body without a docstring of its own took its base class's, which
    explains the code (`.values()` rows, a serializer mixin) rather than the record."""
    from drf_spectacular.plumbing import get_lib_doc_excludes

    from core.api.rows import RowSerializer

    return [*get_lib_doc_excludes(), RowSerializer, RefusesUnknownFields]
