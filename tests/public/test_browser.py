"""The public pages in a real headless Chromium: screenshots at phone and desktop widths, and
no sideways scrolling on a 375-pixel phone."""

from pathlib import Path

import pytest

from tests.browser import chrome_driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
WIDTHS = [375, 1280]


def demo_pages() -> dict[str, str]:
    from articles.demo import load_demo
    from articles.models import Article
    from quotes.models import Quote

    load_demo()
    article = Article.objects.published().get()
    quote = Quote.objects.published().filter(nested_quotes__isnull=False).first()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "quote": quote.get_absolute_url(),
        "person": "/people/len-wiseman/",
        "film": "/films/ballerina/",
    }


def set_viewport(driver, width: int, height: int) -> None:
    """Emulate the device's viewport exactly: headless Chromium will not shrink a window
    below 500 pixels, and a phone's viewport has no scrollbar taking up width."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def full_page_height(driver) -> int:
    return driver.execute_script("return document.documentElement.scrollHeight")


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_the_main_pages(live_server, width):
    pages = demo_pages()
    SCREENSHOTS.mkdir(exist_ok=True)
    with chrome_driver(width, 900) as driver:
        for name, path in pages.items():
            set_viewport(driver, width, 900)
            driver.get(live_server.url + path)
            assert driver.find_element("css selector", "main h1").text
            # A stylesheet that failed to load would leave the skip link on screen.
            skip = driver.find_element("css selector", ".skip-link")
            assert skip.location["y"] < 0
            set_viewport(driver, width, min(full_page_height(driver), 8000))
            target = SCREENSHOTS / f"{name}-{width}.png"
            driver.save_screenshot(str(target))
            assert target.stat().st_size > 5_000


def test_no_horizontal_scrolling_on_a_phone(live_server):
    pages = demo_pages()
    pages.update(quotes="/quotes/", search="/search/?q=consequences", articles="/articles/")
    with chrome_driver(375, 800) as driver:
        set_viewport(driver, 375, 800)
        for name, path in pages.items():
            driver.get(live_server.url + path)
            scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
            assert scroll_width <= 375, f"{name} ({path}) is {scroll_width}px wide"
