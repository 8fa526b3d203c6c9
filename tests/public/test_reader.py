"""The public pages read well: each quote once, real dates, named filters, typeset text."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from articles.markup import link_quotes, render_markdown
from core.typography import smarten
from quotes.charts import box_office_chart
from quotes.models import BoxOfficeFigure, Quote
from tests.factories import BoxOfficeFigureFactory, QuoteFactory, SourceFactory
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db


def main_of(html: str) -> str:
    return html[html.index('<main id="main"') : html.index("</main>")]


# --- each quote once ---------------------------------------------------------------------


def test_article_shows_each_quote_once_and_links_it_to_its_permalink(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    assert '<figure class="quote-card' not in html
    for featured in demo.featured_quotes.select_related("quote"):
        quote = featured.quote
        assert html.count(smarten(quote.text[:40])) == 1, quote.text
        url = quote.get_absolute_url()
        # Once in the body, once in the index under it.
        assert f'<a class="quote-link" href="{url}">' in html
        assert html.count(f'href="{url}"') == 2


def test_article_quote_index_names_each_speaker_once(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    index = html[html.index('<ul class="quote-index">') :]
    index = index[: index.index("</ul>")]
    assert index.count('href="/people/len-wiseman/"') == 1
    assert re.findall(r'<span class="visually-hidden">Quote </span>(\d+)</a>', index) == [
        str(n) for n in range(1, 9)
    ]


def test_unpublished_featured_quote_is_neither_linked_nor_indexed(client, demo):
    quote = demo.featured_quotes.order_by("position").first().quote
    Quote.objects.filter(pk=quote.pk).update(state=Quote.State.PENDING)
    html = client.get(demo.get_absolute_url()).content.decode()
    assert quote.get_absolute_url() not in html


def test_link_quotes_never_nests_links_or_crosses_tags():
    body = (
        '<p>“She said ‘no’ twice.” <a href="/x">Linked words here</a></p>'
        "<p>Split <em>across</em> tags.</p>"
    )
    linked = link_quotes(
        body,
        [
            ("She said 'no' twice.", "/quotes/1/"),
            ("said 'no'", "/quotes/2/"),  # inside the first: left alone
            ("Linked words", "/quotes/3/"),  # already a link
            ("Split across tags.", "/quotes/4/"),
            ("Not in the body", "/quotes/5/"),
        ],
    )
    assert linked == (
        body.replace(
            "She said ‘no’ twice.",
            '<a class="quote-link" href="/quotes/1/">She said ‘no’ twice.</a>',
        ),
        {"/quotes/1/"},
    )


# --- real dates ----------------------------------------------------------------------------


def test_demo_is_dated_as_published_in_page_feed_sitemap_and_json_ld(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    assert "Updated" not in html
    assert '"dateModified": "2025-06-09T12:00:00+00:00"' in html
    atom = ET.fromstring(client.get("/articles/feed/atom/").content)
    updated = atom.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}updated")
    assert updated.text.startswith("2025-06-09")
    sitemap = whole_sitemap(client)
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert lastmods == {"2025-06-09"}


def test_a_real_edit_after_publication_is_shown_as_updated(client, demo):
    later = demo.published_at + dt.timedelta(days=2)
    type(demo).objects.filter(pk=demo.pk).update(updated_at=later)
    html = client.get(demo.get_absolute_url()).content.decode()
    assert '<span class="updated">Updated <time datetime="2025-06-11T12:00:00+00:00">' in html
    assert "11 June 2025</time>" in html  # the one date format, no time of day


def test_reloading_the_demo_keeps_its_dates(demo):
    from articles.demo import load_demo

    load_demo()
    demo.refresh_from_db()
    assert demo.updated_at == demo.published_at
    assert set(Quote.objects.values_list("updated_at", flat=True)) == {demo.published_at}


# --- filtered lists ------------------------------------------------------------------------


def test_filtered_quote_list_names_its_filters_in_heading_and_title(client, demo):
    html = client.get("/quotes/?speaker=len-wiseman&film=ballerina").content.decode()
    assert "<h1>Quotes by Len Wiseman about Ballerina</h1>" in html
    assert "<title>Quotes by Len Wiseman about Ballerina · Quote desk</title>" in html
    html = client.get("/quotes/?status=verified&outlet=entertainment-weekly").content.decode()
    assert "<h1>Quotes first said to Entertainment Weekly, verified against source</h1>" in html
    assert "<h1>Quotes</h1>" in client.get("/quotes/").content.decode()


def test_filter_heading_never_names_an_unpublished_source(client, db):
    """A source no reader may see yet is as unknown to the filter as an id that names
    nothing: the same 400 and form error, never its title or an empty list that says it
    exists."""
    source = SourceFactory(title="Embargoed interview")
    QuoteFactory(source=source, state=Quote.State.PENDING)
    hidden = client.get(f"/quotes/?source={source.pk}")
    unknown = client.get(f"/quotes/?source={source.pk + 1000}")
    assert hidden.status_code == unknown.status_code == 400
    html = hidden.content.decode()
    assert "Embargoed" not in html
    assert "<h1>Quotes</h1>" in html and 'id="filter-errors"' in html
    assert "No source" in errors_of(html)
    assert errors_of(html).replace(str(source.pk), "N") == errors_of(
        unknown.content.decode()
    ).replace(str(source.pk + 1000), "N")


def errors_of(html: str) -> str:
    start = html.index('id="filter-errors"')
    return html[start : html.index("</div>", start)]


# --- quote page ----------------------------------------------------------------------------


def test_quote_page_names_the_speaker_once_and_dates_it_by_its_source(client, demo):
    quote = Quote.objects.get(text__startswith="She's checked herself")
    main = main_of(client.get(quote.get_absolute_url()).content.decode())
    assert main.count(">Len Wiseman</a>") == 1 and "— Len Wiseman" not in main
    assert "Date not recorded" not in main
    assert 'Reported <time datetime="2025-06-09">9 June 2025</time> by ActioNewz.com' in main
    assert "She’s checked herself" in main


def test_quote_said_on_a_recorded_date_shows_that_date(client, db):
    quote = QuoteFactory(said_on=dt.date(2024, 3, 5))
    main = main_of(client.get(quote.get_absolute_url()).content.decode())
    assert 'Said <time datetime="2024-03-05">5 March 2024</time>' in main


# --- typography ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "typeset"),
    [
        ("She's here", "She’s here"),
        ('He said "go" now', "He said “go” now"),
        ("decided, 'I've made a choice.'", "decided, ‘I’ve made a choice.’"),
        ("Chapter 3 - Parabellum", "Chapter 3 – Parabellum"),
        ("2019-2023 and 2025-06-09", "2019–2023 and 2025-06-09"),
        ("wait -- and --- more...", "wait – and — more…"),
        ("the '90s and Armas' Eve", "the ’90s and Armas’ Eve"),
        ("well-known", "well-known"),
    ],
)
def test_smarten(typed, typeset):
    assert smarten(typed) == typeset


def test_markdown_is_typeset_except_code_and_attributes():
    html = render_markdown(
        "He said, \"It's *done*\" - [\"see\"](https://example.com/a'b) `x = 'a' -- b`"
    )
    assert html.startswith('<p>He said, “It’s <em>done</em>” – <a href="https://example.com/a\'b"')
    assert ">“see”</a>" in html
    assert "<code>x = 'a' -- b</code>" in html


def test_film_titles_and_article_text_are_typeset(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    assert "<h1>Ballerina director Len Wiseman on what’s next for Eve</h1>" in html
    assert "John Wick: Chapter 3 – Parabellum and John Wick: Chapter 4" in html


# --- the rest of the findings --------------------------------------------------------------


def test_search_forms_have_distinct_accessible_names(client, demo):
    html = client.get("/search/?q=wick").content.decode()
    names = re.findall(r'role="search" aria-label="([^"]+)"', html)
    assert len(names) == 2 and len(set(names)) == 2


def test_films_in_an_article_run_oldest_first_undated_last(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    related = html[html.index('id="related-heading"') :]
    films = re.findall(r'href="/films/([^/]+)/"', related)
    assert films == [
        "john-wick-chapter-3-parabellum",
        "john-wick-chapter-4",
        "ballerina",
        "how-to-train-your-dragon-2025",
        "john-wick-chapter-5",
    ]


def test_source_page_lists_its_quotes_in_the_order_recorded(client, demo):
    quote = Quote.objects.get(text__startswith="She's checked herself")
    html = client.get(quote.source.get_absolute_url()).content.decode()
    permalinks = re.findall(r'href="/quotes/(\d+)/" class="quote-card__permalink"', html)
    shown = [int(pk) for pk in permalinks]
    assert shown == sorted(shown) and shown[0] == quote.pk


def test_box_office_chart_sets_no_budget_beside_the_grosses(db):
    opening = BoxOfficeFigureFactory(kind=BoxOfficeFigure.Kind.OPENING, amount=Decimal("5e7"))
    film, source = opening.film, opening.source
    cumulative = BoxOfficeFigureFactory(
        film=film, source=source, kind=BoxOfficeFigure.Kind.CUMULATIVE, amount=Decimal("2e8")
    )
    budget = BoxOfficeFigureFactory(
        film=film, source=source, kind=BoxOfficeFigure.Kind.BUDGET, amount=Decimal("9e7")
    )
    chart = box_office_chart([opening, cumulative, budget])
    assert [bar.kind for bar in chart.bars] == ["opening", "cumulative"]
    assert chart.title == "Box-office grosses in USD"
    assert "9 June 2025" in chart.bars[0].label


def test_featured_quote_missing_from_the_body_is_shown_in_full_once(client, db):
    from tests.factories import ArticleFactory, FeaturedQuoteFactory

    article = ArticleFactory(body='She said: "A line in the body."')
    in_body = FeaturedQuoteFactory(article=article, quote=QuoteFactory(text="A line in the body."))
    elsewhere = FeaturedQuoteFactory(
        article=article, quote=QuoteFactory(text="A line said elsewhere."), position=1
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("A line in the body.") == 1 and html.count("A line said elsewhere.") == 1
    assert f'<a class="quote-link" href="{in_body.quote.get_absolute_url()}">' in html
    assert html.count('<figure class="quote-card') == 1
    assert elsewhere.quote.get_absolute_url() in html


def test_a_quote_cards_speaker_is_followed_by_its_date_without_a_space(client, db):
    """ "Len Wiseman, 9 June 2025", not "Len Wiseman , 9 June 2025" (the speaker's partial
    used to end in a newline, which a browser shows as a space)."""
    quote = QuoteFactory(said_on=dt.date(2025, 6, 9))
    html = client.get("/quotes/").content.decode()
    assert f"{quote.speaker.name}</a>, <time" in html
    assert "</a>\n</h1>" not in client.get(quote.get_absolute_url()).content.decode()
