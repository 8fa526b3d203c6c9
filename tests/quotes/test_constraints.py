"""Each invariant is enforced by the database itself: a row that breaks it cannot be written,
whatever path it comes through (the admin, the API, a script, a bulk load)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quotes.models import BoxOfficeFigure, Credit, Film, Quote, Source
from tests.factories import (
    BoxOfficeFigureFactory,
    CharacterFactory,
    CreditFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def assert_rejected(write) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_person_slug_is_unique():
    PersonFactory(slug="len-wiseman")
    assert_rejected(lambda: PersonFactory(slug="len-wiseman"))


def test_film_slug_is_unique():
    FilmFactory(slug="ballerina")
    assert_rejected(lambda: FilmFactory(slug="ballerina"))


def test_film_status_must_be_a_choice():
    assert_rejected(lambda: FilmFactory(status="rumoured"))


def test_released_film_needs_a_release_date():
    assert_rejected(lambda: FilmFactory(status=Film.Status.RELEASED, release_on=None))


def test_box_office_amount_cannot_be_negative():
    assert_rejected(lambda: BoxOfficeFigureFactory(amount=Decimal("-1.00")))


def test_box_office_territory_must_be_known_or_a_country_code():
    BoxOfficeFigureFactory(territory="GB")
    assert_rejected(lambda: BoxOfficeFigureFactory(territory="mars"))


def test_box_office_currency_is_a_three_letter_code():
    assert_rejected(lambda: BoxOfficeFigureFactory(currency="US"))


def test_box_office_figure_is_unique_per_film_kind_territory_and_date():
    figure = BoxOfficeFigureFactory()
    assert_rejected(
        lambda: BoxOfficeFigureFactory(
            film=figure.film, kind=figure.kind, territory=figure.territory, as_of=figure.as_of
        )
    )


def test_box_office_amount_is_exact_decimal_not_float():
    figure = BoxOfficeFigureFactory(amount=Decimal("51000000.10"))
    figure.refresh_from_db()
    assert figure.amount == Decimal("51000000.10")


def test_box_office_clean_explains_a_bad_currency():
    figure = BoxOfficeFigureFactory.build(
        currency="usd", film=FilmFactory(), source=SourceFactory()
    )
    with pytest.raises(ValidationError) as excinfo:
        figure.full_clean()
    assert "currency" in excinfo.value.message_dict


def test_quote_needs_a_speaker():
    assert_rejected(lambda: QuoteFactory(speaker_person=None, speaker_character=None))


def test_quote_cannot_have_two_speakers():
    assert_rejected(lambda: QuoteFactory(speaker_character=CharacterFactory()))


def test_quote_may_be_spoken_by_a_character():
    quote = QuoteFactory(speaker_person=None, speaker_character=CharacterFactory(name="Eve"))
    assert quote.speaker.name == "Eve"


def test_quote_state_must_be_a_choice():
    assert_rejected(lambda: QuoteFactory(state="live"))


def test_quote_verification_status_must_be_a_choice():
    assert_rejected(lambda: QuoteFactory(verification_status="probably"))


def test_quote_cannot_be_its_own_parent():
    quote = QuoteFactory()
    assert_rejected(lambda: Quote.objects.filter(pk=quote.pk).update(parent=quote.pk))


def test_quote_text_cannot_be_empty():
    assert_rejected(lambda: QuoteFactory(text=""))


def test_source_cannot_be_its_own_via():
    source = SourceFactory()
    assert_rejected(lambda: Source.objects.filter(pk=source.pk).update(via=source.pk))


def test_source_via_loop_is_refused_by_validation():
    first = SourceFactory()
    second = SourceFactory(via=first)
    third = SourceFactory(via=second)
    first.via = third
    with pytest.raises(ValidationError) as excinfo:
        first.full_clean()
    assert "loop" in excinfo.value.message_dict["via"][0]


def test_source_chain_follows_via_to_the_end():
    outlet = OutletFactory(name="ActioNewz.com")
    relay = SourceFactory(outlet=outlet)
    origin = SourceFactory(via=relay)
    assert origin.chain() == [origin, relay]


def test_credit_role_must_be_a_choice():
    assert_rejected(lambda: CreditFactory(role="caterer"))


def test_only_cast_credits_name_a_character():
    assert_rejected(lambda: CreditFactory(role=Credit.Role.DIRECTOR, character=CharacterFactory()))


def test_credit_is_unique_per_film_person_and_role():
    credit = CreditFactory()
    assert_rejected(lambda: CreditFactory(film=credit.film, person=credit.person, role=credit.role))


def test_cast_credit_is_unique_per_part():
    eve = CharacterFactory()
    credit = CreditFactory(role=Credit.Role.CAST, character=eve)
    assert_rejected(
        lambda: CreditFactory(
            film=credit.film, person=credit.person, role=Credit.Role.CAST, character=eve
        )
    )


def test_box_office_kind_must_be_a_choice():
    assert_rejected(lambda: BoxOfficeFigureFactory(kind=BoxOfficeFigure.Kind.BUDGET + "x"))


def test_published_sources_are_those_a_public_record_points_at():
    from quotes.models import Source

    interview_relay = SourceFactory(title="Relay")
    interview = SourceFactory(title="Interview", via=interview_relay)
    QuoteFactory(source=interview, state="approved")
    draft_only = SourceFactory(title="Known only to a pending quote")
    QuoteFactory(source=draft_only, state="pending")
    figures_source = BoxOfficeFigureFactory().source
    assert set(Source.objects.published()) == {interview, interview_relay, figures_source}
