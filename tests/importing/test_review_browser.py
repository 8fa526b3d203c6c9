"""The review screen in a real headless Chromium at 1280 px: every column fits, a span is fixed by
selecting words in the passage, a proposed speaker is accepted without retyping."""

import os

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from articles.importing import article_import
from articles.models import QuoteProposal
from quotes.models import Person

from .test_review_screen import NOLAN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT = 15


@pytest.fixture(autouse=True)
def once_per_ci():
    """CI runs the suite on SQLite and again on PostgreSQL; a browser run is enough once."""
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs in the PostgreSQL pass")


# Selects `words` in the passage as a reader would with the mouse: a range over the line's text.
SELECT_WORDS = """
const [words] = arguments;
for (const line of document.querySelectorAll(".import-passage__line")) {
  const at = line.textContent.indexOf(words);
  if (at >= 0) {
    const range = document.createRange();
    range.setStart(line.firstChild, at);
    range.setEnd(line.firstChild, at + words.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }
}
return false;
"""

# Each column's right edge, for what must be visible without scrolling sideways.
RIGHT_EDGES = """
const edges = {};
for (const name of ["in_context", "speaker", "person", "new_person_name", "span", "decision"]) {
  const cell = document.querySelector(`#proposals-group td.field-${name}`);
  edges[name] = cell ? cell.getBoundingClientRect().right : null;
}
edges.viewport = document.documentElement.clientWidth;
return edges;
"""


def log_in(driver, base):
    driver.get(base + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys("ed")
    driver.find_element(By.ID, "id_password").send_keys("pw-ed")
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    # Wait for the signed-in page: navigating on at once can cancel the login POST in flight.
    WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.ID, "user-tools")))


def row_of(driver, proposal: QuoteProposal):
    field = driver.find_element(By.CSS_SELECTOR, f"input[name$='-id'][value='{proposal.pk}']")
    return field.find_element(By.XPATH, "./ancestor::tr")


def test_reviewing_an_import_at_1280_px(browser, live_server, django_user_model, tmp_path):
    editor = django_user_model.objects.create_superuser("ed", password="pw-ed")
    Person.objects.create(name="Christopher Nolan", slug="christopher-nolan")
    record = article_import(text=NOLAN, title="Nolan", outlet="Empire", by=editor).article_import
    proposals = {p.text[:12]: p for p in record.proposals.all()}
    nolan, murphy = proposals["We wanted th"], proposals["I never read"]
    # Pretend extraction got the first span wrong: the editor must fix it.
    QuoteProposal.objects.filter(pk=nolan.pk).update(end=nolan.start + 9)

    browser.set_window_size(1280, 900)
    log_in(browser, live_server.url)
    browser.get(live_server.url + reverse("admin:articles_articleimport_change", args=[record.pk]))
    WebDriverWait(browser, WAIT).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, ".import-passage"))
    )
    browser.save_screenshot(str(os.environ.get("REVIEW_SCREENSHOT") or tmp_path / "review.png"))
    edges = browser.execute_script(RIGHT_EDGES)
    viewport = edges.pop("viewport")
    assert viewport <= 1280
    assert all(right is not None and right <= viewport for right in edges.values()), edges

    assert browser.execute_script(SELECT_WORDS, '"We wanted the audience to feel the scale,"')
    row_of(browser, nolan).find_element(By.CSS_SELECTOR, "button.use-selection").click()
    assert (
        "New span" in row_of(browser, nolan).find_element(By.CSS_SELECTOR, ".field-in_context").text
    )

    murphy_row = row_of(browser, murphy)
    name = murphy_row.find_element(By.CSS_SELECTOR, "input[name$='-new_person_name']")
    assert name.get_attribute("value") == "Cillian Murphy"  # ready, not retyped
    Select(murphy_row.find_element(By.CSS_SELECTOR, "select[name$='-decision']")).select_by_value(
        "accepted"
    )
    browser.find_element(By.NAME, "_continue").click()
    WebDriverWait(browser, WAIT).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success"))
    )

    nolan.refresh_from_db()
    murphy.refresh_from_db()
    assert nolan.text == "We wanted the audience to feel the scale"
    assert murphy.decision == "accepted" and murphy.person.name == "Cillian Murphy"
    speaker = row_of(browser, murphy).find_element(By.CSS_SELECTOR, ".field-speaker").text
    assert speaker.startswith("Cillian Murphy")
