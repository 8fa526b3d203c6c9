"""Draft changes of live articles: what a draft holds, and the services that save, submit,
publish and discard it (`core.drafts` stores it).

A draft holds the article's editable content as JSON: its text fields, its links as ids
(section, tags, films, people, sources), its byline (author ids in order) and its featured
quotes (quote ids with positions). Readers see none of it until an editor publishes it,
which applies it through `article_update`, the one path every content change takes."""

import copy
import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.drafts import (
    check_edit_version,
    draft_discard,
    draft_of,
    draft_schedule,
    draft_unschedule,
    draft_write,
)
from core.versioning import StaleEditError
from images.models import Image
from quotes.models import Quote

from .models import Article, Author, Section
from .review import notify_draft

logger = logging.getLogger("core.drafts")
# The smallest step the database keeps a time in.
JUST_BEFORE = timedelta(microseconds=1)

SCALARS = ("title", "slug", "standfirst", "body", "unpublish_at")
LINKS = ("tags", "films", "people", "sources")


class NoDraftError(Exception):
    """There are no draft changes to publish (the API answers 409)."""


def is_public(article: Article) -> bool:
    return Article.objects.published().filter(pk=article.pk).exists()


def snapshot(article: Article) -> dict:
    """The live content of `article`, as a draft holds it."""
    return {
        **{name: getattr(article, name) for name in SCALARS},
        "unpublish_at": article.unpublish_at.isoformat() if article.unpublish_at else None,
        "section": article.section_id,
        "lead_image": article.lead_image_id,
        **{name: sorted(getattr(article, name).values_list("pk", flat=True)) for name in LINKS},
        "authors": list(
            article.bylines.order_by("position", "id").values_list("author_id", flat=True)
        ),
        "featured_quotes": [
            {"quote": quote, "position": position}
            for quote, position in article.featured_quotes.order_by("position", "id").values_list(
                "quote_id", "position"
            )
        ],
    }


def version_content(article: Article, version) -> dict:
    """A stored revision of `article` (a django-reversion `Version`) as a draft holds it, for
    restoring it onto a live article as draft changes; the unpublish-at time stays as it is
    now, as every restore keeps it (`Article.restore_keeps`)."""
    fields = version.field_dict

    def rows(model) -> list[dict]:
        found = [
            v.field_dict
            for v in version.revision.version_set.get_for_model(model)
            if str(v.field_dict.get("article_id")) == str(article.pk)
        ]
        return sorted(found, key=lambda row: (row["position"], row["id"]))

    from .models import Byline, FeaturedQuote

    return {
        **snapshot(article),
        **{name: fields[name] for name in ("title", "slug", "standfirst", "body")},
        "section": fields.get("section_id"),
        "lead_image": fields.get("lead_image_id"),
        **{name: sorted(fields.get(name, [])) for name in LINKS},
        "authors": [row["author_id"] for row in rows(Byline)],
        "featured_quotes": [
            {"quote": row["quote_id"], "position": row["position"]} for row in rows(FeaturedQuote)
        ],
    }


def ids(values) -> list[int]:
    return [value if isinstance(value, int) else value.pk for value in values]


def merged(data: dict, changes: dict) -> dict:
    """`data` with `changes` (service arguments: instances, lists of them) written over it."""
    data = copy.deepcopy(data)
    for name, value in changes.items():
        if value is None and name in (*LINKS, "authors", "featured_quotes"):
            continue
        if name in LINKS or name == "authors":
            value = ids(value)
            value = sorted(set(value)) if name in LINKS else list(dict.fromkeys(value))
        elif name in ("section", "lead_image"):
            value = value if value is None or isinstance(value, int) else value.pk
        elif name == "featured_quotes":
            value = [{"quote": ids([quote])[0], "position": position} for quote, position in value]
        elif name == "unpublish_at":
            value = value.isoformat() if value is not None else None
        data[name] = value
    return data


def draft_article(article: Article, data: dict) -> Article:
    """An unsaved copy of `article` showing the draft's text fields (for preview, compare and
    validation); never saved."""
    drafted = copy.copy(article)
    for name in SCALARS:
        if name in data:
            setattr(drafted, name, data[name])
    drafted.unpublish_at = (
        parse_datetime(data["unpublish_at"]) if data.get("unpublish_at") else None
    )
    drafted.section_id = data.get("section")
    if "lead_image" in data:
        drafted.lead_image_id = data["lead_image"]
    return drafted


def service_arguments(data: dict) -> dict:
    """The draft as `article_update` arguments, every linked record read in a few queries;
    a record deleted since the draft was saved is left out."""
    arguments = {name: data[name] for name in ("title", "slug", "standfirst", "body")}
    arguments["unpublish_at"] = (
        parse_datetime(data["unpublish_at"]) if data.get("unpublish_at") else None
    )
    arguments["section"] = Section.objects.filter(pk=data.get("section")).first()
    if "lead_image" in data:
        arguments["lead_image"] = Image.objects.filter(pk=data["lead_image"]).first()
    for name in LINKS:
        model = Article._meta.get_field(name).related_model
        arguments[name] = list(model.objects.filter(pk__in=data.get(name, [])))
    authors = Author.objects.in_bulk(data.get("authors", []))
    arguments["authors"] = [authors[pk] for pk in data.get("authors", []) if pk in authors]
    rows = data.get("featured_quotes", [])
    quotes = Quote.objects.in_bulk([row["quote"] for row in rows])
    arguments["featured_quotes"] = [
        (quotes[row["quote"]], row["position"]) for row in rows if row["quote"] in quotes
    ]
    return arguments


def validate(article: Article, data: dict) -> None:
    """Refuse a draft that could not be published: bad text fields, a taken slug, a quote
    featured twice."""
    draft_article(article, data).full_clean(exclude=["search_vector"])
    quotes = [row["quote"] for row in data.get("featured_quotes", [])]
    if len(quotes) != len(set(quotes)):
        raise ValidationError({"featured_quotes": "A quote is featured twice."})


@transaction.atomic
def article_draft_save(*, article: Article, by, expected_version: int | None = None, **changes):
    """Keep a change to a live article as its draft: readers keep the live version. Writes
    over the open draft, or starts one from the live content; returns None, keeping nothing,
    when there is no draft and the change leaves the content as it is live."""
    draft = draft_of(article)
    live = snapshot(article) if draft is None else None
    data = merged(draft.data if draft is not None else live, changes)
    if data == live:
        # Nothing differs from what readers see: no draft for an editor to review.
        return None
    validate(article, data)
    written = draft_write(record=article, by=by, data=data, expected_version=expected_version)
    unschedule_quotes(draft, by)
    return written


def unschedule_quotes(draft, by) -> None:
    """A scheduled draft taken off the schedule (changed, or discarded): the quotes approved
    for it and still embargoed go back to approval, unless another story to come features
    them (`follow_stories`)."""
    from .services import follow_stories

    if draft is not None and draft.go_live_at is not None:
        follow_stories(by=by)


@transaction.atomic
def article_draft_submit(*, article: Article, by, comment: str = ""):
    """Ask the editors to review the draft changes (its writer, or an editor)."""
    from .services import can_edit

    draft = draft_of(article)
    if draft is None:
        raise NoDraftError("This article has no draft changes to submit.")
    if not can_edit(by, article):
        raise PermissionDenied("Only the article's writer or an editor can submit its changes.")
    draft.is_submitted = True
    draft.save(update_fields=["is_submitted", "updated_at"])
    notify_draft(article=article, draft=draft, action="submit", by=by, comment=comment)
    return draft


@transaction.atomic
def article_draft_publish(
    *,
    article: Article,
    by,
    approve_quotes: bool = False,
    expected_version: int | None = None,
    comment: str = "",
) -> Article:
    """Make the draft changes live (editors): applied through `article_update`, as one new
    version of the article, whose number follows the draft's so an old ETag stays stale."""
    from .services import approve_featured, article_update, can_publish

    if not can_publish(by):
        raise PermissionDenied("Only an editor can publish changes to a live article.")
    draft = draft_of(article)
    if draft is None:
        raise NoDraftError(
            "This article has no draft changes to publish: it is live as it is. Change it "
            "first (PATCH writes a draft), then publish."
        )
    arguments = service_arguments(draft.data)
    approve_featured([quote for quote, _ in arguments["featured_quotes"]], by, approve_quotes)
    article = article_update(
        article=article,
        by=by,
        publish=True,
        expected_version=expected_version,
        **arguments,
    )
    notify_draft(article=article, draft=draft, action="publish", by=by, comment=comment)
    return article


@transaction.atomic
def article_draft_schedule(
    *,
    article: Article,
    by,
    at,
    approve_quotes: bool = False,
    expected_version: int | None = None,
    comment: str = "",
):
    """Set the draft changes to go live at `at` (editors): checked now as publishing checks
    them, featured quotes approved now but public only from `at` (rescheduled, those still
    embargoed follow), made live then by `article_draft_go_live` with no job to run
    (`core.drafts`). A later change to the draft takes it off the schedule."""
    from .services import approve_featured, can_publish, follow_stories

    if not can_publish(by):
        raise PermissionDenied("Only an editor can schedule changes to a live article.")
    if at is None or at <= timezone.now():
        raise ValidationError({"at": "Schedule for a time in the future."})
    draft = draft_of(article)
    if draft is None:
        raise NoDraftError(
            "This article has no draft changes to schedule: it is live as it is. Change it "
            "first (PATCH writes a draft), then schedule."
        )
    check_edit_version(article, draft, expected_version)
    validate(article, draft.data)
    arguments = service_arguments(draft.data)
    quotes = [quote for quote, _ in arguments["featured_quotes"]]
    approve_featured(quotes, by, approve_quotes, public_from=at)
    draft = draft_schedule(record=article, by=by, at=at)
    follow_stories(by=by)
    notify_draft(article=article, draft=draft, action="schedule", by=by, comment=comment)
    return draft


def article_draft_go_live(article: Article, draft) -> None:
    """A scheduled draft's time has come (`core.drafts.make_live`): published as its editor
    would. Refused (the article no longer live, taken off by its unpublish-at time with no
    write; the editor who scheduled it gone; the publish service's refusal), it stays a draft,
    off the schedule, and the quotes approved for it go back to approval: their time came
    with the draft's, and this runs before the request's view reads anything."""
    from .services import follow_stories

    try:
        with transaction.atomic():
            if not is_public(article):
                raise ValidationError("The article is no longer live.")
            if draft.scheduled_by is None:
                raise ValidationError("The editor who scheduled the changes has left the desk.")
            article_draft_publish(article=article, by=draft.scheduled_by, approve_quotes=False)
    except (ValidationError, PermissionDenied, StaleEditError, IntegrityError) as error:
        logger.error("Scheduled draft changes %s were not made live: %s", draft.pk, error)
        draft_unschedule(record=article)
        # The embargoes as they stood just before the draft's time.
        follow_stories(by=draft.scheduled_by, at=draft.go_live_at - JUST_BEFORE)


@transaction.atomic
def article_draft_discard(*, article: Article, by, comment: str = "") -> bool:
    from .services import can_edit

    if not can_edit(by, article):
        raise PermissionDenied("Only the article's writer or an editor can discard its changes.")
    draft = draft_of(article)
    if draft is None:
        return False
    draft_discard(record=article)
    unschedule_quotes(draft, by)
    notify_draft(article=article, draft=draft, action="discard", by=by, comment=comment)
    return True
