"""The API's session authentication (apart from `cms.api_auth`: DRF imports its
authentication classes while its views module is still loading)."""

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication

from cms import two_factor


class TwoFactorSessionAuthentication(SessionAuthentication):
    """DRF's session authentication, not counting a session signed in without the second
    factor its account has or needs (the admin would send it to set one up first)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and two_factor.needs_second_factor(result[0]):
            return None
        return result


class TwoFactorSessionScheme(SessionScheme):
    """The schema describes it as drf-spectacular describes DRF's (a session cookie)."""

    target_class = "cms.api_sessions.TwoFactorSessionAuthentication"
