"""Editorial writes: creating and editing articles, and moving them through the workflow.

Writers create and edit their own drafts and submit them for review; editors (the
`articles.publish_article` permission) do everything else. Every path (admin form, admin action,
list edit, API) calls these functions, so the rules hold whichever door a change comes through.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.drafts import check_edit_version, draft_discard, draft_of, draft_unschedule, drafts_of
from core.lookups import AnyOf
from core.slugs import slug_retire
from core.versioning import changed_names, lock_for_edit, revision, save_edit
from quotes.models import Quote
from quotes.services import quote_move_embargo, quote_set_state, quote_withdraw_embargoed

from .drafts import article_draft_save, is_public
from .models import Article, Author, Byline, Correction, FeaturedQuote
from .review import notify_transition

PUBLISH = "articles.publish_article"
CORRECT = "articles.add_correction"
Status = Article.Status

# Which status may follow which, and whether only an editor may make the move.
TRANSITIONS: dict[tuple[str, str], bool] = {
    (Status.DRAFT, Status.REVIEW): False,
    (Status.REVIEW, Status.DRAFT): False,
    (Status.DRAFT, Status.PUBLISHED): True,
    (Status.REVIEW, Status.PUBLISHED): True,
    (Status.SCHEDULED, Status.PUBLISHED): True,
    (Status.DRAFT, Status.SCHEDULED): True,
    (Status.REVIEW, Status.SCHEDULED): True,
    (Status.SCHEDULED, Status.SCHEDULED): True,
    (Status.SCHEDULED, Status.DRAFT): True,
    (Status.PUBLISHED, Status.DRAFT): True,
    (Status.PUBLISHED, Status.ARCHIVED): True,
    (Status.ARCHIVED, Status.DRAFT): True,
    (Status.ARCHIVED, Status.PUBLISHED): True,
}


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH)


def can_edit(user, article: Article) -> bool:
    """Editors edit anything; writers their own drafts, and their own live articles, whose
    changes are kept as draft changes until an editor publishes them."""
    if can_publish(user):
        return True
    if article.created_by_id != user.pk:
        return False
    return article.status == Status.DRAFT or is_public(article)


def unapproved_quotes(article: Article):
    """Featured quotes (and lines nested in them) that an editor has not approved yet."""
    # Through the `id` and `parent` indexes, no join (as `featured_and_lines`).
    featured = FeaturedQuote.objects.filter(article=article).order_by().values("quote")
    shown = Quote.objects.filter(AnyOf(F("pk"), featured)) | Quote.objects.lines_in(featured, 1)
    return shown.exclude(state=Quote.State.APPROVED)


def set_authors(article: Article, authors: Iterable[Author]) -> None:
    """The article's byline: `authors` in this order, each once."""
    authors = list(dict.fromkeys(authors))
    if [byline.author_id for byline in article.bylines.order_by("position", "id")] == [
        author.pk for author in authors
    ]:
        return
    article.bylines.all().delete()
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)


def check_unpublish_at(by, article: Article, fields: dict) -> None:
    """Only an editor sets or changes when an article comes off."""
    changed = "unpublish_at" in fields and fields["unpublish_at"] != article.unpublish_at
    if changed and not can_publish(by):
        raise PermissionDenied("Only an editor can set when an article comes off.")


def set_featured_quotes(article: Article, rows: Iterable[tuple[Quote, int]]) -> None:
    """The article's featured quotes: each (quote, position) once, in this order."""
    rows = list({quote.pk: (quote, position) for quote, position in rows}.values())
    current = list(
        article.featured_quotes.order_by("position", "id").values_list("quote_id", "position")
    )
    if current == [(quote.pk, position) for quote, position in rows]:
        return
    article.featured_quotes.all().delete()
    for quote, position in rows:
        FeaturedQuote.objects.create(article=article, quote=quote, position=position)


def featured_and_lines(pks: Iterable[int]):
    """The quotes `pks` and the lines nested in them: what featuring them shows."""
    pks = list(pks)
    # Each side on its own index, no join (`parent__in=<the featured quotes>` in an `OR` with a
    # DISTINCT read every quote: 0.15–0.25 s a publish at a million, docs/performance.md).
    return Quote.objects.filter(Q(pk__in=pks) | Q(parent__in=pks))


def approve_featured(
    quotes: Iterable[Quote], by, approve: bool, public_from: datetime | None = None
) -> None:
    """Before featured quotes go live: refuse unapproved ones, or approve them (`approve`),
    nested lines included. For a story scheduled for later (`public_from`) they are public
    only from its time, and one approved for a later story is brought forward to it; for a
    story live now any embargo is lifted."""
    shown = featured_and_lines(quote.pk for quote in quotes)
    pending = list(shown.exclude(state=Quote.State.APPROVED))
    if pending and not approve:
        raise ValidationError(
            f"{len(pending)} featured quote(s) are not approved yet: approve them "
            "first, or publish with “approve quotes”."
        )
    if pending:
        quote_set_state(quotes=pending, state=Quote.State.APPROVED, by=by, public_from=public_from)
    bring_forward(shown, to=public_from, by=by)


def bring_forward(shown, *, to: datetime | None, by) -> None:
    """The quotes `shown` (a story's featured quotes and their lines) approved for a story
    later than `to`, the time it goes live (None: now), are public from then: with it."""
    later = shown.filter(state=Quote.State.APPROVED, public_from__isnull=False)
    if to is not None:
        later = later.filter(public_from__gt=to)
    quote_move_embargo(quotes=list(later), to=to, by=by)


def story_times(pks: set[int]) -> dict[int, datetime]:
    """When the first story to come featuring each of the quotes `pks` goes live, for those
    one features: an article scheduled for later, or a live article's scheduled draft changes
    (those of an article no longer live never go live: `article_draft_go_live`). A story
    live now lifted the embargo of what it features when it went live (`bring_forward`)."""
    featured = FeaturedQuote.objects.filter(quote__in=pks)
    upcoming = featured.filter(article__in=Article.objects.upcoming())
    found = list(upcoming.values_list("quote", "article__published_at"))
    drafts = drafts_of(Article).filter(
        go_live_at__gt=timezone.now(), object_id__in=Article.objects.published().values("pk")
    )
    for draft in drafts:
        found += [(row["quote"], draft.go_live_at) for row in draft.data.get("featured_quotes", [])]
    times: dict[int, datetime] = {}
    for pk, at in found:
        if pk in pks and (pk not in times or at < times[pk]):
            times[pk] = at
    return times


def follow_stories(*, by, at: datetime | None = None) -> None:
    """Every embargoed quote follows the stories to come that feature it (or the quote it is
    nested in): public from the time the first of them goes live, or, when none is to come any
    more, back to approval, since approving it was part of scheduling one. Matched by what
    each story features, not by time, so a quote two stories share stays with the one still
    on. Run after any change to a story's schedule or to what
    it features; embargoes are few (`embargoed()` reads a partial index). `at`: the embargoes
    as they stood then (a story's time that has just come, see `article_draft_go_live`)."""
    embargoed = list(Quote.objects.embargoed(at))
    if not embargoed:
        return
    times = story_times({pk for quote in embargoed for pk in (quote.pk, quote.parent_id) if pk})
    withdrawn, moved = [], {}
    for quote in embargoed:
        shown = [times[pk] for pk in (quote.pk, quote.parent_id) if pk in times]
        if shown:
            moved.setdefault(min(shown), []).append(quote)
        else:
            withdrawn.append(quote)
    quote_withdraw_embargoed(quotes=withdrawn, by=by, at=at)
    for time, quotes in moved.items():
        quote_move_embargo(quotes=quotes, to=time, by=by)


@transaction.atomic
def article_create(
    *, by, films=(), people=(), sources=(), tags=(), authors=(), **fields
) -> Article:
    """A new article, always a draft unless an editor says otherwise."""
    article = Article(**fields)
    if article.status != Status.DRAFT and not can_publish(by):
        raise PermissionDenied("Only an editor can create an article that is not a draft.")
    check_unpublish_at(by, Article(), fields)
    article.created_by = by
    article.updated_by = by
    article.full_clean()
    with revision(by=by, comment="Created."):
        article.save()
        article.films.set(films)
        article.people.set(people)
        article.sources.set(sources)
        article.tags.set(tags)
        set_authors(article, authors)
    return article


@transaction.atomic
def article_update(
    *,
    article: Article,
    by,
    expected_version: int | None = None,
    films=None,
    people=None,
    sources=None,
    tags=None,
    authors=None,
    featured_quotes=None,
    publish: bool = False,
    **fields,
) -> Article:
    """Edit content fields; status changes go through `article_transition`. A new slug keeps
    the old one as a redirect (`core.slugs`).

    A change to an article readers see is kept as its draft changes
    (`articles.drafts.article_draft_save`) unless an editor publishes it at once (`publish`):
    then it goes live, the open draft (whose fields the change carries) is closed, and the
    version follows the draft's."""
    if not can_edit(by, article):
        raise PermissionDenied("Writers can edit only their own drafts and live articles.")
    if {"status", "published_at"} & fields.keys():
        raise PermissionDenied("Change the status with submit, publish, schedule or archive.")
    check_unpublish_at(by, article, fields)
    links = {"films": films, "people": people, "sources": sources, "tags": tags}
    draft, live = None, is_public(article)
    if live:
        if not publish:
            article_draft_save(
                article=article,
                by=by,
                expected_version=expected_version,
                authors=authors,
                featured_quotes=featured_quotes,
                **links,
                **fields,
            )
            return article
        if not can_publish(by):
            raise PermissionDenied("Only an editor can publish changes to a live article.")
        lock_for_edit(article, None)
        draft = draft_of(article)
        check_edit_version(article, draft, expected_version)
        if draft is not None:
            article.version = max(article.version, draft.version)
    else:
        lock_for_edit(article, expected_version)
    previous_slug = article.slug
    changed = changed_names(article, fields)
    for name, value in fields.items():
        setattr(article, name, value)
    with revision(by=by, comment="Changed " + (", ".join(changed) or "links") + "."):
        save_edit(article, by=by)
        slug_retire(record=article, slug=previous_slug)
        for name, values in (
            ("films", films),
            ("people", people),
            ("sources", sources),
            ("tags", tags),
        ):
            if values is not None:
                getattr(article, name).set(values)
        if authors is not None:
            set_authors(article, authors)
        if featured_quotes is not None:
            set_featured_quotes(article, featured_quotes)
        if draft is not None:
            draft_discard(record=article)
        if live:
            # Published at once: what it features is public with it.
            shown = featured_and_lines(article.featured_quotes.values_list("quote", flat=True))
            bring_forward(shown, to=None, by=by)
        if featured_quotes is not None or draft is not None:
            # Quotes taken out of a story to come, or out of its scheduled changes, go back.
            follow_stories(by=by)
    return article


@transaction.atomic
def article_transition(
    *,
    article: Article,
    to: str,
    by,
    at: datetime | None = None,
    approve_quotes: bool = False,
    expected_version: int | None = None,
    comment: str = "",
) -> Article:
    """Move an article to another workflow status, enforcing who may and when, and tell
    whoever the move concerns (`articles.review`), with the mover's `comment`."""

    def may(current: Article) -> None:
        move = (current.status, to)
        if move not in TRANSITIONS:
            raise ValidationError(
                f"An article cannot go from {current.get_status_display().lower()} to "
                f"{Status(to).label.lower()}."
            )
        editor_only = TRANSITIONS[move]
        if editor_only and not can_publish(by):
            raise PermissionDenied("Only an editor can publish, schedule, unpublish or archive.")
        if not editor_only and not (can_publish(by) or current.created_by_id == by.pk):
            raise PermissionDenied("Writers can submit or withdraw only their own articles.")

    lock_for_edit(article, expected_version, check=may)

    now = timezone.now()
    if to == Status.SCHEDULED:
        if at is None or at <= now:
            # Named as the caller names it (`at`, the API's field and the admin's), as the
            # draft changes' scheduling does: `published_at` is no field a client sends.
            raise ValidationError({"at": "Schedule for a time in the future."})
        article.published_at = at
    elif to == Status.PUBLISHED:
        if article.published_at is None or article.published_at > now:
            article.published_at = now
    elif to == Status.DRAFT and article.status in {Status.PUBLISHED, Status.SCHEDULED}:
        article.published_at = None

    with revision(by=by, comment=f"{Status(to).label} (was {article.get_status_display()})."):
        if to in {Status.PUBLISHED, Status.SCHEDULED}:
            featured = Quote.objects.filter(featurings__article=article)
            embargo = article.published_at if to == Status.SCHEDULED else None
            approve_featured(featured, by, approve_quotes, public_from=embargo)
        if to in {Status.DRAFT, Status.ARCHIVED}:
            # Draft changes scheduled for a live article taken off would never go live.
            draft_unschedule(record=article)

        was = article.status
        article.status = to
        save_edit(article, by=by, update_fields=["status", "published_at"])
        follow_stories(by=by)
    notify_transition(article=article, was=was, to=to, by=by, comment=comment)
    return article


def article_submit(*, article: Article, by) -> Article:
    return article_transition(article=article, to=Status.REVIEW, by=by)


def article_publish(*, article: Article, by, approve_quotes: bool = False) -> Article:
    return article_transition(
        article=article, to=Status.PUBLISHED, by=by, approve_quotes=approve_quotes
    )


def article_schedule(*, article: Article, by, at: datetime, approve_quotes=False) -> Article:
    return article_transition(
        article=article, to=Status.SCHEDULED, by=by, at=at, approve_quotes=approve_quotes
    )


def article_unpublish(*, article: Article, by) -> Article:
    return article_transition(article=article, to=Status.DRAFT, by=by)


def article_archive(*, article: Article, by) -> Article:
    return article_transition(article=article, to=Status.ARCHIVED, by=by)


@transaction.atomic
def article_delete(*, articles: Iterable[Article], by) -> int:
    """Delete articles (editors); quotes approved with one still to come go back to approval
    unless another story features them (`follow_stories`). Returns how many were deleted."""
    if not can_publish(by):
        raise PermissionDenied("Only an editor can delete an article.")
    deleted = 0
    with revision(by=by, comment="Article deleted."):
        for article in articles:
            article.delete()
            deleted += 1
        follow_stories(by=by)
    return deleted


@transaction.atomic
def correction_publish(
    *, by, article: Article | None = None, quote: Quote | None = None, kind: str, text: str
) -> Correction:
    """Append a dated correction or clarification to an article or a quote (editors only).
    Readers see it as soon as what it corrects is public (`Correction.objects.published()`)."""
    if not by.has_perm(CORRECT):
        raise PermissionDenied("Only an editor can publish a correction.")
    correction = Correction(article=article, quote=quote, kind=kind, text=text.strip())
    correction.created_by = by
    correction.published_at = timezone.now()
    correction.full_clean()
    correction.save()
    return correction
