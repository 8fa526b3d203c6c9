from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from core.compiled import PublishedManager
from core.routes import route_url
from core.slugs import KeepsFormerSlugs
from core.surrogate import PublicRecord
from images.models import Image

from ..querysets import CharacterQuerySet, PersonQuerySet
from .base import (
    IMDB_PERSON_ID,
    WIKIDATA_ID,
    HeldUntilUsed,
    TimestampedModel,
    held_index,
    held_until_used_field,
    identifier_constraint,
    identifier_field,
    split_aliases,
)


class Person(HeldUntilUsed, KeepsFormerSlugs, PublicRecord, TimestampedModel):
    makes_public = ("photo",)

    name = models.CharField(max_length=200)
    sort_name = models.CharField(
        max_length=200, blank=True, help_text="How the name sorts, e.g. “Wiseman, Len”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other names used in copy, one a line (surname, nickname, former name). "
        "Used to match speakers found in imported text.",
    )
    bio = models.TextField(blank=True, help_text="A sentence or two, plain text.")
    photo = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="Only a photo the desk may publish, credited.",
    )
    wikidata_id = identifier_field(WIKIDATA_ID, "Q42", "Wikidata")
    imdb_id = identifier_field(IMDB_PERSON_ID, "nm0000206", "IMDb")
    # Full-text search (PostgreSQL): written by a database trigger from name, aliases and bio
    # (migration 0006, GIN-indexed); never edited or exported. Always NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    former_slugs = GenericRelation("core.FormerSlug")
    held_until_used = held_until_used_field()

    objects = PublishedManager.from_queryset(PersonQuerySet)()

    class Meta:
        ordering = ["sort_name", "name"]
        indexes = [
            held_index("quotes_person_held_idx"),
            models.Index(fields=["sort_name", "name"], name="quotes_person_sort_idx"),
        ]
        constraints = [
            identifier_constraint("wikidata_id", WIKIDATA_ID, "quotes_person_wikidata_id_valid"),
            identifier_constraint("imdb_id", IMDB_PERSON_ID, "quotes_person_imdb_id_valid"),
        ]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.sort_name:
            self.sort_name = default_sort_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return route_url("quotes:person-detail", "slug", self.slug)

    def same_as(self) -> list[str]:
        """Its pages elsewhere, from the identifiers editors recorded."""
        return same_as(wikidata_id=self.wikidata_id, imdb=("name", self.imdb_id))

    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)

    def names(self) -> list[str]:
        """Every name this person may appear under in text, the canonical one first."""
        return [self.name, *self.alias_list()]


def same_as(*, wikidata_id: str, imdb: tuple[str, str]) -> list[str]:
    kind, imdb_id = imdb
    urls = [f"https://www.wikidata.org/wiki/{wikidata_id}"] if wikidata_id else []
    if imdb_id:
        urls.append(f"https://www.imdb.com/{kind}/{imdb_id}/")
    return urls


def default_sort_name(name: str) -> str:
    """“Len Wiseman” sorts as “Wiseman, Len”; particles such as “de” stay with the given name."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


class Character(HeldUntilUsed, KeepsFormerSlugs, PublicRecord, TimestampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    franchise = models.ForeignKey(
        "quotes.Franchise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="characters",
    )
    aliases = models.TextField(blank=True, help_text="Other names used in copy, one a line.")
    description = models.TextField(blank=True)
    former_slugs = GenericRelation("core.FormerSlug")
    held_until_used = held_until_used_field()

    objects = PublishedManager.from_queryset(CharacterQuerySet)()

    class Meta:
        ordering = ["name"]
        indexes = [
            held_index("quotes_character_held_idx"),
            models.Index(fields=["name"], name="quotes_character_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return route_url("quotes:character-detail", "slug", self.slug)

    def same_as(self) -> list[str]:
        """Its pages elsewhere, from the identifiers editors recorded."""
        return same_as(wikidata_id=self.wikidata_id, imdb=("name", self.imdb_id))

    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)

    def names(self) -> list[str]:
        return [self.name, *self.alias_list()]
