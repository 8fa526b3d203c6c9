"""The site's one date format for readers, "9 June 2025" (`long_date`).

The site is written in English only (no `LocaleMiddleware`, `LANGUAGE_CODE` en-gb), so the
month names are fixed. Django's `date` filter looks up the active language and its format
module for every value, a visible share of a page of twenty cards and ten teasers
(docs/performance.md)."""

from datetime import date

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
