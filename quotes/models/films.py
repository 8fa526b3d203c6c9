from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from core.compiled import PublishedManager
from core.routes import route_url
from core.slugs import KeepsFormerSlugs
from core.surrogate import PublicRecord
from core.validation import RowsValidatedTogether
from images.models import Image

from ..querysets import FilmQuerySet
from .base import (
    IMDB_TITLE_ID,
    WIKIDATA_ID,
    HeldUntilUsed,
    TimestampedModel,
    held_index,
    held_until_used_field,
    identifier_constraint,
    identifier_field,
)
from .people import same_as


class Franchise(PublicRecord, TimestampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FilmStatus(models.TextChoices):
    IN_DEVELOPMENT = "in_development", "In development"
    ANNOUNCED = "announced", "Announced"
    IN_PRODUCTION = "in_production", "In production"
    RELEASED = "released", "Released"
    CANCELLED = "cancelled", "Cancelled"


class Film(HeldUntilUsed, KeepsFormerSlugs, PublicRecord, TimestampedModel):
    makes_public = ("poster", "studio")

    Status = FilmStatus

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    release_on = models.DateField(null=True, blank=True, help_text="First theatrical release.")
    franchise = models.ForeignKey(
        Franchise, on_delete=models.PROTECT, null=True, blank=True, related_name="films"
    )
    studio = models.ForeignKey(
        "quotes.Outlet", on_delete=models.PROTECT, null=True, blank=True, related_name="films"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ANNOUNCED)
    synopsis = models.TextField(blank=True)
    poster = models.ForeignKey(
        Image, on_delete=models.PROTECT, null=True, blank=True, related_name="films"
    )
    wikidata_id = identifier_field(WIKIDATA_ID, "Q123456", "Wikidata")
    imdb_id = identifier_field(IMDB_TITLE_ID, "tt0111161", "IMDb")
    # Full-text search (PostgreSQL): written by a database trigger from title and synopsis
    # (migration 0006, GIN-indexed); never edited or exported. Always NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    former_slugs = GenericRelation("core.FormerSlug")
    held_until_used = held_until_used_field()

    objects = PublishedManager.from_queryset(FilmQuerySet)()

    class Meta:
        ordering = ["title"]
        indexes = [
            held_index("quotes_film_held_idx"),
            models.Index(fields=["title"], name="quotes_film_title_idx"),
            models.Index(fields=["-release_on"], name="quotes_film_release_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in FilmStatus]),
                name="quotes_film_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="released") | Q(release_on__isnull=False),
                name="quotes_film_released_has_date",
            ),
            identifier_constraint("wikidata_id", WIKIDATA_ID, "quotes_film_wikidata_id_valid"),
            identifier_constraint("imdb_id", IMDB_TITLE_ID, "quotes_film_imdb_id_valid"),
        ]

    def __str__(self) -> str:
        if self.release_on:
            return f"{self.title} ({self.release_on.year})"
        return self.title

    def get_absolute_url(self) -> str:
        return route_url("quotes:film-detail", "slug", self.slug)

    def same_as(self) -> list[str]:
        """Its pages elsewhere, from the identifiers editors recorded."""
        return same_as(wikidata_id=self.wikidata_id, imdb=("title", self.imdb_id))

    def made_public(self) -> list:
        """Also the sources of its box-office figures, which its page shows."""
        records = super().made_public()
        if self.pk is not None:
            records += [
                figure.source for figure in self.box_office_figures.select_related("source")
            ]
        return records


class CreditRole(models.TextChoices):
    DIRECTOR = "director", "Director"
    WRITER = "writer", "Writer"
    PRODUCER = "producer", "Producer"
    EXECUTIVE_PRODUCER = "executive_producer", "Executive producer"
    CAST = "cast", "Cast"
    COMPOSER = "composer", "Composer"
    CINEMATOGRAPHER = "cinematographer", "Cinematographer"
    EDITOR = "editor", "Editor"


class Credit(RowsValidatedTogether, PublicRecord, models.Model):
    listed_on = ("film", "person", "character")
    makes_public = ("film", "person", "character")

    Role = CreditRole

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("quotes.Person", on_delete=models.PROTECT, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices)
    character = models.ForeignKey(
        "quotes.Character",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
        help_text="For a cast credit: the part played.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Billing order.")

    class Meta:
        ordering = ["film", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[choice.value for choice in CreditRole]),
                name="quotes_credit_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(role="cast") | Q(character__isnull=True),
                name="quotes_credit_character_only_for_cast",
            ),
            models.UniqueConstraint(
                fields=["film", "person", "role"],
                condition=Q(character__isnull=True),
                name="quotes_credit_unique_role",
            ),
            models.UniqueConstraint(
                fields=["film", "person", "character"],
                condition=Q(character__isnull=False),
                name="quotes_credit_unique_part",
            ),
        ]

    def __str__(self) -> str:
        if self.character_id:
            return f"{self.person} as {self.character} in {self.film.title}"
        return f"{self.person}, {self.get_role_display().lower()} of {self.film.title}"


class BoxOfficeKind(models.TextChoices):
    BUDGET = "budget", "Budget"
    OPENING = "opening", "Opening"
    CUMULATIVE = "cumulative", "Cumulative gross"


class Territory(models.TextChoices):
    WORLDWIDE = "worldwide", "Worldwide"
    DOMESTIC = "domestic", "Domestic (US and Canada)"
    INTERNATIONAL = "international", "International"


class BoxOfficeFigure(RowsValidatedTogether, PublicRecord, models.Model):
    listed_on = ("film", "source")
    makes_public = ("source",)

    Kind = BoxOfficeKind

    Territory = Territory

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="box_office_figures")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    territory = models.CharField(
        max_length=13,
        default=Territory.WORLDWIDE,
        help_text="worldwide, domestic, international, or a two-letter country code (GB, FR).",
    )
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD", help_text="ISO 4217 code.")
    as_of = models.DateField(help_text="The date on which the figure was true.")
    is_estimate = models.BooleanField(
        default=False, help_text="An estimate rather than a reported figure."
    )
    source = models.ForeignKey(
        "quotes.Source", on_delete=models.PROTECT, related_name="box_office_figures"
    )

    class Meta:
        ordering = ["film", "kind", "as_of"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="quotes_boxofficefigure_amount_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in BoxOfficeKind]),
                name="quotes_boxofficefigure_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(territory__in=[choice.value for choice in Territory])
                | Q(territory__length=2),
                name="quotes_boxofficefigure_territory_valid",
            ),
            models.CheckConstraint(
                condition=Q(currency__length=3), name="quotes_boxofficefigure_currency_code"
            ),
            models.UniqueConstraint(
                fields=["film", "kind", "territory", "as_of"],
                name="quotes_boxofficefigure_unique_as_of",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.film.title}: {self.get_kind_display().lower()} {self.territory} "
            f"{self.currency} {self.amount:,.0f} as of {self.as_of:%Y-%m-%d}"
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.territory not in self.Territory.values and not (
            len(self.territory) == 2 and self.territory.isalpha() and self.territory.isupper()
        ):
            errors["territory"] = "Use worldwide, domestic, international or a code such as GB."
        if not (len(self.currency) == 3 and self.currency.isalpha() and self.currency.isupper()):
            errors["currency"] = "Use a three-letter ISO 4217 code such as USD."
        if errors:
            raise ValidationError(errors)
