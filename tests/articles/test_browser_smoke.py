import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_sees_the_demo_article_in_a_real_browser(browser, live_server):
    from articles.demo import load_demo

    load_demo()
    browser.get(live_server.url + "/")
    link = browser.find_element("partial link text", "Len Wiseman")
    link.click()
    assert "Ballerina director Len Wiseman" in browser.title
    assert "whole life has been a lie" in browser.page_source
