"""The images' files, served by the site itself when they are kept on its own disk.

WhiteNoise serves only static files collected at start-up, and Django's `static.serve` is for
development; this is the one path for uploaded files under `make run` and `make serve` alike. A
file is served when its image is public (`Image.objects.published()`) or to an editor who may
see the library (a preview of a draft shows its images; an API client has just uploaded one);
its answer names the image among its surrogate keys, so editing or deleting the image purges
it from the HTTP cache in front.
"""

import re

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from core.surrogate import add_record

from .models import Image
from .processing import EXTENSIONS

PATH = re.compile(r"^images/(?P<key>[0-9a-f]{24})/(?P<name>[\w.-]+)\.(?P<ext>[a-z]+)$")


def media(request, path: str):
    match = PATH.match(path)
    if match is None or match["ext"] not in EXTENSIONS:
        raise Http404("No such file.")
    images = Image.objects.filter(key=match["key"]).only("pk")
    if not may_see_library(request):
        images = images.published()
    image = images.first()
    if image is None or not default_storage.exists(path):
        raise Http404("No such file.")
    with default_storage.open(path, "rb") as stored:
        response = HttpResponse(stored.read(), content_type=EXTENSIONS[match["ext"]])
    add_record(image)
    patch_cache_control(response, public=True)
    return response


def may_see_library(request) -> bool:
    """An editor signed in (session), or an API client with its token: the one that has just
    uploaded an image may fetch its renditions at once, before any page uses it."""
    user = request.user
    if not user.is_authenticated and "HTTP_AUTHORIZATION" in request.META:
        try:
            user = (TokenAuthentication().authenticate(request) or (user,))[0]
        except AuthenticationFailed:
            return False
    return user.has_perm("images.view_image")
