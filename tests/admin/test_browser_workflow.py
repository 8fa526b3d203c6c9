"""End to end in a real headless Chromium: a writer files a story, an editor publishes it."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from articles.models import Article
from quotes.models import Quote
from tests.factories import PersonFactory, SourceFactory

from .conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT = 15


def wait_for(driver, css):
    return WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def log_in(driver, base, username):
    driver.delete_all_cookies()
    driver.get(base + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys("pw-" + username)
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(driver, "#desk-queues")


def choose(driver, select_id, search):
    """Pick an option in an admin autocomplete (select2) widget by typing, as a person would."""
    container = driver.find_element(By.CSS_SELECTOR, f"#{select_id} + .select2")
    container.find_element(By.CSS_SELECTOR, ".select2-selection").click()
    field = wait_for(driver, ".select2-container--open .select2-search__field")
    field.send_keys(search)
    WebDriverWait(driver, WAIT).until(
        EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, ".select2-results__option--highlighted"), search
        )
    )
    field.send_keys(Keys.ENTER)


def add_quote(driver, base, text):
    driver.get(base + "/admin/quotes/quote/add/")
    driver.find_element(By.ID, "id_text").send_keys(text)
    choose(driver, "id_speaker_person", "Len Wiseman")
    choose(driver, "id_source", "Wiseman interview")
    driver.find_element(By.NAME, "_save").click()
    wait_for(driver, ".messagelist .success")


def test_writer_files_an_article_and_an_editor_publishes_it(browser, live_server):
    base = live_server.url
    make_user("wendy", "Writers")
    make_user("eddie", "Editors")
    PersonFactory(name="Len Wiseman", slug="len-wiseman")
    SourceFactory(title="Wiseman interview")

    # The writer attributes two quotes, then features them in a new article and submits it.
    log_in(browser, base, "wendy")
    add_quote(browser, base, "Eve's story is far from over.")
    add_quote(browser, base, "It is a brutal world.")
    assert Quote.objects.filter(state="pending").count() == 2

    browser.get(base + "/admin/articles/article/add/")
    browser.find_element(By.ID, "id_title").send_keys("Wiseman on what comes next")
    browser.find_element(By.ID, "id_body").send_keys("The director talked to us.")
    add_row = browser.find_element(By.CSS_SELECTOR, "#featured_quotes-group .add-row a")
    add_row.click()
    add_row.click()
    browser.find_element(By.ID, "id_featured_quotes-1-position").clear()
    browser.find_element(By.ID, "id_featured_quotes-1-position").send_keys("1")
    choose(browser, "id_featured_quotes-0-quote", "far from over")
    choose(browser, "id_featured_quotes-1-quote", "brutal world")
    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, "#workflow-review").click()
    # The save left a success message on the page already: wait for the transition's own.
    WebDriverWait(browser, WAIT).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".messagelist .success"), "is now")
    )
    article = Article.objects.get(title="Wiseman on what comes next")
    assert article.status == "review"
    assert article.slug == "wiseman-on-what-comes-next"
    assert not browser.find_elements(By.ID, "workflow-published")

    # The editor approves the quotes while publishing.
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
    assert "2 featured quotes not approved yet" in browser.find_element(By.ID, "workflow").text
    browser.find_element(By.ID, "workflow-approve-quotes").click()
    browser.find_element(By.ID, "workflow-published").click()
    assert "is now published" in wait_for(browser, ".messagelist .success").text

    # Readers see it, with both quotes.
    browser.delete_all_cookies()
    browser.get(base + article.get_absolute_url())
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Wiseman on what comes next" in page
    assert "Eve's story is far from over." in page or "Eve’s story is far from over." in page
    assert "It is a brutal world." in page
