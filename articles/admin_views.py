"""Views of the editors' desk that are not a form: the workflow buttons and the preview."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from core.versioning import StaleEditError

from .forms import TransitionForm
from .models import Article
from .services import article_transition, can_publish, unapproved_quotes
from .views import ArticleDetailView, article_context

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
        moves.append((to, label))
    return moves


def workflow_context(request, article: Article) -> dict:
    return {
        "workflow_status": article.desk_status(),
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
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article.")
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
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


def preview_view(model_admin, request, object_id):
    """The article as readers will see it, from the public template with the public page's
    context, whatever its status; never cached, never indexed, and marked as a preview."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article.")
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    context = article_context(article)
    pending = unapproved_quotes(article).count()
    response = TemplateResponse(request, ArticleDetailView.template_name, context)
    response.render()
    response.content = BODY_TAG.sub(
        lambda match: match.group(0) + banner(article, pending).encode(),
        response.content,
        count=1,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def banner(article: Article, pending: int) -> str:
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    note = (
        f" {pending} featured quote(s) await approval and are not shown until approved."
        if pending
        else ""
    )
    return str(
        format_html(
            '<div class="preview-banner" role="status" style="position:sticky;top:0;z-index:1000;'
            "background:#b30000;color:#fff;padding:.6em 1em;font:bold 1rem/1.4 sans-serif;"
            'text-align:center">Preview — not public. Status: {}.{} '
            '<a href="{}" style="color:#fff">Back to the editor</a></div>',
            article.get_status_display(),
            note,
            change_url,
        )
    )
