"""Strict filters, shared by the HTML list pages and the REST API.

Every FilterSet built on these is strict: a query parameter it does not know, a parameter given
twice, a malformed value or a slug that names nothing is an error naming the parameter (a 400
in the API), never silently ignored. django-filter's own default is the opposite, and a client
who misspells `speaker` would otherwise get every quote and believe the answer.
"""

from datetime import UTC

import django_filters
from django import forms
from django.db.models import Manager, QuerySet
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.settings import api_settings

# Query parameters that belong to pagination or rendering rather than to a filter.
PAGINATION_PARAMS = frozenset({"cursor", "page", "page_size", "format"})

BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that refuses what it does not understand.

    `allowed` names the parameters the caller handles itself (pagination, `format`, `count` for
    the random quote endpoint; by default the pagination ones); `strict=False` turns the
    unknown-parameter check off for pages that must tolerate tracking parameters.
    """

    def __init__(self, data=None, *args, allowed=None, strict: bool = True, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.allowed = set(PAGINATION_PARAMS if allowed is None else allowed)
        self.strict = strict

    @property
    def errors(self):
        errors = self.form.errors
        if self.strict and self.is_bound and not getattr(self, "_checked_params", False):
            self._checked_params = True
            for name, message in self.parameter_errors().items():
                # A text field's own validator may have said it already (a null character).
                if message not in errors.get(name, []):
                    errors.setdefault(name, self.form.error_class()).append(message)
        return errors

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors

    @property
    def qs(self):
        """No rows at all when a parameter is wrong: a page showing an error must not also show
        rows filtered by only the parameters that happened to be right."""
        if self.is_bound and self.errors:
            return self.queryset.none()
        return super().qs

    def parameter_errors(self) -> dict[str, str]:
        known = set(self.form.fields) | self.allowed
        problems = {}
        for name in self.data:
            if name not in known:
                expected = ", ".join(sorted(known))
                problems[name] = f"Unknown parameter “{name}”. Expected one of: {expected}."
            elif hasattr(self.data, "getlist") and len(self.data.getlist(name)) > 1:
                problems[name] = f"Give “{name}” once."
            elif "\x00" in str(self.data.get(name)):
                problems[name] = "Null characters are not allowed."
        return problems


def visible_to(user, queryset: QuerySet | Manager) -> QuerySet:
    """The records of `queryset` (or a manager's) that `user` may see: a kind with
    `published()` shows readers only those; the desk (who may view the kind) sees every one.
    From a manager, readers get its `published()`, kept built (`core.compiled`)."""
    opts = queryset.model._meta
    if hasattr(queryset, "published") and not (
        user is not None and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    ):
        return queryset.published()
    return queryset.all()


def visible_choices(queryset: QuerySet):
    """A choice filter's `queryset` as the request's user may see it (`visible_to`), so that a
    record hidden from readers is as unknown as a misspelt one, not an empty list that says it
    exists."""
    return lambda request: visible_to(getattr(request, "user", None), queryset.all())


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """A related row named by its slug; a slug that names nothing (or nothing the client may
    see) is an error, not no rows."""

    def __init__(self, *args, noun: str, to_field_name: str = "slug", **kwargs):
        queryset = kwargs.get("queryset")
        if isinstance(queryset, QuerySet) and hasattr(queryset, "published"):
            kwargs["queryset"] = visible_choices(queryset)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f"No {noun} with {to_field_name} “%(value)s”."},
        )
        kwargs.setdefault("help_text", f"The {noun}'s {to_field_name}.")
        super().__init__(*args, to_field_name=to_field_name, **kwargs)


class UtcDateTimeField(forms.DateTimeField):
    """An ISO 8601 date-time, turned to UTC: some offsets Python accepts (+20:42) PostgreSQL
    refuses, and a date-time at the edge of the calendar cannot move at all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.iso = IsoDateTimeField()

    def to_python(self, value):
        value = self.iso.to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError("Enter a date-time between years 1 and 9999.") from None


class UtcDateTimeFilter(django_filters.DateTimeFilter):
    field_class = UtcDateTimeField


class StrictBooleanFilter(django_filters.ChoiceFilter):
    """`true` or `false`: django-filter's BooleanFilter turns any other value into "no filter"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=BOOLEAN_CHOICES, **kwargs)


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, told which non-filter parameters this view really reads.

    The FilterSet (a `StrictFilterSet`) then rejects every other parameter, and the backend
    turns its errors into a 400 (django-filter raises when `raise_exception`).
    """

    def filter_queryset(self, request, queryset, view):
        """A request that names no filter (only pagination or `format`, each once) gets the
        queryset as it is, which is what the FilterSet would give it, without building and
        validating the FilterSet's form."""
        allowed = allowed_params(view)
        params = request.query_params
        if all(
            name in allowed and len(params.getlist(name)) == 1 and "\x00" not in params[name]
            for name in params
        ):
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ValidationError(field_messages(filterset.errors))
        return filterset.qs

    def get_filterset_kwargs(self, request, queryset, view):
        return {
            **super().get_filterset_kwargs(request, queryset, view),
            "allowed": allowed_params(view),
        }


def field_messages(errors) -> dict[str, list[ErrorDetail]]:
    """The form's errors as DRF's. django-filter's own translation formats every message with
    `%` even when it has no parameters, so an unknown parameter named `a%s` (quoted in its
    message) was a 500; Django's `ValidationError.messages` formats only those with some."""
    return {
        name: [
            ErrorDetail(message, code=error.code)
            for error in error_list
            for message in error.messages
        ]
        for name, error_list in errors.as_data().items()
    }


def allowed_params(view) -> set[str]:
    allowed = {api_settings.URL_FORMAT_OVERRIDE or "format"}
    paginator = getattr(view, "paginator", None)
    if paginator is not None and getattr(view, "detail", False) is False:
        allowed |= set(getattr(paginator, "query_params", ()))
    allowed |= set(getattr(view, "extra_query_params", {}).get(getattr(view, "action", None), ()))
    return allowed
