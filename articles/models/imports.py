"""Imported articles and the quotes extraction proposed from them, awaiting an editor."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from quotes.models import Person, Quote, Source

from .articles import Article


class ArticleImport(models.Model):
    """An article pasted or read from a file, with the quotes extraction proposed from it.

    The fingerprint (a hash of the source URL or title and the text) makes a second import of
    the same article find this one instead of duplicating anything.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="import_record")
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where the quotes were first said.",
    )
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of “{self.article.title}”"


class ProposalDecision(models.TextChoices):
    PENDING = "pending", "To review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class QuoteProposal(models.Model):
    """One quotation that extraction found, waiting for an editor's decision.

    A proposal whose speaker matched a person or character already has its (unapproved) quote;
    one whose speaker is unknown carries the proposed name until the editor picks or creates
    the person.
    """

    Decision = ProposalDecision

    article_import = models.ForeignKey(
        ArticleImport, on_delete=models.CASCADE, related_name="proposals"
    )
    position = models.PositiveIntegerField()
    start = models.PositiveIntegerField(help_text="Offset of the first character in the text.")
    end = models.PositiveIntegerField(help_text="Offset just after the last character.")
    text = models.TextField()
    speaker_name = models.CharField(
        max_length=200, blank=True, help_text="The speaker as extraction named them."
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    character = models.ForeignKey(
        "quotes.Character", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    decision = models.CharField(
        max_length=10, choices=ProposalDecision.choices, default=ProposalDecision.PENDING
    )
    quote = models.OneToOneField(
        Quote, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )

    class Meta:
        ordering = ["article_import", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article_import", "position"], name="articles_quoteproposal_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="articles_quoteproposal_span_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(character__isnull=True),
                name="articles_quoteproposal_at_most_one_speaker",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=[choice.value for choice in ProposalDecision]),
                name="articles_quoteproposal_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        who = self.person or self.character or self.speaker_name or "unknown speaker"
        return f"{who}: “{self.text[:60]}”"
