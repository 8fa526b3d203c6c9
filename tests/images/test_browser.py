"""In a real headless Chromium: an editor uploads a photo in the admin, picks it as an
article's lead image through the chooser, and a reader's browser loads it; and puts a library
image in a body with the editor's "Insert image"."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from images.models import Image
from tests.admin.conftest import make_user
from tests.admin.test_browser_editor import wait_text, watch_csp
from tests.admin.test_browser_workflow import WAIT, log_in, wait_for
from tests.factories import ArticleFactory
from tests.images.helpers import stored_image
from tests.images.pictures import GPS_IFD, metadata_of, photo_bytes
from tests.security.conftest import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_uploads_a_photo_and_readers_see_it(browser, live_server, tmp_path, media_root):
    base = live_server.url
    make_user("eddie", "Editors")
    article = ArticleFactory(title="A story with a picture")
    photo = tmp_path / "IMG_0001.JPG"
    photo.write_bytes(photo_bytes((2000, 1500), orientation=6))

    log_in(browser, base, "eddie")
    browser.get(base + "/admin/images/image/add/")
    file_input = browser.find_element(By.ID, "id_file")
    assert "image/jpeg" in file_input.get_attribute("accept")
    file_input.send_keys(str(photo))
    browser.find_element(By.ID, "id_title").send_keys("On set")
    browser.find_element(By.ID, "id_alt_text").send_keys("The director beside the camera")
    browser.find_element(By.ID, "id_credit").send_keys("Desk photo")
    browser.find_element(By.NAME, "_save").click()
    wait_for(browser, ".messagelist .success")
    image = Image.objects.get()
    assert (image.width, image.height, image.uploaded_by.username) == (1500, 2000, "eddie")
    assert GPS_IFD not in metadata_of(media_root / image.file.name)["exif"]
    # The library's list shows thumbnails.
    thumb = browser.find_element(By.CSS_SELECTOR, "#result_list img")
    assert browser.execute_script("return arguments[0].naturalWidth", thumb) > 0

    # The chooser: the magnifier opens the library in a pop-up; a click picks the image.
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
    main = browser.current_window_handle
    browser.find_element(By.ID, "lookup_id_lead_image").click()
    WebDriverWait(browser, WAIT).until(lambda d: len(d.window_handles) == 2)
    browser.switch_to.window(next(h for h in browser.window_handles if h != main))
    wait_for(browser, "#result_list img")
    browser.find_element(By.LINK_TEXT, "On set").click()
    browser.switch_to.window(main)
    lead = browser.find_element(By.ID, "id_lead_image")
    assert lead.get_attribute("value") == str(image.pk)
    # The article is live: an editor's plain save would keep the change as a draft.
    browser.find_element(By.NAME, "_publish").click()
    wait_for(browser, ".messagelist .success")
    article.refresh_from_db()
    assert article.lead_image_id == image.pk

    # A reader's browser loads the lead image, sized by its attributes.
    browser.delete_all_cookies()
    browser.get(base + article.get_absolute_url())
    img = wait_for(browser, ".article__lead-image img")
    WebDriverWait(browser, WAIT).until(
        lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
    )
    assert img.get_attribute("alt") == "The director beside the camera"
    assert browser.execute_script("return arguments[0].currentSrc", img).endswith(".webp")
    assert browser.find_element(By.CSS_SELECTOR, ".article__lead-image source[type='image/webp']")


def test_insert_image_puts_a_library_image_in_the_body(browser, live_server, media_root):
    base = live_server.url
    make_user("eddie", "Editors")
    image = stored_image(title="Harbour at night", caption="The quay", credit="Desk photo")
    article = ArticleFactory(status="draft", published_at=None, body="First paragraph.")
    watch_csp(browser)
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/{article.pk}/change/")
    body = browser.find_element(By.ID, "id_body")
    browser.execute_script("arguments[0].setSelectionRange(999, 999)", body)
    browser.find_element(By.ID, "editor-insert-image").click()
    browser.find_element(By.ID, "image-search").send_keys("harbour")
    # The answer to the search typed: the list the picker opened with is replaced by it.
    wait_for(browser, "#image-results[aria-busy='false'] .desk-editor__result img").click()
    assert f"[[image:{image.pk}]]" in body.get_attribute("value")
    wait_text(browser, "#body-preview figcaption", "The quay")
    img = browser.find_element(By.CSS_SELECTOR, "#body-preview figure img")
    WebDriverWait(browser, WAIT).until(
        lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
    )
    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, ".messagelist .success")
    assert [row.image_id for row in article.body_images.all()] == [image.pk]
    assert csp_violations(browser) == []
