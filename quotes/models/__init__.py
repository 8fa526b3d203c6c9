"""The quote database and what quotes point at: people, characters, films, outlets, sources."""

from .films import BoxOfficeFigure, Credit, Film, Franchise
from .people import Character, Person
from .quotes import Quote
from .sources import Outlet, Source

__all__ = [
    "BoxOfficeFigure",
    "Character",
    "Credit",
    "Film",
    "Franchise",
    "Outlet",
    "Person",
    "Quote",
    "Source",
]
