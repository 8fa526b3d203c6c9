"""Editorial content: articles with their sections, tags, authors and corrections, and the
imports that proposed their quotes, and the desk's review comments."""

from .articles import Article, ArticleStatus, BodyImage, Byline, FeaturedQuote
from .comments import Comment
from .corrections import Correction, CorrectionKind
from .desk import Autosave, Presence, PreviewLink
from .imports import ArticleImport, ProposalDecision, QuoteProposal
from .structure import Author, Section, Tag

__all__ = [
    "Article",
    "ArticleImport",
    "ArticleStatus",
    "Author",
    "Autosave",
    "BodyImage",
    "Byline",
    "Comment",
    "Correction",
    "CorrectionKind",
    "FeaturedQuote",
    "Presence",
    "PreviewLink",
    "ProposalDecision",
    "QuoteProposal",
    "Section",
    "Tag",
]
