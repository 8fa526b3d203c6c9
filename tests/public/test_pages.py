"""Every public page renders for the Ballerina demo, and shows what a reader came for."""

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from quotes.models import Quote

pytestmark = pytest.mark.django_db

WISEMAN_NESTING_QUOTE = "The Chancellor relates to her at the ending"


def nesting_quote() -> Quote:
    return Quote.objects.get(text__startswith=WISEMAN_NESTING_QUOTE)


def demo_urls(article) -> dict[str, str]:
    from quotes.models import Source

    return {
        "home": "/",
        "articles": "/articles/",
        "article": article.get_absolute_url(),
        "quotes": "/quotes/",
        "quote": nesting_quote().get_absolute_url(),
        "nested quote": nesting_quote().nested_quotes.get().get_absolute_url(),
        "person": "/people/len-wiseman/",
        "character": "/characters/eve-macarro/",
        "film": "/films/ballerina/",
        "unreleased film": "/films/john-wick-chapter-5/",
        "outlet": "/outlets/entertainment-weekly/",
        "source": Source.objects.get(outlet__slug="entertainment-weekly").get_absolute_url(),
        "relaying source": Source.objects.get(outlet__slug="actionewz").get_absolute_url(),
        "search": "/search/?q=consequences",
        "search one kind": "/search/?q=wick&type=films",
    }


def test_every_page_renders_with_its_head(client, demo):
    for name, url in demo_urls(demo).items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, name
        assert len(re.findall(r"<h1[ >]", html)) == 1, name
        assert re.search(r"<title>[^<]+</title>", html), name
        assert '<meta name="description" content="' in html, name
        assert '<link rel="canonical" href="http://127.0.0.1:8000/' in html, name
        assert '<meta property="og:title"' in html and 'name="twitter:card"' in html, name
        assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html, name
        # No script but JSON-LD data and our own files, no inline handlers, no style attributes.
        assert not re.search(r'<script(?![^>]*application/ld\+json)(?! src="/static/)', html), name
        assert not re.search(r"\son[a-z]+=", html) and " style=" not in html, name


def test_home_leads_to_the_article_a_quote_and_the_films(client, demo):
    html = client.get("/").content.decode()
    assert demo.get_absolute_url() in html
    assert "Featured quote" in html and "/quotes/" in html
    assert 'href="/films/ballerina/"' in html


def test_article_page_has_byline_dates_quotes_and_related(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    assert 'By <a href="/authors/quote-desk-staff/" rel="author">Quote desk staff</a>' in html
    assert '<time datetime="2025-06-09T12:00:00+00:00">9 June 2025</time>' in html
    # The demo is dated as the story was, not when it was loaded: no "Updated".
    assert "Updated" not in html
    for featured in demo.featured_quotes.all():
        assert f'href="{featured.quote.get_absolute_url()}"' in html
    assert 'href="/films/ballerina/"' in html and 'href="/people/len-wiseman/"' in html


def test_article_edited_within_a_minute_of_publication_is_not_marked_updated(client, db):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    type(article).objects.filter(pk=article.pk).update(updated_at=article.published_at)
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()


def test_quote_permalink_shows_the_source_chain_and_nesting(client, demo):
    quote = nesting_quote()
    html = client.get(quote.get_absolute_url()).content.decode()
    assert re.search(
        r'Said to <a href="/sources/\d+/">Entertainment Weekly</a>, via '
        r'<a href="/sources/\d+/">ActioNewz.com</a>',
        html,
    )
    assert "Verified against source" in html
    assert "You kill me, you’ve cut the head of the snake" in html  # the nested line
    assert demo.get_absolute_url() in html  # the article featuring it
    assert "/quotes/?speaker=len-wiseman" in html  # everything Wiseman has said

    nested = quote.nested_quotes.get()
    nested_html = client.get(nested.get_absolute_url()).content.decode()
    assert "Quoted inside" in nested_html and quote.get_absolute_url() in nested_html
    assert 'href="/characters/the-chancellor/"' in nested_html


def test_person_page_lists_credits_and_quotes(client, demo):
    html = client.get("/people/len-wiseman/").content.decode()
    assert 'href="/films/ballerina/"' in html and "director" in html
    assert (
        html.count('<figure class="quote-card')
        == Quote.objects.published().filter(speaker_person__slug="len-wiseman").count()
    )
    assert 'href="/people/len-wiseman/feed/"' in html


def test_film_page_has_credits_box_office_chart_and_quotes(client, demo):
    html = client.get("/films/ballerina/").content.decode()
    assert 'href="/people/len-wiseman/"' in html and "director" in html
    assert "$90,000,000" in html and "$51,000,000" in html
    assert "9 June 2025" in html  # the "as of" date, in the site's one date format
    # One gross and a budget: nothing to chart (a budget is not set beside a gross).
    assert "<svg" not in html and "Box office and budget" in html
    assert 'href="/sources/' in html  # each figure's source
    assert html.count('<figure class="quote-card') == 10


def test_film_with_a_single_figure_has_no_chart(client, db):
    from tests.factories import BoxOfficeFigureFactory

    figure = BoxOfficeFigureFactory()
    html = client.get(figure.film.get_absolute_url()).content.decode()
    assert "$51,000,000" in html and "<svg" not in html


def test_quote_list_filters_with_the_api_parameters(client, demo):
    html = client.get("/quotes/?character=the-chancellor").content.decode()
    assert html.count('<figure class="quote-card') == 1
    assert "cut the head of the snake" in html
    html = client.get("/quotes/?speaker=len-wiseman&nested=false").content.decode()
    assert html.count('<figure class="quote-card') == 8
    assert client.get("/quotes/?film=ballerina&status=verified").status_code == 200


def test_quote_list_shows_a_bad_filter_as_a_form_error_with_400(client, demo):
    response = client.get("/quotes/?speaker=nobody-at-all&said_after=yesterday")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html and "nobody-at-all" in html
    assert '<a href="#f-after">Said on or after</a></strong>: Enter a valid date.' in html
    assert '<a href="#f-speaker">Speaker</a></strong>:' in html
    assert '<label for="f-after">Said on or after</label>' in html
    assert '<figure class="quote-card' not in html


def test_every_quote_filter_has_a_label_for_its_errors():
    """A filter added without one would show readers its parameter name (`said_after`)."""
    from quotes.filters import QuoteFilterSet
    from quotes.views.quotes import FILTER_LABELS

    assert set(FILTER_LABELS) == set(QuoteFilterSet.base_filters)


def test_quote_list_paginates_with_an_accessible_nav(client, db):
    from tests.factories import QuoteFactory

    QuoteFactory.create_batch(25)
    html = client.get("/quotes/").content.decode()
    assert html.count('<figure class="quote-card') == 20
    assert '<nav class="pagination" aria-label="Quote pages">' in html
    assert 'aria-current="page"' in html and 'href="?page=2"' in html
    assert client.get("/quotes/?page=2").content.decode().count('<figure class="quote-card') == 5
    assert client.get("/quotes/?page=9").status_code == 404


def test_a_list_page_is_canonical_with_its_page_number_in_ascii_digits_only(client, db):
    from tests.factories import QuoteFactory

    QuoteFactory.create_batch(25)
    canonical = re.compile(r'<link rel="canonical" href="([^"]+)"')
    for asked, shown in [("2", "/quotes/?page=2"), ("02", "/quotes/?page=2"), ("1", "/quotes/")]:
        html = client.get(f"/quotes/?page={asked}&speaker=x").content.decode()
        assert canonical.search(html)[1] == "http://127.0.0.1:8000" + shown, asked
    # int() reads each of these as page 2 or 10: no page, so no second URL of one.
    for asked in ["２", " 2", "1_0", "+2"]:
        assert client.get("/quotes/", {"page": asked}).status_code == 404, asked


def test_random_quote_redirects_to_a_published_quote_and_is_never_cached(client, demo):
    public = {q.get_absolute_url() for q in Quote.objects.published()}
    for _ in range(5):
        response = client.get("/quotes/random/")
        assert response.status_code == 302
        assert response["Location"] in public
        assert "no-cache" in response["Cache-Control"]
    response = client.get("/quotes/random/?speaker=len-wiseman&film=ballerina")
    assert response["Location"] in public


def test_random_quote_with_nothing_published_goes_to_the_list(client, db):
    response = client.get("/quotes/random/")
    assert response.status_code == 302 and response["Location"] == "/quotes/"


def test_custom_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert client.get("/films/no-such-film/").status_code == 404


def test_500_page_needs_no_request_context(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in response.content.decode()


def test_random_quote_draws_from_a_large_set_without_counting_it(client, demo, monkeypatch):
    """Past `RANDOM_ID_LIST_CAP` matches the page probes ids as the API does: still only
    published quotes within the filters, each draw its own."""
    from quotes import querysets

    monkeypatch.setattr(querysets, "RANDOM_ID_LIST_CAP", 2)
    public = {q.get_absolute_url() for q in Quote.objects.published().filter(parent=None)}
    assert len(public) > 2
    seen = set()
    for _ in range(30):
        response = client.get("/quotes/random/?nested=false")
        assert response.status_code == 302
        assert response["Location"] in public
        seen.add(response["Location"])
    assert len(seen) > 1
