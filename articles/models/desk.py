from django.conf import settings
from django.db import models

from .articles import Article


class Autosave(models.Model):
    """One person's unsaved edits of one article, kept as they type (and when they leave the
    page), offered back when they open the article again; gone once they save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="autosaves")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="articles_autosave_one_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.article}"


class Presence(models.Model):
    """Who has an article open in the desk: a heartbeat from their page keeps `seen_at`
    fresh; `since` is when they opened it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField()
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["article", "seen_at"], name="articles_presence_seen_idx")]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="articles_presence_one_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.article}"


class PreviewLink(models.Model):
    """A signed link to an article's preview for a reviewer without an account. The link
    carries this row's nonce, signed; it works until `expires_at` or until revoked."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    nonce = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="articles_previewlink_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"Preview link for {self.article}"
