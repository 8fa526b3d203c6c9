"""Review on the desk: who is told what when an article moves, and the comments on it.

Submitting (an article, or a live article's draft changes) tells the editors; publishing,
scheduling or sending back tells the article's writer, with the editor's comment; a comment
tells the writer and whoever started its thread."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.notifications import notify

from .models import Article, Comment

PUBLISH = "articles.publish_article"
Status = Article.Status


def editors():
    return get_user_model().objects.with_perm(
        PUBLISH, backend="django.contrib.auth.backends.ModelBackend"
    )


def desk_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def notify_transition(*, article: Article, was: str, to: str, by, comment: str = "") -> None:
    """Tell whoever the move concerns: the editors of a submission, the writer of a decision."""
    who = by.get_username() if by is not None else "Someone"
    if to == Status.REVIEW:
        notify(
            recipients=editors(),
            message=f"{who} submitted “{article}” for review",
            url=desk_url(article),
            comment=comment,
            by=by,
        )
        return
    if to == Status.PUBLISHED:
        message = f"{who} published “{article}”"
    elif to == Status.SCHEDULED:
        when = timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M %Z")
        message = f"{who} scheduled “{article}” for {when}"
    elif to == Status.DRAFT and was == Status.REVIEW:
        message = f"{who} sent “{article}” back to you"
    elif to == Status.DRAFT:
        message = f"{who} unpublished “{article}”"
    else:
        message = f"{who} archived “{article}”"
    notify(
        recipients=[article.created_by],
        message=message,
        url=desk_url(article),
        comment=comment,
        by=by,
    )


def notify_draft(*, article: Article, draft, action: str, by, comment: str = "") -> None:
    """The same for a live article's draft changes: submitted, published or discarded."""
    who = by.get_username() if by is not None else "Someone"
    if action == "submit":
        recipients = editors()
        message = f"{who} submitted changes to “{article}” for review"
    else:
        recipients = [draft.created_by, draft.updated_by, article.created_by]
        verb = {"publish": "published", "schedule": "scheduled"}.get(action, "discarded")
        message = f"{who} {verb} the draft changes to “{article}”"
        if action == "schedule":
            message += f" to go live at {timezone.localtime(draft.go_live_at):%Y-%m-%d %H:%M %Z}"
    notify(recipients=recipients, message=message, url=desk_url(article), comment=comment, by=by)


@transaction.atomic
def comment_add(*, article: Article, by, text: str, parent: Comment | None = None) -> Comment:
    """A comment on an article (a reply when `parent` is given), by anyone who may read it
    on the desk; the writer and the thread's starter are told."""
    if not by.has_perm("articles.view_article"):
        raise PermissionDenied("Only the desk can comment on articles.")
    if parent is not None and parent.article_id != article.pk:
        raise ValidationError({"parent": "That comment is on another article."})
    comment = Comment(article=article, parent=parent, author=by, text=text.strip())
    comment.full_clean()
    comment.save()
    notify(
        recipients=[article.created_by, parent.author if parent else None],
        message=f"{by.get_username()} commented on “{article}”",
        url=reverse("admin:articles_article_history", args=[article.pk]),
        comment=comment.text,
        by=by,
    )
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, by, resolved: bool = True) -> Comment:
    """Mark a thread resolved (or open again)."""
    if not by.has_perm("articles.view_article"):
        raise PermissionDenied("Only the desk can resolve comments.")
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = by if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
