from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.compiled import PublishedManager
from core.routes import route_url
from core.slugs import KeepsFormerSlugs
from core.surrogate import PublicRecord
from images.models import Image
from quotes.models import Film, Person, Quote, Source

from ..markup import references, render_markdown
from ..querysets import ArticleQuerySet, BodyImageQuerySet
from .structure import Author, Section, Tag, join_names


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Article(KeepsFormerSlugs, PublicRecord, models.Model):
    # Its lead image's files are served only while a public record uses the image
    # (`images.views.media`): a change of the article may change that.
    listed_on = ("lead_image",)
    makes_public = ("people", "films", "sources", "lead_image")
    # When readers see it: moved by the workflow services (and its unpublish-at time by an
    # editor) only, never by a restore (`core.versioning.kept_through_restore`).
    restore_keeps = ("status", "published_at", "unpublish_at")

    Status = ArticleStatus

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True, help_text="The summary under the headline.")
    body = models.TextField(help_text="Markdown. Raw HTML is sanitised before readers see it.")
    body_html = models.TextField(blank=True, editable=False)
    lead_image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text="Shown at the top, on cards and in shared links.",
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    authors = models.ManyToManyField(Author, through="Byline", blank=True, related_name="articles")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it goes or went live; in the future to schedule."
    )
    unpublish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional: when readers stop seeing it (an offer that ends, an embargo window).",
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
    former_slugs = GenericRelation("core.FormerSlug")

    objects = PublishedManager.from_queryset(ArticleQuerySet)()

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
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="articles_article_unpublish_idx",
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
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(unpublish_at__gt=models.F("published_at")),
                name="articles_article_unpublish_after_publish",
                # Said to the API's clients and the admin's users, who set `unpublish_at`.
                violation_error_message="An article comes off after it goes live: "
                "unpublish_at must be later than published_at.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)
        if update_fields is None or "body" in update_fields:
            keep_body_images(self)

    def get_absolute_url(self) -> str:
        return route_url("articles:article-detail", "slug", self.slug)

    def restore_needs_review(self, user) -> bool:
        """Whether restoring an old version would change, unreviewed, what readers see or will
        see at its time: a writer's changes to a live or scheduled story wait for an editor
        (draft changes), which a restore, writing the row itself, would skip."""
        live = self.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
        return live and not user.has_perm("articles.publish_article")

    def surrogate_keys(self) -> set[str]:
        """Also the images its body shows, and the tags, people, films and sources it links
        to: publishing or taking it off changes whether the images' files may be served
        (`images.views.media`), and whether the others are public (a tag only it carries, a
        person a writer added for it), which their own answers do not say."""
        keys = super().surrogate_keys()
        keys |= {f"image-{pk}" for pk in references("image", self.body_html)}
        if self.pk is not None:
            for name in ("tags", "people", "films", "sources"):
                kind = self._meta.get_field(name).related_model._meta.model_name
                keys |= {f"{kind}-{pk}" for pk in getattr(self, name).values_list("pk", flat=True)}
        return keys

    @property
    def byline(self) -> str:
        """The authors' names as printed under the headline (“A, B and C”)."""
        return join_names([author.name for author in self.author_list()])

    def author_list(self) -> list[Author]:
        """The authors in byline order: from the bylines loaded with the article
        (`ArticleQuerySet.with_authors()`, which `for_list()` and `for_detail()` include), or
        else read now."""
        bylines = getattr(self, "ordered_bylines", None)
        if bylines is None:
            bylines = self.bylines.select_related("author").order_by("position", "id")
        return [byline.author for byline in bylines]

    def shown_with(self) -> list[Author]:
        """What a teaser shows besides its row and section: the authors of its byline, when
        they were loaded with it (see `core.pages`), so that renaming one purges the lists."""
        return [byline.author for byline in getattr(self, "ordered_bylines", ())]

    def desk_status(self) -> str:
        """The status as it is now, for the desk: "Live" is whatever `published()` holds (a
        scheduled article whose time has come included), read from the `with_is_live()`
        annotation when the list loaded it; `has_draft` (`core.drafts.has_draft`) says when
        changes wait in a draft."""
        is_live = getattr(self, "is_live", None)
        if is_live is None:
            is_live = type(self).objects.published().filter(pk=self.pk).exists()
        when = self.published_at and timezone.localtime(self.published_at)
        if is_live:
            return "Live, with draft changes" if getattr(self, "has_draft", False) else "Live"
        if self.status in {ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED} and when:
            if when > timezone.localtime():
                return f"Scheduled for {when:%Y-%m-%d %H:%M %Z}"
            return "Taken off (unpublish-at time passed)"
        return self.get_status_display()

    @property
    def was_updated(self) -> bool:
        """True when edited after it went live (a correction or an update readers should see)."""
        if self.published_at is None:
            return False
        return (self.updated_at - self.published_at).total_seconds() > 60


def keep_body_images(article: Article) -> None:
    """Make `article.body_images` the images its body references (`[[image:N]]`), that exist:
    rows made and deleted one by one, so that each purges its image's files (`listed_on`)."""
    wanted = set(
        Image.objects.filter(pk__in=references("image", article.body_html)).values_list(
            "pk", flat=True
        )
    )
    kept = set(article.body_images.values_list("image_id", flat=True))
    for row in article.body_images.filter(image__in=kept - wanted):
        row.delete()
    for pk in sorted(wanted - kept):
        BodyImage.objects.create(article=article, image_id=pk)


class BodyImage(PublicRecord, models.Model):
    """An image shown in an article's body, kept from the body at each save
    (`keep_body_images`): the image is public exactly while a public article shows it, as
    for a lead image, and cannot be deleted while a body shows it."""

    listed_on = ("article", "image")
    makes_public = ("image",)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="body_images")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="in_bodies")

    objects = PublishedManager.from_queryset(BodyImageQuerySet)()

    class Meta:
        # As the admin names it when it refuses to delete an image still shown.
        verbose_name = "image in an article's body"
        verbose_name_plural = "images in articles' bodies"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "image"], name="articles_bodyimage_unique_image"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.image} in {self.article}"


class Byline(PublicRecord, models.Model):
    """One author of an article, in the order the byline names them."""

    listed_on = ("article", "author")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "position", "id"]
        indexes = [
            models.Index(fields=["article", "position", "id"], name="articles_byline_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="articles_byline_unique_author"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.article}"


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
