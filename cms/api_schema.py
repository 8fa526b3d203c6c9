"""The API schema's generator: drf-spectacular's, plus the error responses each operation
really gives.

A module of its own because drf-spectacular imports DRF's views, which read the settings that
name `cms.api`'s classes: importing it from `cms.api` would be circular.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

from .api import ErrorSerializer, StaleSerializer, ThrottledSerializer

VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "Each unknown or invalid parameter or field, with its messages; "
    "`non_field_errors` for the record as a whole.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error responses every operation can really give."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        writes = self.method not in ("GET", "HEAD", "OPTIONS")
        detail = "{" in self.path
        errors = {
            "400": (VALIDATION_ERROR_SCHEMA, "A parameter or field is unknown or invalid."),
            "401": (ErrorSerializer, "The credentials sent are wrong."),
            "429": (ThrottledSerializer, "Too many requests; see Retry-After."),
        }
        if writes:
            errors["403"] = (ErrorSerializer, "You may not do this.")
        if detail:
            errors["404"] = (ErrorSerializer, "No such record (or not visible to you).")
        if writes and detail:
            errors["412"] = (StaleSerializer, "Someone changed the record since you loaded it.")
        for code, (serializer, description) in errors.items():
            if code not in responses:
                body = self._get_response_for_code(serializer, code)
                body["description"] = description
                responses[code] = body
        return responses
