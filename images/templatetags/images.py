"""`{% picture %}`: an image as a responsive `<picture>` that never shifts the page."""

from django import template

from ..presentation import absolute_media_url

register = template.Library()


@register.inclusion_tag("images/picture.html")
def picture(image, crop="orig", sizes="100vw", css_class="", loading="lazy"):
    """WebP for the browsers that read it, JPEG (or PNG) for the rest, each at every width
    for `srcset`; `width` and `height` set from the rendition so the browser keeps the space
    before the file arrives. Nothing at all when there is no image."""
    if not image:  # None, or "" from a template variable that did not resolve
        return {"image": None}
    renditions = image.renditions_for(crop)
    fallback = image.fallback(crop, up_to=1280)
    if fallback is None:
        return {"image": None}
    return {
        "image": image,
        "webp": [r for r in renditions if r.format == "WEBP"],
        "plain": [r for r in renditions if r.format == fallback.format],
        "fallback": fallback,
        "sizes": sizes,
        "css_class": css_class,
        "loading": loading,
    }


@register.filter
def media_absolute(url: str) -> str:
    return absolute_media_url(str(url))
