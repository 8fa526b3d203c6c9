"""Quotes approved with a story scheduled for later are public only from the story's time:
`published()` compares their `public_from` with now, with no job to run."""

import datetime as dt

import pytest
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.drafts import article_draft_discard, article_draft_save, article_draft_schedule
from articles.models import Article
from core.drafts import draft_of
from core.models import DraftChange
from quotes.models import Quote
from quotes.services import quote_approve, quote_move_embargo, quote_withdraw_embargoed
from tests.admin.conftest import make_user
from tests.admin.helpers import admin_url, form_data
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("eddie", "Editors")


@pytest.fixture
def clock(monkeypatch):
    """`clock(when)` makes `timezone.now()` (and so `core.compiled.now()`) return `when`."""

    def set_clock(when):
        monkeypatch.setattr(timezone, "now", lambda: when)

    return set_clock


@pytest.fixture
def story():
    """A story in review featuring a pending quote with a pending line nested in it."""
    article = ArticleFactory(status="review", published_at=None)
    quote = QuoteFactory(state="pending")
    line = QuoteFactory(state="pending", parent=quote)
    FeaturedQuoteFactory(article=article, quote=quote)
    return article, quote, line


def is_public(quote) -> bool:
    return Quote.objects.published().filter(pk=quote.pk).exists()


def quote_row(quote) -> tuple[str, dt.datetime | None]:
    quote.refresh_from_db()
    return quote.state, quote.public_from


def schedule_approving(article, editor, hours: int = 2):
    """Schedule `article` `hours` from now, approving its quotes; the time it is set for."""
    at = timezone.now() + dt.timedelta(hours=hours)
    services.article_schedule(article=article, by=editor, at=at, approve_quotes=True)
    return at


def api_ids(client) -> set[int]:
    return {row["id"] for row in client.get("/api/v1/quotes/").json()["results"]}


def test_a_quote_approved_with_a_scheduled_story_stays_hidden_until_its_time(
    client, editor, story, clock
):
    article, quote, line = story
    at = schedule_approving(article, editor)

    quote.refresh_from_db()
    assert (quote.state, quote.public_from) == ("approved", at)
    assert not is_public(quote) and not is_public(line)
    assert client.get(f"/quotes/{quote.pk}/").status_code == 404
    assert client.get(f"/quotes/{line.pk}/").status_code == 404
    assert not {quote.pk, line.pk} & api_ids(client)

    clock(at + dt.timedelta(seconds=1))
    assert is_public(quote) and is_public(line)
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(f"/quotes/{quote.pk}/").status_code == 200
    assert {quote.pk, line.pk} <= api_ids(client)


def test_editors_see_the_embargo_in_the_admin_and_the_api(client, editor, story):
    article, quote, _ = story
    at = schedule_approving(article, editor)
    client.force_login(editor)
    shown = f"Public from {timezone.localtime(at)}"
    assert shown in client.get(admin_url(Quote, "changelist")).content.decode()
    assert shown in client.get(admin_url(Quote, "change", quote.pk)).content.decode()
    detail = client.get(f"/api/v1/quotes/{quote.pk}/").json()
    assert detail["public_from"] is not None


def test_rescheduling_moves_the_embargo(editor, story, clock):
    article, quote, line = story
    first = schedule_approving(article, editor)
    later = first + dt.timedelta(days=1)
    services.article_schedule(article=article, by=editor, at=later)
    quote.refresh_from_db()
    line.refresh_from_db()
    assert quote.public_from == later and line.public_from == later
    clock(first + dt.timedelta(seconds=1))
    assert not is_public(quote)
    clock(later + dt.timedelta(seconds=1))
    assert is_public(quote)


def test_unscheduling_sends_the_quotes_back_to_approval(editor, story):
    article, quote, line = story
    already = QuoteFactory(state="approved")
    FeaturedQuoteFactory(article=article, quote=already, position=1)
    schedule_approving(article, editor)
    services.article_unpublish(article=article, by=editor)
    for pending in (quote, line):
        pending.refresh_from_db()
        assert (pending.state, pending.public_from) == ("pending", None)
    # Approved before, public before: scheduling and unscheduling leave it alone.
    already.refresh_from_db()
    assert (already.state, already.public_from) == ("approved", None)
    assert is_public(already)


def test_publishing_now_approves_at_once(editor, story):
    article, quote, line = story
    services.article_publish(article=article, by=editor, approve_quotes=True)
    quote.refresh_from_db()
    assert (quote.state, quote.public_from) == ("approved", None)
    assert is_public(quote) and is_public(line)


def test_publishing_a_scheduled_story_now_lifts_its_quotes_embargo(editor, story):
    article, quote, _ = story
    schedule_approving(article, editor)
    services.article_publish(article=article, by=editor)
    assert is_public(quote)


def test_an_editor_approving_a_quote_lifts_its_embargo_not_its_parent_s(editor, story):
    article, quote, line = story
    schedule_approving(article, editor)
    quote_approve(quote=line, by=editor)
    line.refresh_from_db()
    assert line.public_from is None
    # Quoted within words still embargoed: hidden with them.
    assert not is_public(line)
    quote_approve(quote=quote, by=editor)
    assert is_public(quote) and is_public(line)


def scheduled_draft_changes(editor):
    """A live article whose draft changes feature a pending quote, scheduled two hours from
    now with its quotes approved: the article, the quote and the time."""
    live = ArticleFactory(status="published")
    quote = QuoteFactory(state="pending")
    article_draft_save(article=live, by=editor, featured_quotes=[(quote, 0)])
    at = timezone.now() + dt.timedelta(hours=2)
    article_draft_schedule(article=live, by=editor, at=at, approve_quotes=True)
    return live, quote, at


def test_scheduled_draft_changes_embargo_their_new_quotes(editor, clock):
    live, quote, at = scheduled_draft_changes(editor)
    quote.refresh_from_db()
    assert (quote.state, quote.public_from) == ("approved", at)
    assert not is_public(quote)

    later = at + dt.timedelta(hours=1)
    article_draft_schedule(article=live, by=editor, at=later)
    quote.refresh_from_db()
    assert quote.public_from == later
    clock(later + dt.timedelta(seconds=1))
    assert is_public(quote)


@pytest.mark.parametrize("take_off", ["change", "discard"])
def test_draft_changes_taken_off_the_schedule_send_their_quotes_back(editor, take_off):
    live, quote, _ = scheduled_draft_changes(editor)
    if take_off == "change":
        article_draft_save(article=live, by=editor, title="Changed again")
    else:
        article_draft_discard(article=live, by=editor)
    quote.refresh_from_db()
    assert (quote.state, quote.public_from) == ("pending", None)


# --- the embargo follows the story whichever way it goes -------------------------------------


def test_changes_published_at_once_over_their_schedule_make_their_quotes_public(
    editor, purges, django_capture_on_commit_callbacks
):
    """The desk's "Save and publish" over scheduled draft changes (`article_update(publish=)`):
    their quotes go live with them, not at the time they were scheduled for."""
    live, quote, _ = scheduled_draft_changes(editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(article=live, by=editor, publish=True, featured_quotes=[(quote, 0)])
    assert quote_row(quote) == ("approved", None)
    assert is_public(quote)
    assert f"quote-{quote.pk}" in purges.purged_keys()


def test_save_and_publish_in_the_desk_over_scheduled_changes_makes_their_quotes_public(
    client, editor
):
    live, quote, _ = scheduled_draft_changes(editor)
    client.force_login(editor)
    url = admin_url(Article, "change", live.pk)
    response = client.post(url, form_data(client.get(url), _publish="1"))
    assert response.status_code == 302
    assert draft_of(live) is None
    assert is_public(quote)


def test_a_quote_dropped_when_scheduled_changes_are_published_at_once_goes_back(editor, clock):
    live, quote, at = scheduled_draft_changes(editor)
    services.article_update(article=live, by=editor, publish=True, featured_quotes=[])
    assert quote_row(quote) == ("pending", None)
    clock(at + dt.timedelta(seconds=1))
    assert not is_public(quote)


@pytest.mark.parametrize("to", ["draft", "archived"])
def test_taking_a_live_article_off_takes_its_scheduled_changes_and_their_quotes_off(
    editor, clock, to
):
    live, quote, at = scheduled_draft_changes(editor)
    services.article_transition(article=live, to=to, by=editor)
    assert quote_row(quote) == ("pending", None)
    assert draft_of(live).go_live_at is None
    clock(at + dt.timedelta(seconds=1))
    assert not is_public(quote)


@pytest.mark.parametrize("why", ["taken off", "slug taken", "editor gone"])
def test_changes_that_cannot_go_live_at_their_time_send_their_quotes_back(
    client, editor, clock, why
):
    """Refused when their time comes (the article taken off by its unpublish-at time with no
    write, their slug taken since, the editor who scheduled them gone): the first request
    leaves them a draft, and their quotes, whose time came too, stay hidden with them."""
    off = timezone.now() + dt.timedelta(hours=1) if why == "taken off" else None
    live = ArticleFactory(status="published", unpublish_at=off)
    quote = QuoteFactory(state="pending")
    changes = {"slug": "taken-later"} if why == "slug taken" else {}
    article_draft_save(article=live, by=editor, featured_quotes=[(quote, 0)], **changes)
    at = timezone.now() + dt.timedelta(hours=2)
    article_draft_schedule(article=live, by=editor, at=at, approve_quotes=True)
    if why == "slug taken":
        ArticleFactory(slug="taken-later")
    elif why == "editor gone":
        DraftChange.objects.filter(object_id=live.pk).update(scheduled_by=None)
    assert quote_row(quote) == ("approved", at)
    clock(at + dt.timedelta(seconds=1))
    assert client.get(f"/quotes/{quote.pk}/").status_code == 404
    assert quote_row(quote) == ("pending", None)
    assert draft_of(live).go_live_at is None


def test_a_quote_taken_out_of_a_scheduled_story_goes_back_to_approval(editor, story, clock):
    article, quote, line = story
    kept = QuoteFactory(state="pending")
    FeaturedQuoteFactory(article=article, quote=kept, position=1)
    at = schedule_approving(article, editor)
    services.article_update(article=article, by=editor, featured_quotes=[(kept, 0)])
    assert quote_row(quote) == ("pending", None)
    assert quote_row(line) == ("pending", None)
    assert quote_row(kept) == ("approved", at)
    clock(at + dt.timedelta(seconds=1))
    assert not is_public(quote) and is_public(kept)


def test_a_quote_taken_out_of_a_scheduled_story_in_the_desk_goes_back_to_approval(
    client, editor, story
):
    article, quote, _ = story
    schedule_approving(article, editor)
    client.force_login(editor)
    url = admin_url(Article, "change", article.pk)
    response = client.post(url, form_data(client.get(url), **{"featured_quotes-0-DELETE": "on"}))
    assert response.status_code == 302
    assert not article.featured_quotes.exists()
    assert quote_row(quote) == ("pending", None)


def test_deleting_a_scheduled_story_in_the_desk_sends_its_quotes_back(client, editor, story):
    article, quote, line = story
    schedule_approving(article, editor)
    client.force_login(editor)
    response = client.post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert quote_row(quote) == ("pending", None)
    assert quote_row(line) == ("pending", None)


def test_a_quote_two_stories_to_come_feature_stays_with_the_one_still_on(editor, story):
    """Matched by the stories that feature it, not by its time: taken off one schedule, or
    moved with one story, it stays approved for the other, public with it."""
    article, quote, _ = story
    other = ArticleFactory(status="review", published_at=None)
    FeaturedQuoteFactory(article=other, quote=quote)
    at = schedule_approving(article, editor)
    services.article_schedule(article=other, by=editor, at=at)
    services.article_schedule(article=article, by=editor, at=at + dt.timedelta(days=1))
    assert quote_row(quote) == ("approved", at)
    services.article_unpublish(article=article, by=editor)
    assert quote_row(quote) == ("approved", at)
    services.article_unpublish(article=other, by=editor)
    assert quote_row(quote) == ("pending", None)


def test_a_line_approved_with_a_story_waits_for_it_though_its_quote_is_live_elsewhere(
    editor, story
):
    """An older live story features the quote, not the line approved now with this one."""
    article, quote, line = story
    FeaturedQuoteFactory(article=ArticleFactory(status="published"), quote=quote)
    quote_approve(quote=quote, by=editor)
    at = schedule_approving(article, editor)
    services.article_update(article=article, by=editor, featured_quotes=[(quote, 0)])
    assert quote_row(line) == ("approved", at)
    assert is_public(quote) and not is_public(line)


def test_withdrawing_reads_the_embargo_as_saved_not_as_the_caller_loaded_it(editor, story):
    article, quote, _ = story
    schedule_approving(article, editor)
    loaded = Quote.objects.get(pk=quote.pk)
    quote_move_embargo(quotes=[Quote.objects.get(pk=quote.pk)], to=None, by=editor)
    quote_withdraw_embargoed(quotes=[loaded], by=editor)
    assert quote_row(quote) == ("approved", None)


# --- restoring an old version from the history -------------------------------------------------


def restore(client, model, pk, version) -> None:
    url = admin_url(model, "revision", pk, version.pk)
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 302


def first_version(record) -> Version:
    return Version.objects.get_for_object(record).order_by("pk").first()


def test_a_restored_quote_keeps_the_embargo_of_its_story_as_it_is_now(client, editor, story):
    article, quote, _ = story
    first = schedule_approving(article, editor)
    later = first + dt.timedelta(days=1)
    services.article_schedule(article=article, by=editor, at=later)
    client.force_login(editor)
    restore(client, Quote, quote.pk, first_version(quote))
    assert quote_row(quote) == ("approved", later)
    # The story's schedule is not part of the quote's history either.
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("scheduled", later)


def test_a_restore_does_not_bring_back_an_approval_withdrawn_with_the_schedule(
    client, editor, story
):
    article, quote, line = story
    schedule_approving(article, editor)
    services.article_unpublish(article=article, by=editor)
    client.force_login(editor)
    restore(client, Quote, quote.pk, first_version(quote))
    assert quote_row(quote) == ("pending", None)
    # Nor does restoring the story's version from when it was scheduled (it holds its quotes).
    scheduled = Version.objects.get_for_object(article).get(
        revision__comment__startswith="Scheduled"
    )
    restore(client, Article, article.pk, scheduled)
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("draft", None)
    assert quote_row(quote) == ("pending", None)
    assert quote_row(line) == ("pending", None)


def test_a_writer_s_restore_does_not_set_when_a_story_comes_off(client, editor):
    """Only an editor sets it (`check_unpublish_at`): a writer's restore of an old version of
    their draft leaves it as it is."""
    writer = make_user("wendy", "Writers")
    article = ArticleFactory(status="draft", published_at=None, created_by=writer)
    services.article_update(
        article=article, by=editor, unpublish_at=timezone.now() + dt.timedelta(days=2)
    )
    services.article_update(article=article, by=editor, unpublish_at=None)
    client.force_login(writer)
    restore(client, Article, article.pk, first_version(article))
    article.refresh_from_db()
    assert article.unpublish_at is None


def test_a_writer_cannot_restore_an_old_version_of_their_live_story(client, editor):
    """A writer's changes to a live story wait for an editor (draft changes); restoring an old
    version would write it straight onto the live row."""
    writer = make_user("wendy", "Writers")
    article = ArticleFactory(status="draft", published_at=None, created_by=writer, title="Old")
    services.article_update(article=article, by=writer, title="Older title")
    services.article_publish(article=article, by=editor)
    services.article_update(article=article, by=editor, title="Live title", publish=True)
    client.force_login(writer)
    url = admin_url(Article, "revision", article.pk, first_version(article).pk)
    response = client.post(url, form_data(editor_view(article)))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Live title"
    assert draft_of(article) is None
    shown = client.get(response.url, follow=True)
    assert b"an editor" in shown.content


def test_a_writer_s_restore_leaves_the_approved_quotes_in_the_version_as_they_are(
    client, editor, story
):
    """A story's revision may hold its quotes; a writer may not change an approved one."""
    article, quote, _ = story
    writer = make_user("wendy", "Writers")
    Article.objects.filter(pk=article.pk).update(created_by=writer)
    services.article_publish(article=article, by=editor, approve_quotes=True)  # article, quotes
    services.article_unpublish(article=article, by=editor)  # a draft again, the quote approved
    Quote.objects.filter(pk=quote.pk).update(text="The words as checked.")
    client.force_login(writer)
    restore(client, Article, article.pk, first_version(article))
    quote.refresh_from_db()
    assert quote.text == "The words as checked."


def editor_view(article):
    """The article's form as an editor's client renders it (`form_data` needs a response)."""
    from django.test import Client

    viewer = Client()
    viewer.force_login(make_user("ed2", "Editors"))
    return viewer.get(admin_url(Article, "change", article.pk))
