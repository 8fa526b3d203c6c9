"""The media library: images with their credits and focal point, and the renditions drawn from
them once, at upload, and kept in storage (`STORAGES["default"]`)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.compiled import PublishedManager
from core.surrogate import PublicRecord

from .presentation import media_url
from .querysets import ImageQuerySet


def new_key() -> str:
    """The random folder an image's files live in: their URLs cannot be guessed from an id."""
    return secrets.token_hex(12)


def original_path(image: "Image", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1]
    return f"images/{image.key}/original.{extension}"


def rendition_path(rendition: "Rendition", filename: str) -> str:
    return f"images/{rendition.image.key}/{filename}"


class Image(PublicRecord, models.Model):
    key = models.CharField(max_length=24, unique=True, default=new_key, editable=False)
    file = models.FileField(upload_to=original_path, max_length=200)
    title = models.CharField(max_length=255)
    alt_text = models.CharField(
        max_length=300,
        help_text="What the image shows, for readers who cannot see it. Required.",
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(
        max_length=255, blank=True, help_text="Who made it, e.g. “Jo Bloggs/Agency”."
    )
    licence = models.CharField(max_length=255, blank=True)
    focal_x = models.PositiveSmallIntegerField(
        default=50, help_text="Where the subject is, in % of the width from the left (0–100)."
    )
    focal_y = models.PositiveSmallIntegerField(
        default=50, help_text="Where the subject is, in % of the height from the top (0–100)."
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    format = models.CharField(max_length=4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublishedManager.from_queryset(ImageQuerySet)()

    class Meta:
        ordering = ["-created_at", "-id"]
        # A writer's change to an image readers see would show at once, unreviewed: only an
        # editor (who holds every permission of the media library) makes it.
        permissions = [("change_public_image", "Can change or delete an image readers see")]
        indexes = [models.Index(fields=["-created_at", "-id"], name="images_image_newest_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="images_image_has_alt_text"),
            models.CheckConstraint(
                condition=Q(focal_x__lte=100, focal_y__lte=100),
                name="images_image_focal_point_inside",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["JPEG", "PNG", "WEBP", "GIF"]),
                name="images_image_format_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def shown_by_use(self) -> bool:
        """Readers see an image only while a public record uses it (`published()`)."""
        return True

    @property
    def focal_point(self) -> tuple[float, float]:
        return (self.focal_x / 100, self.focal_y / 100)

    def rendition_list(self) -> list["Rendition"]:
        """Its renditions, from those prefetched with it (`ImageQuerySet.with_renditions()`,
        and `images.prefetch` for related images) or else read now."""
        return list(self.renditions.all())

    def renditions_for(self, crop: str) -> list["Rendition"]:
        """The renditions of one crop (`orig`, `16x9`, `2x3`, `1x1`, `social`), narrowest
        first."""
        return sorted((r for r in self.rendition_list() if r.crop == crop), key=by_width)

    def fallback(self, crop: str, *, up_to: int = 1920) -> "Rendition | None":
        """The widest rendition of `crop` that every browser reads (JPEG or PNG), no wider than
        `up_to`; the narrowest one when all are."""
        plain = [r for r in self.renditions_for(crop) if r.format != "WEBP"]
        fitting = [r for r in plain if r.width <= up_to]
        return (fitting or plain or [None])[-1 if fitting else 0]

    def social(self) -> "Rendition | None":
        """The 1200-pixel-wide card that shared links show (`og:image`)."""
        return self.fallback("social")


def by_width(rendition: "Rendition") -> int:
    return rendition.width


class Rendition(models.Model):
    """One file drawn from an image: a crop (`orig`, or a fixed ratio such as `16x9`) at one
    width, in one format. Its `spec` is its file name, e.g. `16x9-640.webp`."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    file = models.FileField(upload_to=rendition_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=4)
    size = models.PositiveIntegerField(default=0, help_text="Bytes.")

    class Meta:
        ordering = ["image", "width", "id"]
        constraints = [
            models.UniqueConstraint(fields=["image", "spec"], name="images_rendition_unique_spec"),
        ]

    def __str__(self) -> str:
        return f"{self.image} ({self.spec})"

    @property
    def crop(self) -> str:
        return self.spec.split("-", 1)[0]

    @property
    def url(self) -> str:
        """Its URL on this site (`images.presentation.media_url`), never the store's own."""
        return media_url(self.file.name)

    @property
    def media_type(self) -> str:
        return f"image/{self.format.lower()}"
