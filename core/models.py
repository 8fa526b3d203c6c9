"""The one table of core: the slugs that records have left behind, so that old links keep
working (`core.slugs`)."""

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
