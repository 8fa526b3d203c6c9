from django.conf import settings
from django.db import models
from django.db.models import Q

from .articles import Article


class Comment(models.Model):
    """A review comment on an article, for the desk only: a thread starts at a comment
    without a parent; a thread is resolved when its point has been dealt with."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["article", "created_at", "id"]
        indexes = [
            models.Index(fields=["article", "created_at", "id"], name="articles_comment_thread_idx")
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="articles_comment_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.article}: {self.text[:40]}"
