"""A film's box-office figures as a small bar chart, drawn on the server as SVG.

This module only measures: it returns the geometry and the labels, and the template
(`quotes/_box_office_chart.html`) draws them, so every label goes through the template's
escaping. No JavaScript, no inline style: colours come from the site's stylesheet.
"""

from dataclasses import dataclass
from decimal import Decimal

from .models import BoxOfficeFigure

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}

WIDTH = 340
BAR_MAX = 210
ROW_HEIGHT = 48
LABEL_OFFSET = 15
BAR_OFFSET = 21
BAR_HEIGHT = 16
PADDING = 6


def format_money(amount: Decimal, currency: str) -> str:
    """$90,000,000 for the common currencies; GBP 1,234 style for the rest."""
    whole = f"{amount:,.0f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{whole}" if symbol else f"{currency} {whole}"


def territory_label(territory: str) -> str:
    if territory in BoxOfficeFigure.Territory.values:
        return BoxOfficeFigure.Territory(territory).label.split(" (")[0].lower()
    return territory


@dataclass
class Bar:
    label: str
    value: str
    kind: str
    is_estimate: bool
    label_y: int
    bar_y: int
    bar_width: int
    value_x: int
    value_y: int


@dataclass
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]


def box_office_chart(figures: list[BoxOfficeFigure]) -> Chart | None:
    """Bars for the film's grosses in its main currency, when there are at least two of them
    (a budget is what the film cost, not what it took: the table lists it, the chart does not
    set it beside a gross; one figure is better read as a sentence than as a chart)."""
    figures = [figure for figure in figures if figure.kind != BoxOfficeFigure.Kind.BUDGET]
    if not figures:
        return None
    currencies = [figure.currency for figure in figures]
    currency = max(set(currencies), key=currencies.count)
    shown = [figure for figure in figures if figure.currency == currency]
    if len(shown) < 2:
        return None
    largest = max(figure.amount for figure in shown) or Decimal(1)
    bars = []
    for index, figure in enumerate(shown):
        top = PADDING + index * ROW_HEIGHT
        width = max(2, int(BAR_MAX * figure.amount / largest))
        label = (
            f"{figure.get_kind_display()}, {territory_label(figure.territory)}, "
            f"as of {figure.as_of.day} {figure.as_of:%B %Y}"
        )
        bars.append(
            Bar(
                label=label + (" (estimate)" if figure.is_estimate else ""),
                value=format_money(figure.amount, figure.currency),
                kind=figure.kind,
                is_estimate=figure.is_estimate,
                label_y=top + LABEL_OFFSET,
                bar_y=top + BAR_OFFSET,
                bar_width=width,
                value_x=width + 6,
                value_y=top + BAR_OFFSET + BAR_HEIGHT - 3,
            )
        )
    return Chart(
        title=f"Box-office grosses in {currency}",
        description="; ".join(f"{bar.label}: {bar.value}" for bar in bars),
        width=WIDTH,
        height=PADDING * 2 + len(bars) * ROW_HEIGHT,
        bars=bars,
    )
