"""The client's address, one definition for the throttles and for django-axes.

Behind our proxy (`CMS_BEHIND_PROXY=1`) it is the address Varnish vouches for: the VCL sets
`X-Forwarded-For` to `client.ip`, replacing whatever the client sent, and the last entry is
taken so that a proxy which appends instead still cannot be fooled. Otherwise the header is
the client's own word and is ignored: `REMOTE_ADDR`.
"""

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.CMS_BEHIND_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.rsplit(",", 1)[-1].strip() or remote
