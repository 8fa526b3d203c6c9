"""What clients are told about each view: in the OpenAPI schema, OPTIONS answers and the
browsable API."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema


class AutoSchema(SpectacularAutoSchema):
    def get_description(self) -> str:
        """Only what `extend_schema(description=...)` says (it overrides this). drf-spectacular
        otherwise publishes each view's docstring, which here explains the code to its
        developers (list serializers, cache middleware, sampling): Swagger UI showed POST
        /quotes/ as "A viewset's `list` and `retrieve` answers are marked public..."."""
        return ""


def view_description(view, html=False) -> str:
    """DRF's `VIEW_DESCRIPTION_FUNCTION`: nothing, for the same reason; DRF's own put each
    view's docstring in every OPTIONS answer and atop each browsable API page."""
    return ""
