"""Corrections and clarifications, published with their date on what they correct."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.compiled import PublishedManager
from core.surrogate import PublicRecord
from quotes.models import Quote

from ..querysets import CorrectionQuerySet
from .articles import Article


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"


class Correction(PublicRecord, models.Model):
    """A dated note appended to an article or a quote (exactly one), never edited into its
    text silently. It lives here rather than in quotes, which cannot see articles, so that
    one list (`/corrections/`) holds both kinds."""

    listed_on = ("article", "quote")

    Kind = CorrectionKind

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="corrections"
    )
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, null=True, blank=True, related_name="corrections"
    )
    kind = models.CharField(max_length=13, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        help_text="Plain text, e.g. “An earlier version attributed this quote to …”."
    )
    published_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = PublishedManager.from_queryset(CorrectionQuerySet)()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="articles_correction_newest_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False, quote__isnull=True)
                | Q(article__isnull=True, quote__isnull=False),
                name="articles_correction_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in CorrectionKind]),
                name="articles_correction_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(text=""), name="articles_correction_text_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.target}"

    def get_absolute_url(self) -> str:
        return f"{self.target.get_absolute_url()}#correction-{self.pk}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (self.article_id is None) == (self.quote_id is None):
            raise ValidationError("A correction is to an article or to a quote: choose one.")

    @property
    def target(self):
        """The article or the quote it corrects: exactly one is set."""
        return self.article or self.quote
