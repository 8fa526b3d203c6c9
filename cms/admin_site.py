"""The admin site: Django's, with

- two-factor sign-in (django-otp): the login form asks for the one-time code of an account that
  has a second factor; an editor or superuser without one is sent to set it up before anything
  else (`cms.two_factor`);
- a login form that refuses what no account can be, and login attempts counted per address;
- every admin view refusing NUL characters in its query string (PostgreSQL cannot compare them
  with text, so a list filter or an autocomplete term carrying one was a 500).
"""

import math
from functools import wraps

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.options import TO_FIELD_VAR
from django.core.validators import MaxLengthValidator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path
from django_otp import user_has_device

from cms import two_factor
from core.api.throttles import LoginRateThrottle

# Views a signed-in editor still reaches before setting up the second factor.
BEFORE_SECOND_FACTOR = {"logout", "two_factor_setup", "i18n_javascript"}


class LoginForm(AdminAuthenticationForm):
    """A username longer than the user model allows is a form error before any authentication:
    django-axes would record it, in a 255-character column. (Django sets the field's
    `max_length` after the field is built, which sizes the widget but adds no validator.)

    An account with a second factor gives its one-time code (from the app, or a recovery
    code); the device that accepted it marks the session verified (django-otp's login hook)."""

    otp_token = forms.CharField(
        label="One-time code",
        required=False,
        max_length=16,
        help_text="From your authenticator app, or a recovery code. Empty if you have not "
        "turned on two-factor sign-in.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            token = cleaned_data.get("otp_token", "")
            device = two_factor.verified_device(user, token) if token else None
            if device is None:
                raise forms.ValidationError(two_factor.CODE_NEEDED, code="otp")
            user.otp_device = device
        return cleaned_data


def has_null_character(query) -> bool:
    return any(
        "\x00" in name or any("\x00" in value for value in values) for name, values in query.lists()
    )


class QuoteDeskAdminSite(admin.AdminSite):
    login_form = LoginForm
    login_template = "admin/two_factor_login.html"

    def has_permission(self, request):
        """A session signed in without the account's second factor is not let in (django-otp's
        `OTPAdminSite` asks it of everyone; here only of accounts that have one)."""
        user = request.user
        if not super().has_permission(request):
            return False
        return not (user_has_device(user) and not user.is_verified())

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
        def checked(request, *args, **kwargs):
            if has_null_character(request.GET):
                return HttpResponseBadRequest(
                    "Null characters are not allowed in the address.", content_type="text/plain"
                )
            # Django's change view looks an empty `_to_field` up as a field name (a 500).
            if "" in (request.GET.get(TO_FIELD_VAR), request.POST.get(TO_FIELD_VAR)):
                return HttpResponseBadRequest("Empty _to_field.", content_type="text/plain")
            # A view may be a partial (the desk's JSON endpoints): it has no __name__ of its own.
            name = getattr(view, "__name__", getattr(getattr(view, "func", None), "__name__", ""))
            if name not in BEFORE_SECOND_FACTOR and two_factor.needs_second_factor(request.user):
                return redirect(f"{self.name}:two-factor")
            return view(request, *args, **kwargs)

        return super().admin_view(checked, cacheable)

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(self.two_factor_setup), name="two-factor"),
            *super().get_urls(),
        ]

    def two_factor_setup(self, request):
        context = {**self.each_context(request), "title": "Two-factor sign-in"}
        return two_factor.setup_view(request, context)
