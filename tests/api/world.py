"""A small quote database in which every API filter has rows to find and rows to miss."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from articles.models import Article
from quotes.models import Credit, Quote, Source
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CharacterFactory,
    CorrectionFactory,
    CreditFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    FranchiseFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.wick = FranchiseFactory(slug="wick", name="Wick")
    w.alice = PersonFactory(slug="alice", name="Alice Ames")
    w.bob = PersonFactory(slug="bob", name="Bob Brown")
    w.eve = CharacterFactory(slug="eve", name="Eve", franchise=w.wick)
    w.loner = CharacterFactory(slug="loner", name="Loner")
    w.ballet = FilmFactory(slug="ballet", title="Ballet", franchise=w.wick)
    w.other_film = FilmFactory(
        slug="other-film", title="Other", status="announced", release_on=None
    )
    CreditFactory(film=w.ballet, person=w.alice, role=Credit.Role.DIRECTOR)
    CreditFactory(film=w.ballet, person=w.bob, role=Credit.Role.CAST, character=w.eve)

    w.ew = OutletFactory(slug="ew", name="EW")
    w.agg = OutletFactory(slug="agg", name="Aggregator", kind="aggregator")
    w.agg2 = OutletFactory(slug="agg2", name="Second aggregator", kind="aggregator")
    w.s_agg2 = SourceFactory(outlet=w.agg2, kind=Source.Kind.ARTICLE)
    w.s_agg = SourceFactory(outlet=w.agg, via=w.s_agg2, kind=Source.Kind.ARTICLE)
    w.s_ew = SourceFactory(outlet=w.ew, via=w.s_agg)
    w.s_other = SourceFactory(outlet=w.agg, kind=Source.Kind.PRESS_RELEASE)

    w.q1 = QuoteFactory(
        speaker_person=w.alice,
        source=w.s_ew,
        said_on=dt.date(2025, 1, 10),
        verification_status=Quote.Verification.VERIFIED,
    )
    w.q1.films.set([w.ballet])
    w.q2 = QuoteFactory(
        text="A zebra crossed the set.",
        speaker_person=w.bob,
        source=w.s_other,
        said_on=dt.date(2024, 5, 1),
    )
    w.q2.films.set([w.other_film])
    w.q3 = QuoteFactory(speaker_person=None, speaker_character=w.eve, parent=w.q1, source=w.s_ew)
    w.q4 = QuoteFactory(speaker_person=w.alice, source=w.s_ew, state=Quote.State.PENDING)
    w.q4.films.set([w.ballet])
    w.q5 = QuoteFactory(
        speaker_person=None,
        speaker_character=w.loner,
        source=w.s_agg,
        verification_status=Quote.Verification.DISPUTED,
        verification_note="The tape says otherwise.",
    )
    w.q5.films.set([w.ballet, w.other_film])
    w.q6 = QuoteFactory(speaker_person=w.bob, parent=w.q4, source=w.s_other)

    w.a1 = ArticleFactory(slug="live", title="Live piece about zebras")
    w.a1.films.set([w.ballet])
    w.a1.people.set([w.alice])
    FeaturedQuoteFactory(article=w.a1, quote=w.q1, position=0)
    FeaturedQuoteFactory(article=w.a1, quote=w.q2, position=1)
    w.a2 = ArticleFactory(slug="draft", status=Article.Status.DRAFT, published_at=None)
    w.a2.films.set([w.ballet])
    FeaturedQuoteFactory(article=w.a2, quote=w.q5)
    w.a3 = ArticleFactory(
        slug="old", published_at=timezone.now() - dt.timedelta(days=400), title="Old news"
    )
    w.a3.people.set([w.bob])

    w.film = SectionFactory(slug="film", name="Film", position=0)
    w.tv = SectionFactory(slug="tv", name="TV", position=1)
    w.t_wick = TagFactory(slug="wick", name="Wick")
    w.t_secret = TagFactory(slug="secret", name="Secret")  # only on the draft
    w.ann = AuthorFactory(slug="ann", name="Ann Author")
    w.ben = AuthorFactory(slug="ben", name="Ben Byline")
    Article.objects.filter(pk__in=[w.a1.pk, w.a2.pk]).update(section=w.film)
    Article.objects.filter(pk=w.a3.pk).update(section=w.tv)
    w.a1.tags.set([w.t_wick])
    w.a2.tags.set([w.t_wick, w.t_secret])
    BylineFactory(article=w.a1, author=w.ben, position=0)
    BylineFactory(article=w.a1, author=w.ann, position=1)
    BylineFactory(article=w.a3, author=w.ann, position=0)
    BylineFactory(article=w.a2, author=w.ben, position=0)
    w.c1 = CorrectionFactory(article=w.a1, text="We misspelt the zebra's name.")
    CorrectionFactory(article=w.a2, text="A draft's correction.")
    return w
