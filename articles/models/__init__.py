"""Editorial content: articles with their sections, tags, authors and corrections, and the
imports that proposed their quotes."""

from .articles import Article, ArticleStatus, Byline, FeaturedQuote
from .corrections import Correction, CorrectionKind
from .imports import ArticleImport, ProposalDecision, QuoteProposal
from .structure import Author, Section, Tag

__all__ = [
    "Article",
    "ArticleImport",
    "ArticleStatus",
    "Author",
    "Byline",
    "Correction",
    "CorrectionKind",
    "FeaturedQuote",
    "ProposalDecision",
    "QuoteProposal",
    "Section",
    "Tag",
]
