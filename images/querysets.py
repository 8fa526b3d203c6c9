"""The read vocabulary of the media library."""

from django.db import models
from django.db.models import Exists, OuterRef, Q


class ImageQuerySet(models.QuerySet):
    def published(self) -> "ImageQuerySet":
        """Images a reader may see: those a public record uses (an article's lead image or an
        image its body shows, a film's poster, a person's photo). Each app that points at
        images decides what of it is public through its own `published()` (a model with none
        is public as a whole, as films and people are), reached through the relations: images
        imports no app. An image that only a draft uses stays hidden, so an embargoed story
        cannot show through it."""
        condition = Q(pk__in=[])
        for relation in self.model._meta.related_objects:
            if not relation.one_to_many or relation.related_model._meta.app_label == "images":
                continue
            users = relation.related_model._default_manager
            users = users.published() if hasattr(users, "published") else users.all()
            condition |= Exists(users.filter(**{relation.field.name: OuterRef("pk")}))
        return self.filter(condition)

    def search(self, text: str) -> "ImageQuerySet":
        """Images with every word of `text` in their title, alt text or credit: the API's
        `?search=` and the body editor's "Insert image"."""
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(alt_text__icontains=word) | Q(credit__icontains=word)
            )
        return queryset

    def with_renditions(self) -> "ImageQuerySet":
        return self.prefetch_related("renditions")
