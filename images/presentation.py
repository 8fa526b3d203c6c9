"""How pages, feeds, structured data and the API name an image's files: by URLs of this site.

Every file is served by the site (`images.views.media`), whichever storage keeps it (var/media
or an S3 bucket), so that a file answers only while its image is public and an edit purges it
from the HTTP cache in front with the image's surrogate key. The store's own URLs
(`storage.url`) are never given out: a bucket stays private.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri


def media_url(name: str) -> str:
    """The URL of a stored file (`images/<key>/<rendition>.<ext>`) on this site:
    `MEDIA_URL` + its name, the path `images.urls` routes to `images.views.media`."""
    return settings.MEDIA_URL + filepath_to_uri(name)


def absolute_media_url(url: str) -> str:
    """A file's URL (`media_url`) as a feed reader or a crawler can fetch it: on the canonical
    host."""
    return settings.SITE_URL + url if url.startswith("/") else url


def image_ld(image, *, crops=("16x9", "1x1", "orig")) -> list[str]:
    """schema.org `image`: the image in several shapes (Google asks for 16:9, 4:3 or 1:1 and
    the whole), each as the URL of its widest JPEG or PNG rendition."""
    urls = []
    for crop in crops:
        rendition = image.fallback(crop)
        if rendition is not None:
            urls.append(absolute_media_url(rendition.url))
    return urls
