from collections.abc import Iterable

from django.conf import settings
from django.core.validators import RegexValidator
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


# Identifiers of the same person or film elsewhere, recorded by editors: schema.org `sameAs`.
WIKIDATA_ID = r"^Q[1-9][0-9]*$"
IMDB_PERSON_ID = r"^nm[0-9]{7,9}$"
IMDB_TITLE_ID = r"^tt[0-9]{7,9}$"


def identifier_field(pattern: str, example: str, where: str) -> models.CharField:
    return models.CharField(
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(pattern, f"Write the identifier as {where} does, e.g. {example}.")
        ],
        help_text=f"{where} identifier, e.g. {example}: links this page to it for search engines.",
    )


def identifier_constraint(field: str, pattern: str, name: str) -> models.CheckConstraint:
    """Blank, or an identifier of the right shape: a bulk load cannot write a malformed one."""
    return models.CheckConstraint(
        condition=models.Q(**{field: ""}) | models.Q(**{f"{field}__regex": pattern}), name=name
    )


class HeldUntilUsed:
    """A person, character, film or outlet: one a writer added (`held_until_used`) readers see
    only through its uses (`quotes.querysets.HeldUntilUsedQuerySet`), so a write to a use may
    show or hide it (`core.surrogate.PublicRecord`)."""

    def shown_by_use(self) -> bool:
        return self.held_until_used


def held_until_used_field() -> models.BooleanField:
    """Whether a writer added the record: readers see it only once something public uses it
    (`quotes.querysets.HeldUntilUsedQuerySet`)."""
    return models.BooleanField(
        default=False,
        editable=False,
        help_text="Added by a writer: readers see it once something published uses it.",
    )


def held_index(name: str) -> models.Index:
    """The few rows a writer added, which `published()` asks about (a partial index)."""
    return models.Index(fields=["id"], condition=models.Q(held_until_used=True), name=name)
