from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.compiled import PublishedManager
from core.routes import route_url
from core.slugs import KeepsFormerSlugs
from core.surrogate import PublicRecord

from ..querysets import CHAIN_LEVELS, OutletQuerySet, SourceQuerySet, relay_ids, sources_above
from .base import (
    HeldUntilUsed,
    TimestampedModel,
    desk_user,
    held_index,
    held_until_used_field,
)


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
        problem = self.via_problem()
        if problem:
            raise ValidationError({"via": problem})

    def via_problem(self) -> str | None:
        """Why `via` cannot hold this source, if it cannot: a loop, or a chain longer than
        `published()` reads (`CHAIN_LEVELS`), whose further sources readers would never see:
        its own, or that of a source which reached us through it. A via left as stored is not
        asked again, so that a chain recorded before the limit stays editable (its pages show
        as much of it as readers may see)."""
        model = type(self)
        if self.pk is not None:
            if self.via_id == self.pk:
                return "A source cannot be relayed through itself."
            stored = model.objects.filter(pk=self.pk).values_list("via_id", flat=True).first()
            if stored == self.via_id:
                return None
        # The chain below: `via` and every source it reached us through, in one query.
        vias = dict(
            model.objects.filter(pk__in=relay_ids({self.via_id}, model, themselves=True))
            .order_by()
            .values_list("pk", "via_id")
        )
        below, hop = [], self.via_id
        while hop is not None and hop not in below:
            if hop == self.pk:
                return "This would make the via chain loop back on itself."
            below.append(hop)
            hop = vias.get(hop)
        # The sources above: the most levels of sources that reached us through this one.
        above = 0
        if self.pk is not None:
            for level, path in enumerate(sources_above(), start=1):
                if not model.objects.filter(**{path: self.pk}).exists():
                    break
                above = level
        if above + 1 + len(below) > CHAIN_LEVELS:
            return (
                f"A source can reach us through at most {CHAIN_LEVELS - 1} others (a chain "
                f"of {CHAIN_LEVELS} sources, as far as readers are shown); this would make a "
                f"chain of {above + 1 + len(below)}, whose last sources readers would not see."
            )
        return None

    @classmethod
    def relay_ids_of(cls, *pks: int) -> list[int]:
        """Ids of every source the sources `pks` reached us through, at any depth."""
        return list(
            cls.objects.filter(pk__in=relay_ids(set(pks), cls)).values_list("pk", flat=True)
        )

    def chain(self) -> list["Source"]:
        """This source, then each source it reached us through, ending with the one we read,
        as far as a reader is shown (`CHAIN_LEVELS` sources, what `published()` reads).

        As `load_source_chains()` loaded it (one query whatever the depth), else read now,
        one query per hop.
        """
        shown = getattr(self, "shown_chain", None)
        if shown is not None:
            return list(shown)
        hops, current = [self], self
        while len(hops) < CHAIN_LEVELS and current.via_id is not None:
            current = current.via
            if current in hops:
                break
            hops.append(current)
        return hops
