"""The site's one date format for readers, "9 June 2025" (`long_date`).

The site is written in English only (no `LocaleMiddleware`, `LANGUAGE_CODE` en-gb), so the
month names are fixed. Django's `date` filter looks up the active language and its format
module for every value, a visible share of a page of twenty cards and ten teasers
(docs/performance.md)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: date) -> str:
    """`value` as `{{ value|date:"j F Y" }}` writes it in English (a datetime is read as it is:
    convert it to local time first)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def not_in_the_future(value: date) -> None:
    """A validator for dates something already happened on (a quote said). A day's grace: the
    person who typed it may be a day ahead of the site's time zone."""
    if value > timezone.localdate() + timedelta(days=1):
        raise ValidationError("This date is in the future.", code="future")
