"""Editors write through the API with a token; the services' rules hold, and nobody silently
overwrites another's edit."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from core.drafts import draft_of
from quotes.models import Quote
from tests.api.conftest import WRITER_PERMS, client_for, make_user
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory, SourceFactory


@pytest.fixture
def source(db):
    return SourceFactory()


@pytest.fixture
def speaker(db):
    from tests.factories import PersonFactory

    return PersonFactory(slug="len-wiseman", name="Len Wiseman")


def test_token_endpoint_gives_a_token_that_creates_a_draft_quote(api, writer, source, speaker):
    response = api.post(
        "/api/v1/auth/token/", {"username": "writer", "password": "s3cret-pass"}, format="json"
    )
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    response = api.post(
        "/api/v1/quotes/",
        {"text": "She has to deal with it.", "speaker_person": "len-wiseman", "source": source.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    quote = Quote.objects.get(pk=response.json()["id"])
    assert quote.state == Quote.State.PENDING
    assert quote.updated_by.username == "writer"
    assert response.json()["state"] == "pending"
    assert response["ETag"].startswith('"1.')


def test_wrong_password_is_a_400(api, writer):
    response = api.post("/api/v1/auth/token/", {"username": "writer", "password": "nope"})
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_anonymous_writes_are_refused(api, source, speaker):
    response = api.post("/api/v1/quotes/", {"text": "x", "speaker_person": "len-wiseman"})
    assert response.status_code == 401


def test_a_bad_token_is_a_401(api, db):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/v1/quotes/").status_code == 401


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"speaker_person": "len-wiseman"}, "text"),
        ({"text": "Words."}, "speaker_person"),
        ({"text": "Words.", "speaker_person": "nobody"}, "speaker_person"),
        ({"text": "Words.", "speaker_person": "len-wiseman", "speaker_character": "x"}, None),
        ({"text": "Words.", "speaker_person": "len-wiseman", "films": ["nope"]}, "films"),
        ({"text": "Words.", "speaker_person": "len-wiseman", "said_on": "June"}, "said_on"),
        ({"text": "Words.", "speaker_person": "len-wiseman", "said_on": "2999-01-01"}, "said_on"),
        ({"text": "Words.", "speaker_person": "len-wiseman", "verification_status": "x"}, None),
        (
            {"text": "Words.", "speaker_person": "len-wiseman", "verification_status": "disputed"},
            "verification_status",
        ),
    ],
)
def test_every_mistake_is_a_400_with_field_messages(writer_api, source, speaker, payload, field):
    payload = {"source": source.pk, **payload}
    response = writer_api.post("/api/v1/quotes/", payload, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert all(isinstance(messages, list) for messages in body.values())
    if field:
        assert field in body
    assert not Quote.objects.exists()


def test_a_line_nested_deeper_than_readers_see_is_a_400_on_parent(writer_api, source, speaker):
    top = QuoteFactory(state=Quote.State.APPROVED)
    line = QuoteFactory(state=Quote.State.APPROVED, parent=top)
    deepest = QuoteFactory(state=Quote.State.APPROVED, parent=line)
    payload = {"text": "W.", "speaker_person": "len-wiseman", "source": source.pk}
    response = writer_api.post("/api/v1/quotes/", {**payload, "parent": deepest.pk}, format="json")
    assert response.status_code == 400, response.content
    assert "deep" in response.json()["parent"][0]
    assert Quote.objects.count() == 3
    response = writer_api.post("/api/v1/quotes/", {**payload, "parent": line.pk}, format="json")
    assert response.status_code == 201, response.content


def test_writers_cannot_create_an_approved_quote(writer_api, source, speaker):
    response = writer_api.post(
        "/api/v1/quotes/",
        {"text": "W.", "speaker_person": "len-wiseman", "source": source.pk, "state": "approved"},
        format="json",
    )
    assert response.status_code == 403
    assert not Quote.objects.exists()


def test_writers_cannot_approve_and_editors_can(writer_api, editor_api, writer):
    quote = QuoteFactory(state=Quote.State.PENDING, updated_by=writer)
    assert writer_api.post(f"/api/v1/quotes/{quote.pk}/approve/").status_code == 403
    quote.refresh_from_db()
    assert quote.state == Quote.State.PENDING
    response = editor_api.post(f"/api/v1/quotes/{quote.pk}/approve/")
    assert response.status_code == 200
    assert response.json()["state"] == "approved"
    response = editor_api.post(f"/api/v1/quotes/{quote.pk}/reject/")
    assert response.json()["state"] == "rejected"


def test_writers_edit_only_their_own_pending_quotes(writer_api, writer):
    own = QuoteFactory(state=Quote.State.PENDING, updated_by=writer)
    published = QuoteFactory()
    response = writer_api.patch(f"/api/v1/quotes/{own.pk}/", {"text": "Better."}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 2
    response = writer_api.patch(f"/api/v1/quotes/{published.pk}/", {"text": "X."}, format="json")
    assert response.status_code == 403


def test_writers_cannot_publish_an_article(writer_api, writer):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)
    for action in ("publish", "archive", "unpublish"):
        response = writer_api.post(f"/api/v1/articles/{article.pk}/{action}/")
        assert response.status_code in (400, 403), (action, response.content)
    response = writer_api.post(f"/api/v1/articles/{article.pk}/publish/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert writer_api.post(f"/api/v1/articles/{article.pk}/submit/").status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_editor_workflow_through_the_api(editor_api, writer):
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None, created_by=writer)
    FeaturedQuoteFactory(article=article, quote=QuoteFactory(state=Quote.State.PENDING))
    response = editor_api.post(f"/api/v1/articles/{article.pk}/publish/")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    response = editor_api.post(
        f"/api/v1/articles/{article.pk}/publish/", {"approve_quotes": True}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert len(response.json()["featured_quotes"]) == 1
    response = editor_api.post(f"/api/v1/articles/{article.pk}/schedule/", {"at": "2000-01-01"})
    assert response.status_code == 400
    response = editor_api.post(f"/api/v1/articles/{article.pk}/archive/")
    assert response.json()["status"] == "archived"


def test_writer_creates_and_edits_a_draft_article(writer_api, editor):
    response = writer_api.post(
        "/api/v1/articles/",
        {"title": "T", "slug": "t", "body": "Body *text*."},
        format="json",
    )
    assert response.status_code == 201, response.content
    article_id = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert "<em>text</em>" in response.json()["body_html"]
    duplicate = writer_api.post("/api/v1/articles/", {"title": "T", "slug": "t", "body": "B"})
    assert duplicate.status_code == 400
    assert "slug" in duplicate.json()
    response = writer_api.patch(f"/api/v1/articles/{article_id}/", {"title": "T2"})
    assert response.status_code == 200
    published = ArticleFactory(created_by=editor)
    response = writer_api.patch(f"/api/v1/articles/{published.pk}/", {"title": "Mine now"})
    assert response.status_code == 403


def test_anonymous_never_sees_a_draft_article(api, writer_api, writer):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)
    assert api.get(f"/api/v1/articles/{draft.pk}/").status_code == 404
    assert api.get("/api/v1/articles/").json()["results"] == []
    assert writer_api.get(f"/api/v1/articles/{draft.pk}/").status_code == 200


def test_a_stale_if_match_is_a_412(editor_api, editor):
    article = ArticleFactory(created_by=editor)
    url = f"/api/v1/articles/{article.pk}/"
    etag = editor_api.get(url)["ETag"]
    first = editor_api.patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    second = editor_api.patch(url, {"title": "Second"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert second.json()["current_version"] == 2
    assert "editor changed this" in second.json()["detail"]
    # A live article: the edits are its draft changes, which the ETags name.
    assert draft_of(article).data["title"] == "First"
    third = editor_api.patch(url, {"title": "Third"}, format="json", HTTP_IF_MATCH=first["ETag"])
    assert third.status_code == 200


def test_a_stale_version_in_the_body_is_a_412(editor_api):
    quote = QuoteFactory(state=Quote.State.PENDING)
    url = f"/api/v1/quotes/{quote.pk}/"
    assert editor_api.patch(url, {"text": "A.", "version": 1}, format="json").status_code == 200
    response = editor_api.patch(url, {"text": "B.", "version": 1}, format="json")
    assert response.status_code == 412
    response = editor_api.post(f"/api/v1/quotes/{quote.pk}/approve/", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    quote.refresh_from_db()
    assert (quote.text, quote.state) == ("A.", Quote.State.PENDING)


@pytest.mark.parametrize("header", ["abc", '"x.1"', "W/abc", f'"{"1" * 5000}.ab"', '"\u0665.ab"'])
def test_an_unreadable_if_match_is_a_400(editor_api, header):
    quote = QuoteFactory()
    response = editor_api.patch(
        f"/api/v1/quotes/{quote.pk}/", {"text": "B."}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()


@pytest.mark.parametrize("version", ["1" * 5000, "\u0665"])
def test_a_version_that_is_no_whole_number_is_a_400(editor_api, version):
    """A version of more digits than int() reads (4,300) was a 500."""
    quote = QuoteFactory()
    response = editor_api.patch(
        f"/api/v1/quotes/{quote.pk}/", {"text": "B.", "version": version}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"version": ["A valid integer is required."]}


def test_a_stale_transition_is_a_412(editor_api, writer):
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None, created_by=writer)
    response = editor_api.post(
        f"/api/v1/articles/{article.pk}/publish/", {"version": 7}, format="json"
    )
    assert response.status_code == 412


def test_an_authenticated_user_without_permissions_cannot_write(db, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x")
    client = client_for(user)
    quote = QuoteFactory()
    assert client.get("/api/v1/quotes/").status_code == 200
    assert client.patch(f"/api/v1/quotes/{quote.pk}/", {"text": "No."}).status_code == 403
    assert client.post(f"/api/v1/quotes/{quote.pk}/approve/").status_code == 403


def test_disputing_needs_a_note_from_an_editor_too(editor_api, source, speaker):
    response = editor_api.post(
        "/api/v1/quotes/",
        {
            "text": "Words.",
            "speaker_person": "len-wiseman",
            "source": source.pk,
            "verification_status": "disputed",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "verification_note" in response.json()


def test_writers_cannot_set_a_verification_status(writer_api, writer, source, speaker):
    quote = QuoteFactory(state=Quote.State.PENDING, updated_by=writer, source=source)
    response = writer_api.patch(
        f"/api/v1/quotes/{quote.pk}/",
        {"verification_status": "verified", "verification_note": "Trust me."},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"verification_status", "verification_note"}
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.UNVERIFIED
    # Sending the status unchanged (a full PUT of what was read) is no attempt to set it.
    response = writer_api.patch(
        f"/api/v1/quotes/{quote.pk}/",
        {"text": "Better.", "verification_status": "unverified"},
        format="json",
    )
    assert response.status_code == 200, response.content


def test_an_editor_sets_a_status_and_it_says_so(editor_api, editor, source, speaker):
    quote = QuoteFactory(state=Quote.State.PENDING, source=source)
    response = editor_api.patch(
        f"/api/v1/quotes/{quote.pk}/",
        {"verification_status": "verified", "verification_note": "Heard on the tape."},
        format="json",
    )
    assert response.status_code == 200, response.content
    verification = response.json()["verification"]
    assert verification["status"] == "verified"
    assert verification["set_by"] == "editor"
    assert verification["verified_at"] is not None
    quote.refresh_from_db()
    assert quote.verification_set_by == editor


def test_a_field_the_endpoint_does_not_take_is_a_400_naming_it(writer_api, source, speaker):
    payload = {"text": "Words.", "speaker_person": "len-wiseman", "source": source.pk}
    response = writer_api.post(
        "/api/v1/quotes/", {**payload, "verfication_status": "verified"}, format="json"
    )
    assert response.status_code == 400, response.content
    message = response.json()["verfication_status"][0]
    assert message.startswith("Unknown field.")
    assert "verification_status" in message and "speaker_person" in message
    assert not Quote.objects.exists()
    # The browsable API's form token is not a field, and is no mistake.
    form = {**payload, "csrfmiddlewaretoken": "x"}
    assert writer_api.post("/api/v1/quotes/", form, format="multipart").status_code == 201


def test_unknown_fields_are_refused_on_edits_and_workflow_actions(writer_api, writer):
    quote = QuoteFactory(state=Quote.State.PENDING, updated_by=writer)
    response = writer_api.patch(f"/api/v1/quotes/{quote.pk}/", {"txt": "Better."}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["txt"]
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=writer)
    response = writer_api.patch(
        f"/api/v1/articles/{article.pk}/", {"title": "T2", "standfirts": "S"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["standfirts"]
    article.refresh_from_db()
    assert article.title != "T2"
    response = writer_api.post(
        f"/api/v1/articles/{article.pk}/submit/", {"coment": "Ready"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["coment"]
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_approve_and_reject_refuse_a_body_they_do_not_take(editor_api, writer, action):
    """Their body is `QuoteStateRequest` (`version` only), refused like every other write's."""
    quote = QuoteFactory(state=Quote.State.PENDING, updated_by=writer)
    url = f"/api/v1/quotes/{quote.pk}/{action}/"
    response = editor_api.post(url, {"verison": 1}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["verison"]
    response = editor_api.post(url, [1], format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["non_field_errors"]
    quote.refresh_from_db()
    assert quote.state == Quote.State.PENDING
    assert editor_api.post(url, {"version": quote.version}, format="json").status_code == 200


def test_scheduling_for_a_past_time_is_a_400_naming_at(editor_api, writer):
    """The refusal names the field the client sent, as it does for a live article's draft
    changes (tests/api/test_drafts.py), not the article's `published_at`."""
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None, created_by=writer)
    response = editor_api.post(
        f"/api/v1/articles/{article.pk}/schedule/", {"at": "2000-01-01T00:00:00Z"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"at": ["Schedule for a time in the future."]}
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_a_parent_the_writer_cannot_read_is_named_nothing(writer_api, writer, source, speaker):
    """A writer reads published quotes and their own that await approval: another's pending or
    a rejected quote is no parent they may name, or its words would come back in `parent`
    under a link that is a 404 to them."""
    other = make_user(get_user_model(), "other-writer", WRITER_PERMS)
    theirs = QuoteFactory(state=Quote.State.PENDING, updated_by=other, text="Not yours to read.")
    rejected = QuoteFactory(state=Quote.State.REJECTED)
    payload = {"text": "W.", "speaker_person": "len-wiseman", "source": source.pk}
    for hidden in (theirs, rejected):
        assert writer_api.get(f"/api/v1/quotes/{hidden.pk}/").status_code == 404
        response = writer_api.post("/api/v1/quotes/", {**payload, "parent": hidden.pk})
        assert response.status_code == 400, response.content
        assert list(response.json()) == ["parent"]
        assert b"Not yours to read." not in response.content
    assert Quote.objects.count() == 2
    own = QuoteFactory(state=Quote.State.PENDING, updated_by=writer)
    public = QuoteFactory(state=Quote.State.APPROVED)
    for visible in (own, public):
        response = writer_api.post("/api/v1/quotes/", {**payload, "parent": visible.pk})
        assert response.status_code == 201, response.content
        assert response.json()["parent"]["id"] == visible.pk


def test_an_unpublish_time_before_the_publication_says_so(editor_api, writer):
    """The database's constraint speaks to the client in words, not by its name ("Constraint
    “articles_article_unpublish_after_publish” is violated.")."""
    article = ArticleFactory(status=Article.Status.REVIEW, created_by=writer)
    response = editor_api.patch(
        f"/api/v1/articles/{article.pk}/", {"unpublish_at": "2000-01-01T00:00:00Z"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json() == {
        "non_field_errors": [
            "An article comes off after it goes live: unpublish_at must be later than published_at."
        ]
    }
    article.refresh_from_db()
    assert article.unpublish_at is None


def test_one_who_may_not_make_a_change_hears_that_before_any_stale_version(
    writer_api, writer, editor
):
    """A 403, not a 412 naming who changed the record last and its current version: whether
    the client's copy is current does not matter to one who may not make the change."""
    quote = QuoteFactory(state=Quote.State.APPROVED)
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None, created_by=writer)
    stale = {"HTTP_IF_MATCH": '"99.abc"'}
    answers = {
        "approve": writer_api.post(
            f"/api/v1/quotes/{quote.pk}/approve/", {}, format="json", **stale
        ),
        "reject": writer_api.post(f"/api/v1/quotes/{quote.pk}/reject/", {}, format="json", **stale),
        "publish": writer_api.post(
            f"/api/v1/articles/{article.pk}/publish/", {"version": 7}, format="json"
        ),
        "schedule": writer_api.post(
            f"/api/v1/articles/{article.pk}/schedule/",
            {"version": 7, "at": "2999-01-01T09:00:00Z"},
            format="json",
        ),
    }
    assert {name: answer.status_code for name, answer in answers.items()} == {
        "approve": 403,
        "reject": 403,
        "publish": 403,
        "schedule": 403,
    }
    assert all("current_version" not in answer.json() for answer in answers.values())
    # The writer's own move with a stale version is still a 412.
    withdraw = writer_api.post(
        f"/api/v1/articles/{article.pk}/unpublish/", {"version": 7}, format="json"
    )
    assert withdraw.status_code == 412
