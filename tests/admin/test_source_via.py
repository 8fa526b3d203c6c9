"""A via the admin would save into a chain longer than readers see, or into a loop, is a form
error on the via field, and nothing is saved (the rule: tests/quotes/test_via_chains.py)."""

import pytest

from quotes.models import Source
from quotes.querysets import CHAIN_LEVELS
from tests.factories import SourceFactory

from .helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


def chain(length: int) -> list[Source]:
    sources = [SourceFactory()]
    for _ in range(length - 1):
        sources.append(SourceFactory(via=sources[-1]))
    return sources


def post_via(client, source: Source, via: Source):
    url = admin_url(Source, "change", source.pk)
    return client.post(url, form_data(client.get(url), via=str(via.pk)))


def test_a_via_that_makes_the_chain_too_long_is_a_form_error(editor_client):
    last = chain(CHAIN_LEVELS)[-1]
    source = SourceFactory()
    response = post_via(editor_client, source, last)
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["via"])
    assert f"at most {CHAIN_LEVELS - 1}" in errors
    source.refresh_from_db()
    assert source.via_id is None


def test_a_via_that_makes_a_source_above_too_deep_is_a_form_error(editor_client):
    relay, relayed = chain(2)
    response = post_via(editor_client, relay, chain(CHAIN_LEVELS - 1)[-1])
    assert response.status_code == 200
    assert f"at most {CHAIN_LEVELS - 1}" in str(response.context["adminform"].form.errors["via"])
    relay.refresh_from_db()
    assert relay.via_id is None


def test_a_via_within_the_limit_is_saved(editor_client):
    last = chain(CHAIN_LEVELS - 1)[-1]
    source = SourceFactory()
    assert post_via(editor_client, source, last).status_code == 302
    source.refresh_from_db()
    assert source.via == last


def test_a_via_that_loops_is_a_form_error(editor_client):
    first, second = chain(2)
    response = post_via(editor_client, first, second)
    assert response.status_code == 200
    assert "loop" in str(response.context["adminform"].form.errors["via"])
