"""Sitemap sections for quotes and the reference pages (people, characters, films, outlets,
sources), each with its last-modified date."""

from core.sitemaps import PagedByIdSitemap
from images.sitemaps import ImageSitemapMixin

from .models import Character, Film, Outlet, Person, Quote, Source


class UpdatedAtSitemap(PagedByIdSitemap):
    changefreq = "weekly"
    priority = 0.5
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class QuoteSitemap(UpdatedAtSitemap):
    priority = 0.6

    def items(self):
        return Quote.objects.published().order_by("pk").only("pk", "updated_at")


class ImageRecordSitemap(ImageSitemapMixin, UpdatedAtSitemap):
    """A reference page that shows its record's image (a person's photo, a film's poster)."""

    def items(self):
        return self.with_images(super().items().only("pk", "slug", "updated_at", self.image_field))


class PersonSitemap(ImageRecordSitemap):
    model = Person
    image_field = "photo"


class CharacterSitemap(UpdatedAtSitemap):
    model = Character


class FilmSitemap(ImageRecordSitemap):
    model = Film
    image_field = "poster"
    priority = 0.6


class OutletSitemap(UpdatedAtSitemap):
    model = Outlet
    priority = 0.3


class SourceSitemap(UpdatedAtSitemap):
    priority = 0.3

    def items(self):
        return Source.objects.published().order_by("pk").only("pk", "updated_at")
