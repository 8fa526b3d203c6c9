"""The images' files, served by the site itself wherever they are kept (var/media, or a
private S3 bucket through `default_storage`).

WhiteNoise serves only static files collected at start-up, Django's `static.serve` is for
development, and a bucket's own URLs would stay readable after the image is taken down: this is
the one path to uploaded files (`images.presentation.media_url` names them). A file is served
when its image is public (`Image.objects.published()`) or to an editor who may see the library
(a preview of a draft shows its images; an API client has just uploaded one); its answer names
the image among its surrogate keys, so editing, deleting or hiding the image purges it from the
HTTP cache in front.
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
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
    if image is None:
        raise Http404("No such file.")
    try:
        stored = open_stored(path)
    except FileNotFoundError:
        raise Http404("No such file.") from None
    content_type = EXTENSIONS[match["ext"]]
    if request.method in ("GET", "HEAD") and get_conditional_response(request, etag=stored.etag):
        # Not modified (or a failed If-Match): ConditionalGetMiddleware answers 304 (412) from
        # the ETag and the headers set below; not a byte of the file is read.
        stored.file.close()
        response = HttpResponse(content_type=content_type)
    else:
        response = FileResponse(stored.stream(), content_type=content_type)
        response["Content-Length"] = stored.size
    response["ETag"] = stored.etag
    add_record(image)
    patch_cache_control(response, public=True)
    return response


@dataclass
class Stored:
    """A stored file about to be sent: its size and entity tag, known before its bytes are
    read, and `stream`, which opens them to be sent a block at a time (`FileResponse`)."""

    file: IO[bytes]
    size: int
    etag: str
    stream: Callable[[], IO[bytes]]


def open_stored(path: str) -> Stored:
    """`path` in `default_storage`, or FileNotFoundError. From S3 (django-storages' S3File,
    opened with a HEAD request), the object's body as the store sends it, with the store's
    ETag (its content's MD5), rather than a copy of the whole object in memory first; from the
    disk, the file with an ETag of its size and modified time (`stored_etag`), so that no
    answer reads it but to send it."""
    file = default_storage.open(path, "rb")
    obj = getattr(file, "obj", None)
    if obj is not None:
        return Stored(file, obj.content_length, obj.e_tag, lambda: obj.get()["Body"])
    try:
        etag = stored_etag(path, file)
    except BaseException:
        file.close()
        raise
    return Stored(file, file.size, etag, lambda: file)


def stored_etag(path: str, file: File) -> str:
    """The ETag of a stored file: its size and modified time where the storage tells them
    (what a replaced file changes), else the MD5 of its content, which reads the whole file."""
    try:
        modified = default_storage.get_modified_time(path)
    except NotImplementedError:
        etag = hashlib.file_digest(file, "md5").hexdigest()
        file.seek(0)
        return quote_etag(etag)
    return quote_etag(f"{file.size:x}-{round(modified.timestamp() * 1_000_000):x}")


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
