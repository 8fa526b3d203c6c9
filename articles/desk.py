"""The desk while people work: autosaved edits, who has an article open, and signed preview
links for reviewers without an account."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Article, Autosave, Presence, PreviewLink

# The fields of the article form that are autosaved: the typed ones.
AUTOSAVED = ("title", "slug", "standfirst", "body")
MAX_AUTOSAVE_CHARS = 500_000
# A page's heartbeat comes every 15 seconds; one not heard from for this long has left.
PRESENCE_SECONDS = 45
PREVIEW_SALT = "articles.preview-link"


def autosave_store(*, article: Article, user, data: dict) -> Autosave:
    """Keep the user's unsaved edits of the article (the typed fields only), over any older."""
    if not isinstance(data, dict):
        raise ValidationError("Autosave data must be an object of field values.")
    kept = {name: str(data[name]) for name in AUTOSAVED if name in data}
    if sum(len(value) for value in kept.values()) > MAX_AUTOSAVE_CHARS:
        raise ValidationError("Too much to autosave.")
    autosave, _ = Autosave.objects.update_or_create(
        article=article, user=user, defaults={"data": kept}
    )
    return autosave


def autosave_clear(*, article: Article, user) -> None:
    Autosave.objects.filter(article=article, user=user).delete()


def autosave_time(autosave: Autosave) -> str:
    return timezone.localtime(autosave.saved_at).strftime("%Y-%m-%d %H:%M:%S %Z")


def autosave_offer(*, article: Article, user, shown: dict) -> dict | None:
    """The user's autosaved edits of the article, when they differ from what the form shows
    (`shown`: field name to value), else None. The form offers them as it opens: an offer
    appearing a moment after the page is drawn would move the buttons under it."""
    autosave = Autosave.objects.filter(article=article, user=user).first()
    if autosave is None:
        return None

    def lines(text) -> str:
        # A browser's text box gives its value with plain line ends.
        return str(text if text is not None else "").replace("\r\n", "\n")

    if all(
        lines(shown[name]) == lines(value) for name, value in autosave.data.items() if name in shown
    ):
        return None
    return {"data": autosave.data, "saved_at": autosave_time(autosave)}


@transaction.atomic
def presence_beat(*, article: Article, user) -> list[Presence]:
    """Note that the user has the article open (since now, unless they were already seen
    recently), and return the others who have it open."""
    now = timezone.now()
    recent = now - timedelta(seconds=PRESENCE_SECONDS)
    mine, created = Presence.objects.select_for_update().get_or_create(
        article=article, user=user, defaults={"since": now, "seen_at": now}
    )
    if not created:
        if mine.seen_at < recent:
            mine.since = now
        mine.seen_at = now
        mine.save(update_fields=["since", "seen_at"])
    return presence_others(article=article, user=user, now=now)


def presence_others(*, article: Article, user, now=None) -> list[Presence]:
    """The others seen with the article open recently. The form shows them as it opens, so
    the line does not appear (and push the buttons down) a moment after the page is drawn."""
    recent = (now or timezone.now()) - timedelta(seconds=PRESENCE_SECONDS)
    return list(
        Presence.objects.filter(article=article, seen_at__gte=recent)
        .exclude(user=user)
        .select_related("user")
        .order_by("since")
    )


def presence_entries(others: list[Presence]) -> list[dict]:
    """Who and since when, as the form names them."""
    return [
        {
            "user": other.user.get_full_name() or other.user.get_username(),
            "since": timezone.localtime(other.since).strftime("%H:%M"),
        }
        for other in others
    ]


def presence_text(others: list[Presence]) -> str:
    """The line the form shows, empty when nobody else has the article open."""
    lines = [
        f"{entry['user']} has this article open since {entry['since']}"
        for entry in presence_entries(others)
    ]
    return ". ".join(lines) + ("." if lines else "")


def presence_leave(*, article: Article, user) -> None:
    Presence.objects.filter(article=article, user=user).delete()


def preview_link_create(*, article: Article, by, hours: int) -> PreviewLink:
    """A new preview link for the article, valid for `hours` (at most
    CMS_PREVIEW_LINK_MAX_HOURS)."""
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("Only the desk can share previews.")
    if not 1 <= hours <= settings.CMS_PREVIEW_LINK_MAX_HOURS:
        raise ValidationError(
            {"hours": f"Between 1 and {settings.CMS_PREVIEW_LINK_MAX_HOURS} hours."}
        )
    link = PreviewLink(
        article=article,
        nonce=secrets.token_urlsafe(24),
        created_by=by,
        expires_at=timezone.now() + timedelta(hours=hours),
    )
    link.save()
    return link


def preview_link_token(link: PreviewLink) -> str:
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(f"{link.article_id}.{link.nonce}")


def preview_link_resolve(token: str) -> PreviewLink | None:
    """The live (unexpired, unrevoked) link a token names, or None. The signature proves we
    issued it; the row decides whether it still works."""
    max_age = settings.CMS_PREVIEW_LINK_MAX_HOURS * 3600
    try:
        value = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None
    article_id, _, nonce = value.partition(".")
    return (
        PreviewLink.objects.filter(
            nonce=nonce,
            article_id=article_id,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("article")
        .first()
    )


def preview_link_revoke(*, link: PreviewLink, by) -> None:
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("Only the desk can revoke previews.")
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
