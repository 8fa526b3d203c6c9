"""Two-factor sign-in with an authenticator app (TOTP, django-otp), and recovery codes.

Editors and superusers must have it (`CMS_REQUIRE_2FA`, on by default); writers may turn it on.
An account that has a second factor signs in with it everywhere: the admin's login form and the
API's token endpoint ask for the one-time code.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.roles import EDITORS

RECOVERY_CODES = 10
CODE_NEEDED = "Enter a current code from your authenticator app, or an unused recovery code."


def second_factor_required(user) -> bool:
    """Editors and superusers can publish to the world: a password alone is not enough."""
    if not settings.CMS_REQUIRE_2FA:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def needs_second_factor(user) -> bool:
    """Signed in (a session) without the second factor the account has or must have."""
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    if is_verified is not None and is_verified():
        return False
    return user_has_device(user) or second_factor_required(user)


def verified_device(user, token: str):
    """The user's device that accepts `token`, or None: the authenticator app for a code of
    digits, the recovery codes otherwise. (Trying every device would count a failure, and
    throttle, on each one the code was not meant for.) Each device throttles its own failures."""
    kind = TOTPDevice if token.isdigit() else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, kind) and device.verify_token(token):
                return device
    return None


class ConfirmForm(forms.Form):
    otp_token = forms.CharField(label="Code from the app", max_length=8)

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"]
        if not self.device.verify_token(token):
            raise forms.ValidationError("That code is wrong or has expired; try the next one.")
        return token


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (the CSP allows data: images, not inline scripts)."""
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def recovery_codes_reset(*, user) -> list[str]:
    """New single-use recovery codes for `user`, replacing any left."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def setup_view(request, context):
    """Turn on two-factor sign-in: scan the code, confirm one code from the app, and get the
    recovery codes, shown once."""
    user = request.user
    template = "admin/two_factor_setup.html"
    if user_has_device(user):
        return TemplateResponse(request, template, {**context, "enabled": True})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = ConfirmForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = recovery_codes_reset(user=user)
        otp_login(request, device)
        return TemplateResponse(request, template, {**context, "codes": codes})
    return TemplateResponse(
        request,
        template,
        {
            **context,
            "form": form,
            "secret": base64.b32encode(device.bin_key).decode(),
            "qr_code": qr_code_data_uri(device.config_url),
            "required": second_factor_required(user),
        },
    )
