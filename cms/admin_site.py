"""The admin site: Django's, with a login form that refuses what no account can be, and every
admin view refusing NUL characters in its query string (PostgreSQL cannot compare them with
text, so a list filter or an autocomplete term carrying one was a 500)."""

import math
from functools import wraps

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
from django.http import HttpResponse, HttpResponseBadRequest

from core.api.throttles import LoginRateThrottle


class LoginForm(AdminAuthenticationForm):
    """A username longer than the user model allows is a form error before any authentication:
    django-axes would record it, in a 255-character column. (Django sets the field's
    `max_length` after the field is built, which sizes the widget but adds no validator.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


def has_null_character(query) -> bool:
    return any(
        "\x00" in name or any("\x00" in value for value in values) for name, values in query.lists()
    )


class QuoteDeskAdminSite(admin.AdminSite):
    login_form = LoginForm

    def login(self, request, extra_context=None):
        """Django's login view, its attempts counted per address with the token endpoint's
        throttle (`CMS_LOGIN_RATE`)."""
        throttle = LoginRateThrottle()
        if request.method == "POST" and not throttle.allow_request(request, None):
            response = HttpResponse(
                "Too many login attempts from your address. Try again later.",
                status=429,
                content_type="text/plain",
            )
            response["Retry-After"] = str(math.ceil(throttle.wait()))
            return response
        return super().login(request, extra_context)

    def admin_view(self, view, cacheable=False):
        @wraps(view)
        def refusing_null_characters(request, *args, **kwargs):
            if has_null_character(request.GET):
                return HttpResponseBadRequest(
                    "Null characters are not allowed in the address.", content_type="text/plain"
                )
            return view(request, *args, **kwargs)

        return super().admin_view(refusing_null_characters, cacheable)
