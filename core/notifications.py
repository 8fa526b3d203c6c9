"""Telling people on the desk what came to them: an inbox row each, and an email through
Django's email framework (the console by default; SMTP when EMAIL_HOST is set), sent once
the change that caused it has committed, so nobody is told of a change that was rolled back.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(*, recipients: Iterable, message: str, url: str = "", comment: str = "", by=None):
    """One notification to each recipient (each once; never to `by`, who did it)."""
    people = {user.pk: user for user in recipients if user is not None}
    if by is not None:
        people.pop(by.pk, None)
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, message=message[:300], comment=comment.strip(), url=url)
        for user in people.values()
    )
    addresses = [user.email for user in people.values() if user.email]
    if addresses:
        body = "\n\n".join(
            part
            for part in (message, comment.strip(), settings.SITE_URL + url if url else "")
            if part
        )
        transaction.on_commit(
            lambda: send_mail(
                subject=f"[Quote desk] {message}"[:150],
                message=body,
                from_email=None,
                recipient_list=addresses,
                fail_silently=True,
            )
        )
    return notifications


def notifications_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (those of `ids`, or all); returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
