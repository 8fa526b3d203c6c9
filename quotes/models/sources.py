from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.compiled import PublishedManager
from core.routes import route_url
from core.slugs import KeepsFormerSlugs
from core.surrogate import PublicRecord

from ..querysets import OutletQuerySet, SourceQuerySet, relay_ids
from .base import (
    HeldUntilUsed,
    TimestampedModel,
    desk_user,
    held_index,
    held_until_used_field,
)

MAX_VIA_CHAIN = 20


class OutletKind(models.TextChoices):
    PUBLISHER = "publisher", "Publisher"
    AGGREGATOR = "aggregator", "Aggregator"
    BROADCASTER = "broadcaster", "Broadcaster"
    STUDIO = "studio", "Studio"
    AGENCY = "agency", "News agency"
    SOCIAL = "social", "Social network"
    OTHER = "other", "Other"


class Outlet(HeldUntilUsed, KeepsFormerSlugs, PublicRecord, TimestampedModel):
    Kind = OutletKind

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField("home page", blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PUBLISHER)
    former_slugs = GenericRelation("core.FormerSlug")
    held_until_used = held_until_used_field()

    objects = PublishedManager.from_queryset(OutletQuerySet)()

    class Meta:
        indexes = [held_index("quotes_outlet_held_idx")]
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in OutletKind]),
                name="quotes_outlet_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return route_url("quotes:outlet-detail", "slug", self.slug)


class SourceKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    ARTICLE = "article", "Article"
    PRESS_RELEASE = "press_release", "Press release"
    SOCIAL_POST = "social_post", "Social post"
    DIALOGUE = "dialogue", "Film dialogue"
    BROADCAST = "broadcast", "Broadcast"
    EVENT = "event", "Event or press conference"
    OTHER = "other", "Other"


class Source(PublicRecord, TimestampedModel):
    listed_on = ("outlet", "via")
    makes_public = ("outlet", "via")

    Kind = SourceKind

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="sources")
    title = models.CharField(max_length=300)
    url = models.URLField("URL", max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    via = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relays",
        help_text="The source through which we received this one "
        "(an interview reported via an aggregator's article).",
    )
    text = models.TextField(
        blank=True,
        help_text="The source's own text, pasted or imported, against which quotes are verified.",
    )
    # Who last changed `text`: a check that reads text a writer changed may not change an
    # approved quote by itself (`quotes.services.quote_verify`). Empty: set by a command.
    text_changed_by = desk_user()
    text_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PublishedManager.from_queryset(SourceQuerySet)()

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [models.Index(fields=["-published_on", "title"], name="quotes_source_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in SourceKind]),
                name="quotes_source_kind_valid",
            ),
            models.CheckConstraint(condition=~Q(via=F("pk")), name="quotes_source_not_own_via"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet.name}: {self.title}"

    def get_absolute_url(self) -> str:
        return route_url("quotes:source-detail", "pk", self.pk)

    def shown_by_use(self) -> bool:
        """Readers see a source only while something public uses it (`published()`)."""
        return True

    def clean(self) -> None:
        if self.via_id is None:
            return
        if self.pk is not None and self.via_id == self.pk:
            raise ValidationError({"via": "A source cannot be relayed through itself."})
        seen = {self.pk} if self.pk is not None else set()
        hop = Source.objects.filter(pk=self.via_id).values_list("via_id", flat=True).first()
        depth = 1
        while hop is not None:
            if hop in seen:
                raise ValidationError({"via": "This would make the via chain loop back on itself."})
            if depth >= MAX_VIA_CHAIN:
                raise ValidationError(
                    {"via": f"A via chain may have at most {MAX_VIA_CHAIN} hops."}
                )
            seen.add(hop)
            hop = Source.objects.filter(pk=hop).values_list("via_id", flat=True).first()
            depth += 1

    @classmethod
    def relay_ids_of(cls, pk: int) -> list[int]:
        """Ids of every source the source `pk` reached us through, at any depth."""
        return list(cls.objects.filter(pk__in=relay_ids({pk}, cls)).values_list("pk", flat=True))

    def chain(self) -> list["Source"]:
        """This source, then each source it reached us through, ending with the one we read.

        Reads `via` hop by hop: free when the hops are loaded (`load_source_chains()`, one
        query whatever the depth); otherwise one query per hop.
        """
        hops, current, seen = [], self, set()
        while current is not None and current.pk not in seen:
            hops.append(current)
            seen.add(current.pk)
            current = current.via
        return hops
