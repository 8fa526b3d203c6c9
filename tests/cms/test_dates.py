"""`core.dates.long_date` writes what `{{ value|date:"j F Y" }}` writes, without its look-ups."""

from datetime import UTC, date, datetime

from django.template.defaultfilters import date as date_filter

from core.dates import long_date


def test_long_date_is_the_date_filters_j_f_y_for_every_month_and_a_datetime():
    for month in range(1, 13):
        for day in (1, 9, 28):
            value = date(2025, month, day)
            assert long_date(value) == date_filter(value, "j F Y")
    moment = datetime(2026, 12, 6, 23, 59, tzinfo=UTC)
    assert long_date(moment) == date_filter(moment, "j F Y") == "6 December 2026"
