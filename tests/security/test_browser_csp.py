"""Under the site's Content Security Policy (no inline scripts anywhere), the pages that run
third-party JavaScript still work in a real Chromium: Swagger UI and the admin."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from articles.models import Article
from tests.factories import ArticleFactory

from .conftest import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT = 20


def wait_for(driver, css):
    return WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_swagger_ui_renders_the_operations_with_no_csp_violation(watched_browser, live_server):
    watched_browser.get(live_server.url + "/api/v1/docs/")
    wait_for(watched_browser, ".opblock")
    operations = watched_browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    paths = {element.get_attribute("data-path") for element in operations}
    assert "/api/v1/quotes/" in paths
    assert len(operations) >= 30
    assert csp_violations(watched_browser) == []


def test_admin_login_and_change_form_work_with_no_csp_violation(
    watched_browser, live_server, django_user_model
):
    django_user_model.objects.create_superuser("chief", password="pw-chief-desk-2025")
    article = ArticleFactory(title="Under the policy", status=Article.Status.DRAFT)
    driver = watched_browser
    driver.get(live_server.url + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys("chief")
    driver.find_element(By.ID, "id_password").send_keys("pw-chief-desk-2025")
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(driver, "#user-tools")  # only once signed in (the login page has #site-name too)
    assert csp_violations(driver) == []

    driver.get(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    title = wait_for(driver, "#id_title")
    # The admin's own scripts ran: the prepopulated slug and the autocomplete widgets.
    wait_for(driver, ".select2-container")
    title.clear()
    title.send_keys("Still under the policy")
    driver.find_element(By.NAME, "_continue").click()
    wait_for(driver, ".messagelist .success")
    assert csp_violations(driver) == []
    article.refresh_from_db()
    assert article.title == "Still under the policy"


def test_quote_page_copy_button_copies_a_citation_with_no_csp_violation(
    watched_browser, live_server
):
    from articles.demo import load_demo
    from quotes.models import Quote

    load_demo()
    quote = Quote.objects.get(text__startswith="She's checked herself")
    driver = watched_browser
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": live_server.url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    driver.get(live_server.url + quote.get_absolute_url())
    button = wait_for(driver, "button[data-copy-target='cite-apa']")
    WebDriverWait(driver, WAIT).until(lambda d: button.is_displayed())
    # The site scrolls smoothly: jump instead, so the click lands where the button is.
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button
    )
    button.click()
    status = driver.find_element(By.ID, "copy-status")
    WebDriverWait(driver, WAIT).until(lambda d: status.get_attribute("textContent"))
    assert status.get_attribute("textContent") == "Copied: APA citation"
    copied = driver.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], () => arguments[0](null));"
    )
    assert copied == driver.find_element(By.ID, "cite-apa").get_attribute("textContent").strip()
    assert csp_violations(driver) == []
