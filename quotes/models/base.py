from django.db import models
from django.db.models.functions import Length

# Check constraints on codes (currency, country) compare lengths in the database.
models.CharField.register_lookup(Length)


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def split_aliases(aliases: str) -> list[str]:
    """Aliases are typed one a line in the admin; blank lines and stray spaces mean nothing."""
    return list(filter(None, map(str.strip, aliases.splitlines())))
