"""The tables of core: the slugs that records have left behind, so that old links keep
working (`core.slugs`), and the draft changes of live records (`core.drafts`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class FormerSlug(models.Model):
    """A slug a record once had and has since left. Links shared under it still lead to that
    record, so no other record of the same kind may take it: the unique constraint holds that
    among former slugs, and `core.slugs.KeepsFormerSlugs.clean()` between a former slug and
    the current ones."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(max_length=200)
    retired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["content_type", "object_id", "retired_at", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "retired_at", "id"],
                name="core_formerslug_record_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="core_formerslug_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id} was “{self.slug}”"


class DraftChange(models.Model):
    """Pending changes to a record readers already see: the fields as the editor left them,
    held apart until an editor publishes them, so that the public record stays as it was.

    One per record. `data` holds the record's editable fields, links as ids (each app says
    which, and applies them through its services); `version` is what a client's `If-Match`
    names while a draft is open, and carries on from the record's own version."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(default=dict)
    is_submitted = models.BooleanField(default=False, help_text="Submitted for an editor's review.")
    go_live_at = models.DateTimeField(
        null=True, blank=True, help_text="Scheduled by an editor: the changes go live then."
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="core_draftchange_one_per_record"
            ),
        ]
        # Every request asks for the earliest scheduled draft (`core.drafts`): a few rows.
        indexes = [
            models.Index(
                fields=["go_live_at"],
                condition=models.Q(go_live_at__isnull=False),
                name="core_draftchange_go_live_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft changes to {self.content_type.model} #{self.object_id}"


class Notification(models.Model):
    """Something a person on the desk should know: work that came to them (an article to
    review) or news of their own (published, scheduled, sent back, a comment). Read in the
    desk's inbox; also sent by email (`core.notifications`)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.CharField(max_length=300)
    comment = models.TextField(blank=True, help_text="What the sender added, if anything.")
    url = models.CharField(max_length=500, blank=True, help_text="Where it is about, in the desk.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["recipient", "read_at", "-created_at"], name="core_notification_inbox_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.message
