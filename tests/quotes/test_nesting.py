"""Nesting a line is refused where readers would never see it: deeper than `published()`
reads (`NESTING_LEVELS`), or in a loop. The admin shows the message on the parent field; the
API answers 400 with it (tests/api)."""

import pytest
from django.core.exceptions import ValidationError

from quotes.querysets import NESTING_LEVELS
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def chain(levels: int) -> list:
    """A top-level quote and `levels` lines, each nested in the one before."""
    quotes = [QuoteFactory(state="approved")]
    for _ in range(levels):
        quotes.append(QuoteFactory(state="approved", parent=quotes[-1]))
    return quotes


def test_a_line_may_be_nested_as_deep_as_published_reads_and_is_public():
    deepest = chain(NESTING_LEVELS)[-1]
    deepest.full_clean()
    assert type(deepest).objects.published().filter(pk=deepest.pk).exists()


def test_a_line_one_deeper_is_refused_on_its_parent_field():
    deepest = chain(NESTING_LEVELS)[-1]
    line = QuoteFactory.build(state="approved", parent=deepest, source=deepest.source)
    with pytest.raises(ValidationError) as refused:
        line.full_clean()
    assert "at most 2 deep" in refused.value.message_dict["parent"][0]


def test_moving_a_quote_with_lines_under_a_nested_line_is_refused():
    top, nested = chain(1)
    holder, with_line = chain(1)
    with_line.parent = nested  # with_line has no lines of its own: two deep is allowed
    with_line.full_clean()
    holder.parent = nested  # holder's line would end up three deep
    with pytest.raises(ValidationError) as refused:
        holder.full_clean()
    assert "parent" in refused.value.message_dict


@pytest.mark.parametrize("levels", [0, 1])
def test_a_quote_cannot_be_nested_in_itself_or_in_its_own_line(levels):
    quotes = chain(levels)
    top = quotes[0]
    top.parent = quotes[-1]
    with pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert "nested in itself" in refused.value.message_dict["parent"][0]
