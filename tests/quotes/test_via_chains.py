"""A via chain is refused where readers would never see all of it: longer than `published()`
reads (`CHAIN_LEVELS` sources, a use's source and the ones it reached us through), or in a loop.
The admin shows the message on the via field (tests/admin/test_source_via.py); the API does not
write sources."""

import pytest
from django.core.exceptions import ValidationError

from quotes.models import Source
from quotes.querysets import CHAIN_LEVELS
from tests.factories import QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def chain(length: int) -> list[Source]:
    """`length` sources, each relayed through the one before: the last one's chain is them all,
    written directly (a factory does not run `clean()`)."""
    sources = [SourceFactory()]
    for _ in range(length - 1):
        sources.append(SourceFactory(via=sources[-1]))
    return sources


def refusal(source: Source) -> str:
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    return refused.value.message_dict["via"][0]


def test_a_chain_as_long_as_published_reads_is_allowed_and_public():
    last = chain(CHAIN_LEVELS - 1)[-1]
    source = SourceFactory.build(outlet=last.outlet, via=last)
    source.full_clean()
    source.save()
    QuoteFactory(source=source)
    hops = [hop.pk for hop in source.chain()]
    assert len(hops) == CHAIN_LEVELS
    assert Source.objects.published().filter(pk__in=hops).count() == CHAIN_LEVELS


def test_a_source_one_further_is_refused_on_its_via_field():
    last = chain(CHAIN_LEVELS)[-1]
    source = SourceFactory.build(outlet=last.outlet, via=last)
    assert f"at most {CHAIN_LEVELS - 1}" in refusal(source)


def test_a_source_with_sources_above_it_cannot_be_relayed_so_that_theirs_grow_too_long():
    """The sources that reached us through the one edited get its new relays too."""
    relay, relayed = chain(2)
    below = chain(CHAIN_LEVELS - 1)[-1]
    # Relaying `relay` through `below` makes its own chain CHAIN_LEVELS long, and that of
    # `relayed`, which reached us through it, one longer.
    relay.via = below
    assert f"at most {CHAIN_LEVELS - 1}" in refusal(relay)


def test_a_source_above_may_get_deeper_while_it_stays_within_the_limit():
    relay, relayed = chain(2)
    relay.via = chain(CHAIN_LEVELS - 2)[-1]
    relay.full_clean()


def test_changing_anything_but_via_keeps_a_chain_recorded_before_the_limit_editable():
    """A longer chain written before the limit (or by a raw write) is not the editor's doing:
    the sources on it stay editable, and pages show as much of it as readers may see."""
    sources = chain(CHAIN_LEVELS + 2)
    for source in sources:
        source.title += " (edited)"
        source.full_clean()


@pytest.mark.parametrize("length", [1, 2, 3])
def test_a_source_cannot_be_relayed_through_itself_or_a_source_relayed_through_it(length):
    sources = chain(length)
    first = sources[0]
    first.via = sources[-1]
    message = refusal(first)
    assert "itself" in message or "loop" in message
