"""Google's image sitemap extension (`<image:image>`) for sitemap sections whose pages show an
image: an article's lead image, a film's poster, a person's photo."""

from django.db.models import Prefetch

from .models import Image
from .presentation import absolute_media_url


class ImageSitemapMixin:
    """For a `Sitemap` whose items have a foreign key to an image (`image_field`): each URL
    carries `images`, the URL of the image's widest JPEG or PNG rendition, when
    `Image.objects.published()` holds the image. Two queries for the whole section (the
    images, their renditions), none when no item has one; items() must load the key."""

    image_field = ""

    def with_images(self, items):
        public = Image.objects.published().only("id").with_renditions()
        return items.prefetch_related(Prefetch(self.image_field, queryset=public))

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            image = getattr(url["item"], self.image_field)
            rendition = image.fallback("orig") if image is not None else None
            url["images"] = [absolute_media_url(rendition.url)] if rendition else []
        return urls
