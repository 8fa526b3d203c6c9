"""Quotes edited in an inline get the same bookkeeping as in their own form."""

import pytest

from quotes.models import Quote, Source
from tests.factories import CharacterFactory, QuoteFactory

from .helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


def test_a_nested_quote_added_and_edited_inline_is_versioned(editor_client, editor):
    parent = QuoteFactory(text="He said 'run' and ran.", state="pending")
    eve = CharacterFactory()
    url = admin_url(Quote, "change", parent.pk)
    data = form_data(
        editor_client.get(url),
        **{
            "nested_quotes-TOTAL_FORMS": "1",
            "nested_quotes-0-text": "run",
            "nested_quotes-0-speaker_character": str(eve.pk),
            "nested_quotes-0-source": str(parent.source_id),
        },
    )
    assert editor_client.post(url, data).status_code == 302
    nested = parent.nested_quotes.get()
    assert (nested.speaker_character, nested.updated_by, nested.state) == (eve, editor, "pending")

    data = form_data(editor_client.get(url), **{"nested_quotes-0-text": "Run"})
    assert editor_client.post(url, data).status_code == 302
    nested.refresh_from_db()
    assert (nested.text, nested.version) == ("Run", 2)


def test_a_writer_sees_the_quotes_on_a_source_but_cannot_change_them_inline(writer_client):
    quote = QuoteFactory(text="Approved words.")
    response = writer_client.get(admin_url(Source, "change", quote.source_id))
    formset = response.context["inline_admin_formsets"][0]
    assert not formset.has_change_permission
    assert "Approved words." in response.content.decode()
