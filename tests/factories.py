import datetime as dt

import factory
from django.utils import timezone

from articles.models import Article, Author, Byline, Correction, FeaturedQuote, Section, Tag
from quotes.models import (
    BoxOfficeFigure,
    Character,
    Credit,
    Film,
    Franchise,
    Outlet,
    Person,
    Quote,
    Source,
)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class FranchiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Franchise

    name = factory.Sequence(lambda n: f"Franchise {n}")
    slug = factory.Sequence(lambda n: f"franchise-{n}")


class CharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Character

    name = factory.Sequence(lambda n: f"Character {n}")
    slug = factory.Sequence(lambda n: f"character-{n}")


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film

    title = factory.Sequence(lambda n: f"Film {n}")
    slug = factory.Sequence(lambda n: f"film-{n}")
    status = Film.Status.RELEASED
    release_on = dt.date(2025, 6, 6)


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    film = factory.SubFactory(FilmFactory)
    person = factory.SubFactory(PersonFactory)
    role = Credit.Role.DIRECTOR


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Interview {n}")
    kind = Source.Kind.INTERVIEW
    published_on = dt.date(2025, 6, 9)


class BoxOfficeFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoxOfficeFigure

    film = factory.SubFactory(FilmFactory)
    kind = BoxOfficeFigure.Kind.OPENING
    amount = "51000000.00"
    as_of = dt.date(2025, 6, 9)
    source = factory.SubFactory(SourceFactory)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text = factory.Sequence(lambda n: f"Quote number {n} was said out loud.")
    speaker_person = factory.SubFactory(PersonFactory)
    source = factory.SubFactory(SourceFactory)
    state = Quote.State.APPROVED


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body = "Some *body* text."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class FeaturedQuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeaturedQuote

    article = factory.SubFactory(ArticleFactory)
    quote = factory.SubFactory(QuoteFactory)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Writer Number{n}")
    slug = factory.Sequence(lambda n: f"writer-{n}")


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    kind = Correction.Kind.CORRECTION
    text = factory.Sequence(lambda n: f"An earlier version of this got fact {n} wrong.")
