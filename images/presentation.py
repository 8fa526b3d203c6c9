"""How pages, feeds and structured data name an image: absolute URLs of its renditions."""

from django.conf import settings


def absolute_media_url(url: str) -> str:
    """A file's URL as a reader's browser, a feed reader or a crawler can fetch it: the
    store's own URL (S3) as it is, a path on this site (var/media) on the canonical host."""
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
