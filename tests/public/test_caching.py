"""The HTTP cache's contract: what a shared cache may keep and for how long, the surrogate keys
naming what each answer shows, and the purges that writes send after they commit."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.test import APIClient
from reversion.models import Version

from articles import services as article_services
from articles.models import Article
from quotes.models import Film, Person, Quote, Source
from quotes.services import quote_set_state, quote_update
from tests.admin.helpers import admin_url, form_data
from tests.factories import (
    ArticleFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

SHARED = "public, max-age=0, s-maxage=300"
PAGES = ["/", "/articles/", "/quotes/", "/people/len-wiseman/", "/films/ballerina/"]


def keys(response) -> set[str]:
    return set(response["xkey"].split())


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_may_be_kept_by_a_shared_cache_and_revalidated(client, demo, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == SHARED
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_an_article_page_names_every_record_it_shows(client, demo):
    """Every featured quote and its speaker (the body links them by name); a quote shown as a
    card also with its source chain, but not its films, which a card does not show."""
    lone = Quote.objects.get(pk=demo.featured_quotes.first().quote_id)
    # Out of the body's words: it is shown as a card.
    lone.text = "Words the body does not quote."
    lone.save()
    film = Film.objects.create(title="A film only the card's quote is about", slug="card-only")
    lone.films.add(film)
    response = client.get(demo.get_absolute_url())
    shown = keys(response)
    assert [quote.pk for quote in response.context["quotes_not_in_body"]] == [lone.pk]
    assert f"article-{demo.pk}" in shown
    for item in demo.featured_quotes.all():
        quote = item.quote
        assert f"quote-{quote.pk}" in shown
        speaker = quote.speaker_person or quote.speaker_character
        assert f"{speaker._meta.model_name}-{speaker.pk}" in shown
    for hop in lone.source.chain():
        assert {f"source-{hop.pk}", f"outlet-{hop.outlet_id}"} <= shown
    # Nothing on the page shows it: a change to it need not purge the page.
    assert f"film-{film.pk}" not in shown


def test_a_list_names_its_kind_and_its_rows(client, demo):
    response = client.get("/quotes/")
    shown = keys(response)
    assert "quote-list" in shown
    assert {f"quote-{quote.pk}" for quote in response.context["quotes"]} <= shown


def test_api_reads_name_what_they_show(demo):
    api = APIClient()
    response = api.get("/api/v1/quotes/")
    assert response["Cache-Control"] == SHARED
    shown = keys(response)
    assert "quote-list" in shown
    for row in response.json()["results"]:
        assert f"quote-{row['id']}" in shown
        assert f"{row['speaker']['type']}-{row['speaker']['id']}" in shown
        assert {f"source-{hop['id']}" for hop in row["source_chain"]} <= shown
    detail = api.get(f"/api/v1/articles/{demo.pk}/")
    assert f"article-{demo.pk}" in keys(detail)


def test_signed_in_users_get_private_answers(client, demo):
    client.force_login(User.objects.create_superuser("chief", password="pw-chief-123"))
    for url in [*PAGES, "/api/v1/quotes/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" not in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
        assert "xkey" not in response, url


def test_token_clients_get_private_answers(demo):
    user = User.objects.create_superuser("chief", password="pw-chief-123")
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/v1/quotes/", HTTP_AUTHORIZATION="Token x")
    assert "public" not in response.get("Cache-Control", "")


def test_errors_redirects_and_random_picks_are_never_shared(client, demo):
    for url in ["/quotes/?speaker=nobody", "/films/no-such-film/", "/quotes/random/"]:
        response = client.get(url)
        assert response.status_code in (302, 400, 404), url
        assert "public" not in response.get("Cache-Control", ""), url
        assert "xkey" not in response, url


def test_a_page_lives_no_longer_than_the_next_scheduled_publication(client, demo):
    ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + dt.timedelta(seconds=90)
    )
    max_age = client.get("/")["Cache-Control"]
    seconds = int(max_age.split("s-maxage=")[1])
    assert 85 <= seconds <= 90


def test_a_page_lives_no_longer_than_the_next_quote_embargo(client, demo):
    """A quote approved with a story scheduled for later goes public with no write to purge
    the pages: its time caps how long they are kept."""
    QuoteFactory(state="approved", public_from=timezone.now() + dt.timedelta(seconds=90))
    max_age = client.get("/quotes/")["Cache-Control"]
    seconds = int(max_age.split("s-maxage=")[1])
    assert 85 <= seconds <= 90


def test_the_cache_can_be_switched_off(client, demo, settings):
    settings.CMS_CACHE_ENABLED = False
    response = client.get("/")
    assert "public" not in response["Cache-Control"]
    assert "xkey" not in response


# --- purges --------------------------------------------------------------------------------


def test_a_quote_s_change_purges_its_pages_and_those_that_list_it(
    demo, purges, django_capture_on_commit_callbacks
):
    quote = next(q for q in Quote.objects.published() if q.source.via_id)
    with django_capture_on_commit_callbacks(execute=True):
        quote.verification_note = "Checked again."
        quote.save()
    expected = {f"quote-{quote.pk}", "quote-list", f"source-{quote.source_id}"}
    expected |= {f"source-{hop.pk}" for hop in quote.source.chain()}
    speaker = quote.speaker_person or quote.speaker_character
    expected.add(f"{speaker._meta.model_name}-{speaker.pk}")
    assert expected <= purges.purged_keys()


def test_nothing_is_purged_before_the_write_commits(
    demo, purges, django_capture_on_commit_callbacks
):
    person = Person.objects.get(slug="len-wiseman")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        person.bio = "Director."
        person.save()
    assert purges.purged == []
    for callback in callbacks:
        callback()
    assert {f"person-{person.pk}", "person-list"} <= purges.purged_keys()


def test_a_film_added_to_a_quote_purges_the_film_s_page(
    demo, purges, django_capture_on_commit_callbacks
):
    quote = Quote.objects.published().first()
    film = Film.objects.create(title="Another film", slug="another-film")
    with django_capture_on_commit_callbacks(execute=True):
        quote.films.add(film)
    assert {f"film-{film.pk}", f"quote-{quote.pk}"} <= purges.purged_keys()


def test_unpublishing_an_article_purges_its_page(demo, purges, django_capture_on_commit_callbacks):
    editor = User.objects.create_superuser("chief", password="pw-chief-123")
    with django_capture_on_commit_callbacks(execute=True):
        article_services.article_unpublish(article=demo, by=editor)
    assert {f"article-{demo.pk}", "article-list"} <= purges.purged_keys()


def test_rejecting_a_quote_purges_it(demo, purges, django_capture_on_commit_callbacks):
    editor = User.objects.create_superuser("chief", password="pw-chief-123")
    quote = Quote.objects.published().first()
    with django_capture_on_commit_callbacks(execute=True):
        quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=editor)
    assert f"quote-{quote.pk}" in purges.purged_keys()


def test_a_relay_s_change_purges_the_sources_it_relayed(
    demo, purges, django_capture_on_commit_callbacks
):
    relay = Source.objects.filter(relays__isnull=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        relay.title = "Renamed relay"
        relay.save()
    assert f"source-{relay.pk}" in purges.purged_keys()


def test_hiding_a_quote_purges_every_page_showing_a_line_it_now_hides(
    client, demo, purges, django_capture_on_commit_callbacks
):
    """A line two deep is public only while the quote at the top of its chain is approved
    (`Quote.objects.published()`), which neither its page nor its speaker's shows."""
    editor = User.objects.create_superuser("chief", password="pw-chief-123")
    top = QuoteFactory(state="approved")
    line = QuoteFactory(state="approved", parent=top)
    deeper = QuoteFactory(state="approved", parent=line)
    pages = [deeper.get_absolute_url(), deeper.speaker_person.get_absolute_url()]
    shown = {url: keys(client.get(url)) for url in pages}
    with django_capture_on_commit_callbacks(execute=True):
        quote_set_state(quotes=[top], state=Quote.State.PENDING, by=editor)
    for url in pages:
        assert shown[url] & purges.purged_keys(), url


@pytest.mark.parametrize("kind", ["person", "film", "tag", "source"])
def test_unpublishing_an_article_purges_the_records_only_it_made_public(
    client, db, purges, django_capture_on_commit_callbacks, kind
):
    """A person or a film a writer added for the story, a tag or a source only it has: their
    answers (the API's details name nothing else) must go with it."""
    editor = User.objects.create_superuser("chief", password="pw-chief-123")
    article = ArticleFactory()
    if kind == "person":
        record = PersonFactory(held_until_used=True)
        article.people.add(record)
    elif kind == "film":
        record = FilmFactory(held_until_used=True)
        article.films.add(record)
    elif kind == "tag":
        record = TagFactory()
        article.tags.add(record)
    else:
        record = SourceFactory()
        article.sources.add(record)
    lookup = record.pk if kind == "source" else record.slug
    url = f"/api/v1/{'people' if kind == 'person' else kind + 's'}/{lookup}/"
    response = client.get(url)
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article_services.article_unpublish(article=article, by=editor)
    assert client.get(url).status_code == 404
    assert keys(response) & purges.purged_keys()


def test_rejecting_a_quote_purges_a_film_only_it_made_public(
    client, db, purges, django_capture_on_commit_callbacks
):
    editor = User.objects.create_superuser("chief", password="pw-chief-123")
    film = FilmFactory(held_until_used=True)
    quote = QuoteFactory(state="approved")
    quote.films.add(film)
    response = client.get(f"/api/v1/films/{film.slug}/")
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=editor)
    assert client.get(f"/api/v1/films/{film.slug}/").status_code == 404
    assert keys(response) & purges.purged_keys()


def test_a_restore_purges_the_pages_of_every_row_it_brings_back(
    client, db, purges, django_capture_on_commit_callbacks
):
    """A revision holds every row its change touched: restoring a story's version brings back
    the words of the quotes approved with it too, written raw, which purges nothing itself.
    (A story taken down since: restoring a live one makes draft changes of the story alone.)"""
    editor = User.objects.create_superuser("chief", password="pw-chief-123")
    article = ArticleFactory(status="review", published_at=None)
    quote = QuoteFactory(state="pending", text="As approved.")
    FeaturedQuoteFactory(article=article, quote=quote)
    article_services.article_publish(article=article, by=editor, approve_quotes=True)
    quote_update(quote=Quote.objects.get(pk=quote.pk), by=editor, text="Changed since.")
    article_services.article_unpublish(article=Article.objects.get(pk=article.pk), by=editor)
    published = Version.objects.get_for_object(article).get(revision__comment__startswith="Pub")
    client.force_login(editor)
    url = admin_url(Article, "revision", article.pk, published.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.text, quote.state) == ("As approved.", "approved")
    assert f"quote-{quote.pk}" in purges.purged_keys()
