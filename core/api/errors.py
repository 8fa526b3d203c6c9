"""One error format for the whole API, and the schema's description of it."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.versioning import StaleEditError


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since you loaded it."
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record is not in a state that allows this."
    default_code = "conflict"


def exception_handler(exc, context):
    """DRF's handler, taught the services' exceptions: Django's ValidationError is a 400 with
    field messages, PermissionDenied a 403, StaleEditError a 412 saying who changed what, and
    Http404 DRF's one "Not found." (`get_object_or_404` named the model, differently from an
    address no route matches)."""
    # Imported here: rest_framework.views reads the settings that name this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_messages(exc))
    elif isinstance(exc, StaleEditError):
        return Response(
            {"detail": str(exc), "current_version": exc.current_version},
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and not isinstance(response.data, dict):
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response.data["retry_after"] = int(exc.wait) + (exc.wait % 1 > 0)
    return response


def validation_messages(exc: DjangoValidationError) -> dict[str, list[str]]:
    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
        for field, messages in exc.message_dict.items()
    }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ThrottledSerializer(ErrorSerializer):
    retry_after = serializers.IntegerField(required=False, help_text="Seconds to wait.")


class StaleSerializer(ErrorSerializer):
    current_version = serializers.IntegerField(required=False)


# The schema: the error responses every operation can really give ------------------------

ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "Throttled": {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "retry_after": {"type": "integer", "description": "Seconds to wait."},
        },
        "required": ["detail"],
    },
    "Stale": {
        "type": "object",
        "properties": {"detail": {"type": "string"}, "current_version": {"type": "integer"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "type": "object",
        "description": "Each unknown or invalid parameter or field, with its messages; "
        "`non_field_errors` for the record as a whole.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    # A 400 names the fields (a ValidationError), or says the body could not be read at all
    # (`detail`: malformed JSON, a body nested too deeply) before any field was looked at.
    "BadRequest": {
        "oneOf": [
            {"$ref": "#/components/schemas/ValidationError"},
            {"$ref": "#/components/schemas/Error"},
        ]
    },
}


def error_responses(method: str, path: str, operation: dict) -> dict[str, tuple[str, str]]:
    writes = method not in ("get", "head", "options")
    detail = "{" in path
    errors = {
        "400": (
            "BadRequest" if writes else "ValidationError",
            "A parameter or field is unknown or invalid, or the body is not readable.",
        ),
        "401": ("Error", "The credentials sent are wrong."),
        "429": ("Throttled", "Too many requests; see Retry-After."),
    }
    if writes:
        errors["403"] = ("Error", "You may not do this.")
    if detail:
        errors["404"] = ("Error", "No such record (or not visible to you).")
    if writes and detail:
        errors["412"] = ("Stale", "Someone changed the record since you loaded it.")
    # DRF picks the renderer before anything else, so any operation can refuse an `Accept`;
    # only one that reads a body can refuse its size (cms.middleware) or its type.
    errors["406"] = ("Error", "The Accept header names neither JSON nor HTML.")
    if "requestBody" in operation:
        errors["413"] = ("Error", "The body is larger than the server takes.")
        errors["415"] = ("Error", "The body is not of a type this operation takes.")
    errors["503"] = (
        "Error",
        "The database or the image storage is briefly unavailable; see Retry-After.",
    )
    return errors


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook (`POSTPROCESSING_HOOKS`): every operation documents
    the errors it can give, in the one format `exception_handler` writes."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in ERROR_SCHEMAS.items():
        schemas.setdefault(name, schema)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, (name, description) in error_responses(method, path, operation).items():
                operation["responses"].setdefault(
                    code,
                    {
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                        },
                        "description": description,
                    },
                )
    return result
