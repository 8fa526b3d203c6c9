"""The API's token endpoint, with django-axes' lockouts answered as the API answers errors."""

from axes.conf import settings as axes_settings
from axes.helpers import get_lockout_message
from django.contrib.auth import get_user_model
from django_otp import user_has_device
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from cms import two_factor
from core.api.errors import ErrorSerializer
from core.api.throttles import LoginRateThrottle


def username_max_length() -> int:
    user_model = get_user_model()
    return user_model._meta.get_field(user_model.USERNAME_FIELD).max_length


class TokenSerializer(AuthTokenSerializer):
    """DRF's, refusing a username longer than any account's before authenticating (django-axes
    would record it, in a 255-character column), and asking an account with a second factor
    for its one-time code, so that the API is no way around it."""

    username = serializers.CharField(
        label="Username", write_only=True, max_length=username_max_length()
    )
    otp = serializers.CharField(
        label="One-time code",
        write_only=True,
        required=False,
        max_length=16,
        help_text="From the authenticator app, or a recovery code: required for an account "
        "with two-factor sign-in.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user, otp = attrs["user"], attrs.get("otp", "")
        if user_has_device(user):
            if not (otp and two_factor.verified_device(user, otp)):
                raise ValidationError({"otp": [two_factor.CODE_NEEDED]}, code="authorization")
        elif two_factor.second_factor_required(user):
            raise ValidationError(
                {"otp": ["Turn on two-factor sign-in in the admin (/admin/two-factor/) first."]},
                code="authorization",
            )
        return attrs


class TokenView(ObtainAuthToken):
    """DRF's token endpoint. Axes flags a lockout on DRF's request object, which its middleware
    never sees (the flag would be a plain 400 "Unable to log in"): say so here, as JSON."""

    serializer_class = TokenSerializer
    # DRF's view names its parsers; the project's (core.api.parsers) are the defaults.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, LoginRateThrottle]

    @extend_schema(
        description="Exchange a username and password for the user's API token. After "
        "repeated failures this username is locked from this address for a while, and an "
        "address making many attempts is slowed (429).",
        request=TokenSerializer,
        responses={
            200: TokenSerializer,
            429: OpenApiResponse(
                ErrorSerializer,
                description="Too many failed logins for this username from this address, or "
                "too many attempts from this address.",
            ),
        },
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            if getattr(request, "axes_locked_out", False):
                return Response(
                    {"detail": get_lockout_message()},
                    status=axes_settings.AXES_HTTP_RESPONSE_CODE,
                )
            raise
