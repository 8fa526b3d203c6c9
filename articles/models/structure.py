"""How readers move through the news: sections, tags and the authors of the bylines."""

from django.conf import settings
from django.db import models

from core.compiled import PublishedManager
from core.routes import route_url
from core.surrogate import PublicRecord

from ..querysets import TagQuerySet


class Section(PublicRecord, models.Model):
    """Where an article belongs (Film, TV, Music): one per article, named in the site's
    navigation."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="A sentence under its name, plain text.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site's navigation, smallest first."
    )

    class Meta:
        ordering = ["position", "name"]
        indexes = [models.Index(fields=["position", "name"], name="articles_section_order_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return route_url("articles:section-detail", "slug", self.slug)


class Tag(PublicRecord, models.Model):
    """A topic an article is about; public once a published article carries it
    (`TagQuerySet.published()`)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    objects = PublishedManager.from_queryset(TagQuerySet)()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return route_url("articles:tag-detail", "slug", self.slug)


class Author(PublicRecord, models.Model):
    """Someone a byline names: a member of staff (linked to their desk account), a
    contributor with no account, or the desk itself (`is_organization`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        limit_choices_to={"is_staff": True},
        help_text="Their desk account, if they have one (none for a contributor or the desk).",
    )
    name = models.CharField(max_length=200, help_text="As printed in the byline.")
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(max_length=100, blank=True, help_text="e.g. Film editor, Contributor.")
    bio = models.TextField(blank=True, help_text="A sentence or two, plain text.")
    is_organization = models.BooleanField(
        "is an organization",
        default=False,
        help_text="The desk itself (“Quote desk staff”) or an agency rather than a person.",
    )
    # The author's photo comes with the images issue: an image field here, shown on the author
    # page and as `image` in their JSON-LD.

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"], name="articles_author_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return route_url("articles:author-detail", "slug", self.slug)


def join_names(names: list[str]) -> str:
    """“A”, “A and B”, “A, B and C”: names as a byline prints them."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
