"""Views of the editors' desk that are not a form: the workflow buttons and the preview."""

import json
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from core.drafts import draft_of
from core.versioning import StaleEditError
from images.api import image_queryset
from quotes.models import Quote

from .desk import (
    autosave_clear,
    autosave_store,
    autosave_time,
    presence_beat,
    presence_entries,
    presence_leave,
    presence_others,
    presence_text,
    preview_link_create,
    preview_link_revoke,
    preview_link_token,
)
from .drafts import (
    NoDraftError,
    article_draft_discard,
    article_draft_publish,
    article_draft_schedule,
    article_draft_submit,
    is_public,
)
from .forms import DraftScheduleForm, TransitionForm
from .markup import render_markdown
from .models import Article, Autosave, Comment
from .previews import render_preview
from .rendering import article_body
from .review import comment_add, comment_resolve
from .services import article_transition, can_edit, can_publish, unapproved_quotes

Status = Article.Status

BODY_TAG = re.compile(rb"<body[^>]*>", re.IGNORECASE)

# The buttons of the change form: (target status, label, editors only).
MOVES = [
    (Status.REVIEW, "Submit for review", False),
    (Status.DRAFT, "Back to draft", False),
    (Status.PUBLISHED, "Publish now", True),
    (Status.SCHEDULED, "Schedule", True),
    (Status.ARCHIVED, "Archive", True),
]


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do that."


def available_moves(user, article: Article) -> list[tuple[str, str]]:
    """The workflow buttons this user may press on this article now."""
    from .services import TRANSITIONS

    moves = []
    for to, label, editor_only in MOVES:
        move = (article.status, to)
        if move not in TRANSITIONS:
            continue
        if (editor_only or TRANSITIONS[move]) and not can_publish(user):
            continue
        if not can_publish(user) and article.created_by_id != user.pk:
            continue
        if to == Status.DRAFT and article.status in {Status.PUBLISHED, Status.SCHEDULED}:
            label = "Unpublish (back to draft)"
        elif to == Status.DRAFT and article.created_by_id != user.pk:
            label = "Send back to the writer"
        moves.append((to, label))
    return moves


def workflow_context(request, article: Article) -> dict:
    draft = draft_of(article)
    article.has_draft = draft is not None
    return {
        "workflow_status": article.desk_status(),
        "workflow_is_live": is_public(article),
        "workflow_draft": draft,
        "workflow_may_edit": can_edit(request.user, article),
        "draft_url": reverse("admin:articles_article_draft", args=[article.pk]),
        "preview_links": [
            (
                link,
                request.build_absolute_uri(
                    reverse("articles:shared-preview", args=[preview_link_token(link)])
                ),
            )
            for link in article.preview_links.filter(
                revoked_at__isnull=True, expires_at__gt=timezone.now()
            )
        ],
        "preview_links_url": reverse("admin:articles_article_preview_links", args=[article.pk]),
        "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk]),
        "presence_url": reverse("admin:articles_article_presence", args=[article.pk]),
        "presence_text": presence_text(presence_others(article=article, user=request.user)),
        "time_zone": settings.TIME_ZONE,
        "workflow_moves": available_moves(request.user, article),
        "workflow_unapproved": unapproved_quotes(article).count(),
        "workflow_can_publish": can_publish(request.user),
        "workflow_version": article.version,
        "workflow_url": reverse("admin:articles_article_transition", args=[article.pk]),
        "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
        "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
    }


def transition_view(model_admin, request, object_id):
    """Move an article through the workflow. Every refusal (not allowed, not approved, stale,
    bad time) comes back as a message; nothing changes unless the service agrees."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = desk_article(model_admin, request, object_id)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    form = TransitionForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        messages.error(request, f"Nothing changed: {problems}")
        return redirect(change_url)
    to = form.cleaned_data["to"]
    try:
        article_transition(
            article=article,
            to=to,
            by=request.user,
            at=form.cleaned_data["at"],
            approve_quotes=form.cleaned_data["approve_quotes"],
            expected_version=form.cleaned_data["version"],
            comment=form.cleaned_data["comment"],
        )
    except (PermissionDenied, ValidationError, StaleEditError) as error:
        messages.error(request, f"“{article}” was not changed: {error_text(error)}")
        return redirect(change_url)
    article.refresh_from_db()
    if to == Status.SCHEDULED:
        done = f"scheduled for {article.published_at:%Y-%m-%d %H:%M %Z}"
    else:
        done = f"now {article.get_status_display().lower()}"
    messages.success(request, f"“{article}” is {done}.")
    return redirect(change_url)


# What each button of a live article's draft changes does, and what it says when done.
DRAFT_ACTIONS = {
    "submit": (article_draft_submit, "Draft changes submitted for review."),
    "publish": (article_draft_publish, "Draft changes published: readers see them now."),
    "schedule": (article_draft_schedule, "Draft changes scheduled: they go live at {at}."),
    "discard": (article_draft_discard, "Draft changes discarded: the live version stands."),
}


def draft_view(model_admin, request, object_id):
    """Submit, publish or discard a live article's draft changes (POST `action`)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = desk_article(model_admin, request, object_id)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    action = request.POST.get("action")
    if action not in DRAFT_ACTIONS:
        messages.error(request, "Nothing changed: choose submit, publish or discard.")
        return redirect(change_url)
    service, done = DRAFT_ACTIONS[action]
    options = {"comment": request.POST.get("comment", "")[:5000]}
    if action in ("publish", "schedule"):
        options["approve_quotes"] = request.POST.get("approve_quotes") == "on"
    if action == "schedule":
        form = DraftScheduleForm(request.POST)
        if not form.is_valid():
            messages.error(request, f"Nothing changed: {' '.join(form.errors.get('at', []))}")
            return redirect(change_url)
        options["at"] = form.cleaned_data["at"]
    try:
        done_anything = service(article=article, by=request.user, **options)
    except (PermissionDenied, ValidationError, StaleEditError, NoDraftError) as error:
        messages.error(request, f"“{article}” was not changed: {error_text(error)}")
        return redirect(change_url)
    if done_anything is False:  # discard: published or discarded since the page was loaded
        messages.info(request, "Nothing changed: there were no draft changes to discard.")
        return redirect(change_url)
    at = options.get("at")
    messages.success(
        request, done.format(at=f"{timezone.localtime(at):%Y-%m-%d %H:%M %Z}" if at else "")
    )
    return redirect(change_url)


# The body editor's helpers (articles/static/articles/desk_editor.js).
MAX_PREVIEW_CHARS = 200_000
QUOTE_SEARCH_RESULTS = 10
IMAGE_SEARCH_RESULTS = 12


def body_preview_view(model_admin, request):
    """The body as readers will see it (POST `body`: Markdown), rendered by the public
    renderer with its quote and image references (images from the library the editor may
    see, public yet or not): the editor's live preview."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    text = request.POST.get("body", "")[:MAX_PREVIEW_CHARS]
    html, _ = article_body(render_markdown(text), image_queryset(request.user))
    return private_json({"html": html})


def quote_search_view(model_admin, request):
    """Published quotes whose text or speaker matches `q`, for "insert quote": only a public
    quote renders in a body, so only those are offered."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:200]
    quotes = Quote.objects.published().select_related("speaker_person", "speaker_character")
    if q:
        quotes = quotes.filter(
            Q(text__icontains=q)
            | Q(speaker_person__name__icontains=q)
            | Q(speaker_character__name__icontains=q)
        )
    results = [
        {
            "id": quote.pk,
            "text": quote.text[:200],
            "speaker": quote.speaker.name if quote.speaker else "",
            "reference": f"[[quote:{quote.pk}]]",
        }
        for quote in quotes.order_by("-id")[:QUOTE_SEARCH_RESULTS]
    ]
    return private_json({"results": results})


def image_search_view(model_admin, request):
    """Images of the library with each word of `q` in their title, alt text or credit,
    newest first, for "insert image" (two queries: the images, their renditions). An image a
    draft's body shows turns public when the article is published, as a lead image does."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:200]
    images = image_queryset(request.user).search(q)
    results = []
    for image in images.with_renditions().order_by("-created_at", "-id")[:IMAGE_SEARCH_RESULTS]:
        thumb = image.fallback("1x1", up_to=160)
        results.append(
            {
                "id": image.pk,
                "title": image.title,
                "alt_text": image.alt_text,
                "credit": image.credit,
                "thumbnail": thumb.url if thumb else "",
                "reference": f"[[image:{image.pk}]]",
            }
        )
    return private_json({"results": results})


def desk_article(model_admin, request, object_id) -> Article:
    """The article of a desk endpoint, for someone who may see it in the desk."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article.")
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article


def private_json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def autosave_view(model_admin, request, object_id):
    """GET: the user's autosaved edits of the article (or null). POST `data` (a JSON object
    of field values): keep them; POST `discard`: forget them."""
    article = desk_article(model_admin, request, object_id)
    if request.method == "GET":
        autosave = Autosave.objects.filter(article=article, user=request.user).first()
        if autosave is None:
            return private_json({"data": None})
        return private_json({"data": autosave.data, "saved_at": autosave_time(autosave)})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.POST.get("discard"):
        autosave_clear(article=article, user=request.user)
        return private_json({"data": None})
    try:
        autosave_store(
            article=article, user=request.user, data=json.loads(request.POST.get("data", ""))
        )
    except (ValueError, ValidationError) as error:
        return private_json({"error": error_text(error)}, status=400)
    return private_json({"saved": True})


def presence_view(model_admin, request, object_id):
    """POST: a heartbeat from the article's form (or `leave`); answers who else has it open."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = desk_article(model_admin, request, object_id)
    if request.POST.get("leave"):
        presence_leave(article=article, user=request.user)
        return private_json({"others": []})
    others = presence_beat(article=article, user=request.user)
    return private_json({"others": presence_entries(others), "text": presence_text(others)})


def preview_links_view(model_admin, request, object_id):
    """POST `hours`: a new signed preview link; POST `revoke` (a link's id): revoke it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = desk_article(model_admin, request, object_id)
    change_url = reverse("admin:articles_article_change", args=[article.pk]) + "#preview-links"
    try:
        if request.POST.get("revoke"):
            link = article.preview_links.filter(pk=request.POST["revoke"]).first()
            if link is None:
                raise ValidationError("No such preview link.")
            preview_link_revoke(link=link, by=request.user)
            messages.success(request, "Preview link revoked: it no longer works.")
        else:
            link = preview_link_create(
                article=article, by=request.user, hours=int(request.POST.get("hours", "72"))
            )
            url = request.build_absolute_uri(
                reverse("articles:shared-preview", args=[preview_link_token(link)])
            )
            messages.success(
                request, f"Preview link (works until {link.expires_at:%Y-%m-%d %H:%M %Z}): {url}"
            )
    except (ValueError, ValidationError, PermissionDenied) as error:
        messages.error(request, f"No preview link: {error_text(error)}")
    return redirect(change_url)


def comment_threads(article: Article) -> list[dict]:
    """The article's comments as threads (a first comment and its replies), oldest first."""
    comments = list(Comment.objects.filter(article=article).select_related("author", "resolved_by"))
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [
        {"comment": comment, "replies": replies.get(comment.pk, [])}
        for comment in comments
        if comment.parent_id is None
    ]


def comment_view(model_admin, request, object_id):
    """Add a comment or a reply (`text`, `parent`), or resolve or reopen a thread
    (`resolve`/`reopen` with its id); back to the article's history."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = desk_article(model_admin, request, object_id)
    history_url = reverse("admin:articles_article_history", args=[article.pk]) + "#comments"
    comments = Comment.objects.filter(article=article)
    try:
        for flag, resolved in (("resolve", True), ("reopen", False)):
            if request.POST.get(flag):
                thread = comments.filter(pk=request.POST[flag], parent=None).first()
                if thread is None:
                    raise ValidationError("No such thread on this article.")
                comment_resolve(comment=thread, by=request.user, resolved=resolved)
                messages.success(request, "Thread resolved." if resolved else "Thread reopened.")
                return redirect(history_url)
        parent = None
        if request.POST.get("parent"):
            parent = comments.filter(pk=request.POST["parent"]).first()
            if parent is None:
                raise ValidationError("No such comment to reply to.")
        comment_add(
            article=article, by=request.user, text=request.POST.get("text", ""), parent=parent
        )
    except (ValueError, ValidationError, PermissionDenied) as error:
        messages.error(request, f"No comment added: {error_text(error)}")
        return redirect(history_url)
    messages.success(request, "Comment added.")
    return redirect(history_url)


def preview_view(model_admin, request, object_id):
    """The article as readers will see it, whatever its status (with its draft changes,
    when it has some), for the desk."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article.")
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    return render_preview(request, article, back_url=change_url)
