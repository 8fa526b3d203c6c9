"""At 1280 px the desk's lists and the compare page fit the window (no sideways scrolling),
and an inline's error on the film form is marked where the editor can see it."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from articles.models import Article
from articles.services import article_update
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BoxOfficeFigureFactory,
    BylineFactory,
    CreditFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)

from .conftest import make_user
from .test_browser_workflow import WAIT, log_in, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
# How far an element's content runs past its box (an inline that scrolls sideways on its own).
INNER_OVERFLOW = (
    "const e = document.getElementById(arguments[0]); return e.scrollWidth - e.clientWidth;"
)


def test_lists_and_compare_fit_1280_pixels(browser, live_server):
    base = live_server.url
    editor = make_user("eddie", "Editors")
    long_words = "Unbreakablewordthatgoesonandonwithoutanyspaceatall" * 4
    for n in range(3):
        QuoteFactory(text=f"{long_words} {n} " + "said at length " * 40)
    article = ArticleFactory(title="Live headline", body=("Long body text. " * 200) + long_words)
    article_update(article=article, by=editor, body=("Changed body text. " * 200) + long_words)
    log_in(browser, base, "eddie")
    for path in (
        "/admin/quotes/quote/",
        f"/admin/articles/article/{article.pk}/history/compare/?from=current&to=draft",
        "/admin/articles/article/",
        "/quotes/",
    ):
        browser.get(base + path)
        wait_for(browser, "body")
        assert browser.execute_script(OVERFLOW) <= 0, path
    assert Article.objects.count() == 1


def test_a_box_office_inline_error_is_marked_at_the_top(browser, live_server):
    base = live_server.url
    make_user("eddie", "Editors")
    film = FilmFactory()
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/quotes/film/{film.pk}/change/")
    group = browser.find_element(By.ID, "box_office_figures-group")
    group.find_element(By.CSS_SELECTOR, ".add-row a").click()
    row = group.find_element(By.CSS_SELECTOR, "tr.dynamic-box_office_figures")
    # An amount with no territory or kind: the inline refuses it.
    amount = row.find_elements(By.CSS_SELECTOR, "input[name$='-amount']")
    if amount:
        amount[0].send_keys("100")
    browser.find_element(By.NAME, "_continue").click()
    note = wait_for(browser, ".errornote")
    assert "box office" in note.text.lower()
    assert (
        note.find_element(By.TAG_NAME, "a")
        .get_attribute("href")
        .endswith("#box_office_figures-group")
    )


def test_the_body_box_stays_in_its_column_beside_the_preview(browser, live_server):
    """The admin's own width for a large text field must not push the body box under the
    preview, where the words being typed would be hidden."""
    base = live_server.url
    make_user("eddie", "Editors")
    article = ArticleFactory(body="Some words. " * 100)
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
    wait_for(browser, ".desk-editor__preview")
    box, preview = (
        browser.find_element(By.CSS_SELECTOR, selector).rect
        for selector in ("#id_body", ".desk-editor__preview")
    )
    assert box["x"] + box["width"] <= preview["x"]


def test_the_preview_filling_or_emptying_moves_nothing_under_it(browser, live_server):
    """The preview is drawn a moment after the page, and again as one types: a long body's
    preview grew the row and pushed the form's buttons down by a few hundred pixels, from under
    a pointer on its way to them. It is as tall as the box beside it, whatever it holds."""
    base = live_server.url
    make_user("eddie", "Editors")
    article = ArticleFactory(body="A paragraph of words.\n\n" * 80)
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")

    def paragraphs(count):
        WebDriverWait(browser, WAIT).until(
            lambda d: len(d.find_elements(By.CSS_SELECTOR, "#body-preview p")) == count
        )
        return browser.find_element(By.NAME, "_continue").rect["y"]

    below_a_long_preview = paragraphs(80)
    body = browser.find_element(By.ID, "id_body")
    body.clear()
    body.send_keys("One short line.")
    assert paragraphs(1) == below_a_long_preview


def test_the_preview_shows_a_list_as_readers_see_it_and_the_picker_lines_up(browser, live_server):
    """Django's forms.css indents every list in an aligned form by 160px and drops its
    bullets: the preview and the quote picker's results must not inherit that."""
    base = live_server.url
    make_user("eddie", "Editors")
    QuoteFactory(text="Cards are dealt at dawn.")
    article = ArticleFactory(body="Three things:\n\n- one\n- two\n")
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
    item = wait_for(browser, "#body-preview ul li")
    preview = browser.find_element(By.ID, "body-preview").rect
    assert item.value_of_css_property("list-style-type") == "disc"
    assert item.rect["x"] - preview["x"] < 80
    browser.find_element(By.ID, "editor-insert-quote").click()
    search = next(
        field
        for field in browser.find_elements(By.CSS_SELECTOR, ".desk-editor__picker input")
        if field.is_displayed()
    )
    search.send_keys("dawn")
    # The answer to the search typed, not the list the picker opened with (about to go).
    result = wait_for(browser, "#quote-results[aria-busy='false'] .desk-editor__result")
    assert abs(result.rect["x"] - search.rect["x"]) < 20


def test_a_quotes_nested_lines_and_a_sources_quotes_fit_1280_pixels(browser, live_server):
    """A row of those inlines holds a text box and three pickers: at Django's own widths it
    ran to 2,000 px, and the editor scrolled sideways to reach its state and delete box."""
    base = live_server.url
    make_user("eddie", "Editors")
    parent = QuoteFactory(text="He said: 'we go at dawn', and we went.")
    QuoteFactory(text="we go at dawn", parent=parent, source=parent.source)
    log_in(browser, base, "eddie")
    for path in (
        f"/admin/quotes/quote/{parent.pk}/change/",
        f"/admin/quotes/source/{parent.source_id}/change/",
    ):
        browser.get(base + path)
        wait_for(browser, ".inline-group .tabular textarea")
        assert browser.execute_script(OVERFLOW) <= 0, path


def test_the_preview_shows_a_heading_as_a_heading_not_as_an_admin_caption(browser, live_server):
    """Django's admin draws every h2 in a fieldset as the module's caption bar (coloured
    background, small type): the preview must show the body's headings as headings."""
    base = live_server.url
    make_user("eddie", "Editors")
    article = ArticleFactory(body="## A section\n\nSome words under it.")
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
    heading = wait_for(browser, "#body-preview h2")
    words = browser.find_element(By.CSS_SELECTOR, "#body-preview p")
    assert heading.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
    size = float(heading.value_of_css_property("font-size").removesuffix("px"))
    assert size > float(words.value_of_css_property("font-size").removesuffix("px"))


def test_a_films_credits_and_box_office_figures_fit_1280_pixels(browser, live_server):
    """The box office inline's eight columns at Django's field widths ran 580 px past a
    1280 px window, so its source, date and delete box were off the screen."""
    base = live_server.url
    make_user("eddie", "Editors")
    film = FilmFactory()
    CreditFactory(film=film)
    BoxOfficeFigureFactory(film=film, territory="worldwide", currency="USD")
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/quotes/film/{film.pk}/change/")
    wait_for(browser, "#box_office_figures-group")
    assert browser.execute_script(OVERFLOW) <= 0
    for group in ("credits-group", "box_office_figures-group"):
        assert browser.execute_script(INNER_OVERFLOW, group) <= 0, group


def test_the_quote_list_shows_every_column_at_1280_pixels(browser, live_server):
    """Django keeps a link's column (the source) on one line: a long source title pushed the
    source and "nested" columns out of the list's box, behind its own sideways scroll bar,
    which the page's width does not show."""
    base = live_server.url
    make_user("eddie", "Editors")
    source = SourceFactory(
        title="Len Wiseman interview on Ballerina, the sequel and the Continental"
    )
    for n in range(3):
        QuoteFactory(text=f"Line {n} of the interview.", source=source)
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/quotes/quote/")
    wait_for(browser, "#result_list")
    overflow = "const e = document.querySelector('.results'); return e.scrollWidth - e.clientWidth;"
    assert browser.execute_script(overflow) <= 0


def test_the_article_list_shows_every_column_at_1280_pixels(browser, live_server):
    """Ten columns (three of desk users and dates) ran 200 px past the list's box, behind its
    own sideways scroll bar, and squeezed each headline to a word a line."""
    base = live_server.url
    editor = make_user("eddie", "Editors")
    section = SectionFactory(name="Entertainment")
    for n in range(3):
        article = ArticleFactory(
            title=f"Ballerina director Len Wiseman on what's next for Eve, part {n}",
            section=section,
        )
        BylineFactory(article=article, author=AuthorFactory(name="Alexandra Featherstonehaugh"))
        BylineFactory(article=article, author=AuthorFactory(name="Christopher Montgomery"))
    article_update(article=article, by=editor, title="Changed, awaiting review")
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/")
    wait_for(browser, "#result_list")
    overflow = "const e = document.querySelector('.results'); return e.scrollWidth - e.clientWidth;"
    assert browser.execute_script(overflow) <= 0
    title = browser.find_element(By.CSS_SELECTOR, "#result_list .field-title")
    assert title.size["width"] >= 150


def test_a_featured_quotes_delete_box_is_on_screen_at_1024_pixels(live_server):
    """At 1024 px the quote picker's width pushed the featured quotes' "Delete?" column past
    the inline's edge: an editor had to scroll the inline sideways to take a quote out."""
    from tests.browser import chrome_driver

    base = live_server.url
    make_user("eddie", "Editors")
    article = ArticleFactory()
    FeaturedQuoteFactory(article=article, quote=QuoteFactory(text="Words " * 40), position=0)
    with chrome_driver(1024, 768) as browser:
        log_in(browser, base, "eddie")
        browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
        wait_for(browser, "#featured_quotes-group")
        assert browser.execute_script(INNER_OVERFLOW, "featured_quotes-group") <= 0


def test_a_films_box_office_figures_fit_1024_pixels_beside_the_menu(live_server):
    """At 1024 px with the admin's side menu open, the box office inline's eight columns ran
    282 px past the inline's edge: its date, source and delete box were behind a sideways
    scroll bar. Nor may a box run past its own column, over the next one."""
    from tests.browser import chrome_driver

    base = live_server.url
    make_user("eddie", "Editors")
    film = FilmFactory()
    BoxOfficeFigureFactory(film=film, territory="worldwide", currency="USD")
    with chrome_driver(1024, 768) as browser:
        log_in(browser, base, "eddie")
        browser.get(f"{base}/admin/quotes/film/{film.pk}/change/")
        wait_for(browser, "#box_office_figures-group")
        assert browser.find_element(By.ID, "nav-sidebar").is_displayed()
        assert browser.execute_script(OVERFLOW) <= 0
        assert browser.execute_script(INNER_OVERFLOW, "box_office_figures-group") <= 0
        boxes = browser.execute_script(
            "return [...document.querySelectorAll('#box_office_figures-group tr.has_original "
            "td[class^=field-]')].flatMap(cell => [...cell.querySelectorAll('input, select, "
            ".select2-container')].filter(box => box.getBoundingClientRect().width > 1)"
            ".map(box => [cell.className, box.getBoundingClientRect().right - "
            "cell.getBoundingClientRect().right]));"
        )
        assert len(boxes) >= 7
        assert [name for name, past in boxes if past > 0] == []
