"""RSS feeds of published quotes: all of them, one person's, and those about one film."""

from itertools import chain

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.html import escape

from core.feeds import CanonicalLinksMixin, RssFeed
from core.pages import shown_records
from core.slugs import FollowsFormerSlugsFeed
from core.surrogate import add_records

from .models import Film, Person, Quote
from .querysets import complete_cards

FEED_SIZE = 30


class LatestQuotesFeed(CanonicalLinksMixin, Feed):
    feed_type = RssFeed
    url_name = "quotes:quote-feed"
    list_name = "quotes:quote-list"
    title = "Quote desk: latest quotes"
    description = "Newly published quotes, each with its speaker and source."

    def quotes(self, obj):
        return Quote.objects.published()

    def items(self, obj=None):
        # Newest by when each became public (`Quote.public_since`): an embargo that lifts makes
        # an old quote news. The newest by creation and the newest by `public_from` hold the
        # feed's quotes between them; each read follows an index, where one ordering by the
        # later of the two dates could not.
        public = self.quotes(obj).for_list()
        created = public.order_by("-created_at", "-id")[:FEED_SIZE]
        lifted = public.filter(public_from__isnull=False).order_by("-public_from", "-id")
        quotes = sorted(
            {quote.pk: quote for quote in chain(created, lifted[:FEED_SIZE])}.values(),
            key=lambda quote: (quote.public_since(quote.created_at), quote.pk),
            reverse=True,
        )[:FEED_SIZE]
        complete_cards(quotes)
        # Named as a page of the same cards names them (`core.pages`): a write that shows or
        # hides what an item shows besides the quote (a relay of its chain) purges the feed.
        add_records(shown_records(quotes))
        return quotes

    def item_title(self, item: Quote) -> str:
        return item.headline()

    def item_description(self, item: Quote) -> str:
        # Feed readers render a description as HTML; every part of it is plain text.
        chain = ", via ".join(source.outlet.name for source in item.source.chain())
        said = "" if item.quoted_by else ", said"
        return escape(
            f"“{item.text}” — {item.attribution()}{said} to {chain}. "
            f"{item.get_verification_status_display()}."
        )

    def item_pubdate(self, item: Quote):
        return item.public_since(item.created_at)

    def item_updateddate(self, item: Quote):
        # The feed's Last-Modified is the latest of these: it must move when an embargo
        # lifts, or a reader asking If-Modified-Since is told the feed has not changed.
        return item.public_since(item.updated_at)

    def item_author_name(self, item: Quote) -> str:
        return item.speaker.name


class PersonQuotesFeed(FollowsFormerSlugsFeed, LatestQuotesFeed):
    url_name = "quotes:person-quote-feed"

    def records(self):
        return Person.objects.published()

    def get_object(self, request, slug):
        person = get_object_or_404(self.records(), slug=slug)
        add_records([person])
        return person

    def title(self, obj: Person) -> str:
        return f"Quote desk: quotes by {obj.name}"

    def description(self, obj: Person) -> str:
        return f"Newly published quotes by {obj.name}, each with its source."

    def quotes(self, obj: Person):
        return Quote.objects.published().by_person(obj)


class FilmQuotesFeed(FollowsFormerSlugsFeed, LatestQuotesFeed):
    url_name = "quotes:film-quote-feed"

    def records(self):
        return Film.objects.published()

    def get_object(self, request, slug):
        film = get_object_or_404(self.records(), slug=slug)
        add_records([film])
        return film

    def title(self, obj: Film) -> str:
        return f"Quote desk: quotes about {obj.title}"

    def description(self, obj: Film) -> str:
        return f"Newly published quotes about {obj}, each with its source."

    def quotes(self, obj: Film):
        return Quote.objects.published().about_film(obj)
