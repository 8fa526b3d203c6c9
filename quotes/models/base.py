from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models.functions import Length

# Check constraints on codes (currency, country) compare lengths in the database.
models.CharField.register_lookup(Length)


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def desk_user(**options) -> models.ForeignKey:
    """Who on the desk did something to a row: kept when the account goes (as empty)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        **options,
    )


def split_aliases(aliases: str) -> list[str]:
    """Aliases are typed one a line in the admin; blank lines and stray spaces mean nothing."""
    return split_each_aliases([aliases])[0]


def split_each_aliases(values: Iterable[str]) -> list[list[str]]:
    """`split_aliases` of each of `values`: for a page of a list, one call rather than one a
    row."""
    strip = str.strip
    return [list(filter(None, map(strip, value.splitlines()))) for value in values]
