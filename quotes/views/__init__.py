"""The public pages of the quote database: quotes, people, characters, films, outlets, sources.

Every page starts from the `published()` querysets (articles reached through the relation, so
that quotes never imports articles) and runs a fixed number of queries whatever its lists
hold."""

from .embeds import OEmbedView, QuoteEmbedView
from .quotes import QuoteDetailView, QuoteListView, RandomQuoteView
from .records import (
    CharacterDetailView,
    FilmDetailView,
    OutletDetailView,
    PersonDetailView,
    SourceDetailView,
)

__all__ = [
    "CharacterDetailView",
    "FilmDetailView",
    "OEmbedView",
    "OutletDetailView",
    "PersonDetailView",
    "QuoteDetailView",
    "QuoteEmbedView",
    "QuoteListView",
    "RandomQuoteView",
    "SourceDetailView",
]
