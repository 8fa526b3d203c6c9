"""The read vocabulary of the quote database: every public view, feed and API starts here."""

from django.db import models
from django.db.models import Exists, OuterRef, Q


class QuoteQuerySet(models.QuerySet):
    def published(self) -> "QuoteQuerySet":
        """Quotes a reader may see: approved by an editor, and, when nested, inside an approved
        quote, so that a line never escapes through a parent that is still under review."""
        return self.filter(state="approved").filter(
            Q(parent__isnull=True) | Q(parent__state="approved")
        )

    def top_level(self) -> "QuoteQuerySet":
        return self.filter(parent__isnull=True)

    def for_list(self) -> "QuoteQuerySet":
        """Everything a list row shows, in a fixed number of queries whatever the page size."""
        return self.select_related(
            "speaker_person",
            "speaker_character",
            "source__outlet",
            "source__via__outlet",
            "source__via__via__outlet",
        ).prefetch_related("films")

    def by_person(self, person) -> "QuoteQuerySet":
        return self.filter(speaker_person=person)

    def by_character(self, character) -> "QuoteQuerySet":
        return self.filter(speaker_character=character)

    def about_film(self, film) -> "QuoteQuerySet":
        return self.filter(films=film)

    def from_source(self, source) -> "QuoteQuerySet":
        return self.filter(source=source)

    def newest_first(self) -> "QuoteQuerySet":
        """Latest said first; undated quotes after dated ones, newest record first among equals."""
        return self.order_by(models.F("said_on").desc(nulls_last=True), "-id")


class SourceQuerySet(models.QuerySet):
    def published(self) -> "SourceQuerySet":
        """Sources a reader may see: where a public quote was said or came through (up to four
        hops of `via`), behind a film's box-office figure, or cited by a published article.
        A source that only a draft or an unapproved quote knows of stays hidden, so an
        embargoed story cannot show through its sources' titles."""
        quotes = self.model._meta.get_field("quotes").related_model.objects.published()
        figures = self.model._meta.get_field("box_office_figures").related_model.objects
        articles = self.model._meta.get_field("articles").related_model.objects.published()
        via = "source"
        condition = Exists(figures.filter(source=OuterRef("pk"))) | Exists(
            articles.filter(sources=OuterRef("pk"))
        )
        for _ in range(4):
            condition |= Exists(quotes.filter(**{via: OuterRef("pk")}))
            via += "__via"
        return self.filter(condition)
