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


def test_a_line_added_inline_deeper_than_readers_see_is_a_form_error(editor_client):
    top = QuoteFactory(state="approved")
    line = QuoteFactory(state="approved", parent=top)
    deepest = QuoteFactory(state="approved", parent=line, text="She said 'go'.")
    url = admin_url(Quote, "change", deepest.pk)
    data = form_data(
        editor_client.get(url),
        **{
            "nested_quotes-TOTAL_FORMS": "1",
            "nested_quotes-0-text": "go",
            "nested_quotes-0-speaker_character": str(CharacterFactory().pk),
            "nested_quotes-0-source": str(deepest.source_id),
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "at most 2 deep" in response.content.decode()
    assert not deepest.nested_quotes.exists()


def test_moving_a_quote_deeper_than_readers_see_is_a_form_error_on_parent(editor_client):
    top = QuoteFactory(state="approved")
    line = QuoteFactory(state="approved", parent=top)
    holder = QuoteFactory(state="approved")
    QuoteFactory(state="approved", parent=holder)
    url = admin_url(Quote, "change", holder.pk)
    response = editor_client.post(url, form_data(editor_client.get(url), parent=str(line.pk)))
    assert response.status_code == 200
    assert "at most 2 deep" in str(response.context["adminform"].form.errors["parent"])
    holder.refresh_from_db()
    assert holder.parent_id is None
