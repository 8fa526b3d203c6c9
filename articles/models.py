from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.surrogate import PublicRecord
from quotes.models import Film, Person, Quote, Source

from .markup import render_markdown
from .querysets import ArticleQuerySet


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Article(PublicRecord, models.Model):
    Status = ArticleStatus

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True, help_text="The summary under the headline.")
    body = models.TextField(help_text="Markdown. Raw HTML is sanitised before readers see it.")
    body_html = models.TextField(blank=True, editable=False)
    byline = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it goes or went live; in the future to schedule."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    films = models.ManyToManyField(Film, blank=True, related_name="articles")
    people = models.ManyToManyField(Person, blank=True, related_name="articles")
    sources = models.ManyToManyField(Source, blank=True, related_name="articles")
    quotes = models.ManyToManyField(
        Quote, through="FeaturedQuote", blank=True, related_name="articles"
    )
    # Full-text search (PostgreSQL): written by a database trigger from title, standfirst and
    # body (migration 0007, GIN-indexed); never edited, exported or kept in history. Always
    # NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_article", "Can publish, schedule, unpublish and archive articles"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="articles_article_public_idx"),
            # The reader's order of live articles, walked from the newest: `published()` names
            # both statuses, which a (status, published_at) index cannot return in date order.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=["published", "scheduled"]),
                name="articles_article_live_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in ArticleStatus]),
                name="articles_article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["scheduled", "published"]) | Q(published_at__isnull=False),
                name="articles_article_live_has_published_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    @property
    def was_updated(self) -> bool:
        """True when edited after it went live (a correction or an update readers should see)."""
        if self.published_at is None:
            return False
        return (self.updated_at - self.published_at).total_seconds() > 60


class FeaturedQuote(PublicRecord, models.Model):
    listed_on = ("article", "quote")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="featured_quotes")
    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="featurings")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "quote"], name="articles_featuredquote_unique_quote"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.position} in {self.article}: {self.quote}"


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
