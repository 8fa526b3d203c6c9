"""End to end in a real headless Chromium: draft changes of a live article, the body
editor, autosave, presence, and a send-back reaching the writer."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from articles.models import Article, Autosave
from core.drafts import draft_of
from tests.browser import chrome_driver
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory
from tests.security.conftest import WATCH_CSP, csp_violations

from .conftest import make_user
from .test_browser_workflow import WAIT, log_in, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_csp(driver):
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_CSP})
    return driver


def wait_text(driver, css, text):
    WebDriverWait(driver, WAIT).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text)
    )


def until(condition):
    WebDriverWait(None, WAIT, poll_frequency=0.2).until(lambda _: condition())


def change_url(base, article):
    return f"{base}/admin/articles/article/{article.pk}/change/"


def test_a_writers_change_to_a_live_article_goes_live_only_when_an_editor_publishes(
    browser, live_server
):
    base = live_server.url
    writer = make_user("wendy", "Writers")
    make_user("eddie", "Editors")
    QuoteFactory(text="Cards are dealt at dawn.", speaker_person=PersonFactory(name="Ana Vox"))
    live = ArticleFactory(title="Live headline", body="Live body.", created_by=writer)
    watch_csp(browser)

    # The writer edits with the toolbar, watches the preview, and inserts a quote.
    log_in(browser, base, "wendy")
    browser.get(change_url(base, live))
    title = browser.find_element(By.ID, "id_title")
    title.clear()
    title.send_keys("Updated headline")
    body = browser.find_element(By.ID, "id_body")
    body.click()
    browser.execute_script("arguments[0].setSelectionRange(0, 4)", body)  # "Live"
    browser.find_element(By.ID, "editor-bold").click()
    wait_text(browser, "#body-preview strong", "Live")
    browser.execute_script(
        "arguments[0].setSelectionRange(arguments[0].value.length, arguments[0].value.length)",
        body,
    )
    browser.find_element(By.ID, "editor-insert-quote").click()
    browser.find_element(By.ID, "quote-search").send_keys("Ana Vox")
    # The answer to the search typed: the list the picker opened with is replaced by it.
    wait_for(browser, "#quote-results[aria-busy='false'] .desk-editor__result").click()
    wait_text(browser, "#body-preview .quote-card", "Cards are dealt at dawn.")
    browser.find_element(By.NAME, "_continue").click()
    wait_text(browser, ".messagelist", "Saved as draft changes")

    # Readers still see the live article.
    browser.delete_all_cookies()
    browser.get(base + live.get_absolute_url())
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Live headline" in page and "Updated headline" not in page

    # The editor sees the draft changes, compares them with what is live, and publishes.
    log_in(browser, base, "eddie")
    browser.get(f"{base}/admin/articles/article/")
    assert "Live, with draft changes" in browser.find_element(By.ID, "result_list").text
    browser.get(change_url(base, live))
    browser.find_element(By.ID, "draft-compare").click()
    table = wait_for(browser, "#compare-table").text
    assert "Live headline" in table and "Updated headline" in table
    browser.get(change_url(base, live))
    browser.find_element(By.ID, "draft-publish").click()
    wait_text(browser, ".messagelist", "Draft changes published")
    assert draft_of(live) is None

    browser.delete_all_cookies()
    browser.get(base + live.get_absolute_url())
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Updated headline" in page and "Cards are dealt at dawn." in page
    assert csp_violations(browser) == []


def test_closing_the_tab_without_saving_keeps_the_text_to_restore(browser, live_server):
    base = live_server.url
    writer = make_user("wendy", "Writers")
    article = ArticleFactory(status="draft", published_at=None, body="Saved.", created_by=writer)
    log_in(browser, base, "wendy")
    browser.get(change_url(base, article))
    browser.find_element(By.ID, "id_body").send_keys(" Typed but never saved.")
    # Leaving the page (as closing the tab does) sends what was typed.
    browser.get(base + "/admin/")
    until(lambda: Autosave.objects.filter(article=article).exists())
    assert Article.objects.get(pk=article.pk).body == "Saved."

    browser.get(change_url(base, article))
    wait_for(browser, "#autosave-offer:not([hidden])")
    browser.find_element(By.ID, "autosave-restore").click()
    assert browser.find_element(By.ID, "id_body").get_attribute("value") == (
        "Saved. Typed but never saved."
    )


def test_two_people_on_one_article_each_see_the_other(browser, live_server):
    base = live_server.url
    make_user("eddie", "Editors")
    make_user("erin", "Editors")
    article = ArticleFactory(status="draft", published_at=None)
    log_in(browser, base, "eddie")
    browser.get(change_url(base, article))
    with chrome_driver() as second:
        log_in(second, base, "erin")
        second.get(change_url(base, article))
        wait_text(second, "#presence", "eddie has this article open since")
        browser.refresh()
        wait_text(browser, "#presence", "erin has this article open since")


def test_a_send_back_with_a_comment_reaches_the_writers_inbox_and_email(
    browser, live_server, settings, capsys
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    base = live_server.url
    writer = make_user("wendy", "Writers")
    writer.email = "wendy@example.org"
    writer.save()
    make_user("eddie", "Editors")
    article = ArticleFactory(
        title="Filed story", status="review", published_at=None, created_by=writer
    )
    log_in(browser, base, "eddie")
    browser.get(change_url(base, article))
    browser.find_element(By.ID, "workflow-comment").send_keys("Check the second quote.")
    browser.find_element(By.ID, "workflow-draft").click()
    wait_text(browser, ".messagelist", "is now draft")

    log_in(browser, base, "wendy")
    queues = browser.find_element(By.ID, "desk-queues").text
    assert "Unread notifications 1" in queues.replace("\n", " ")
    browser.find_element(By.LINK_TEXT, "Unread notifications").click()
    inbox = wait_for(browser, "#result_list").text
    assert "eddie sent “Filed story” back to you" in inbox
    assert "Check the second quote." in inbox
    email = capsys.readouterr().out
    assert "To: wendy@example.org" in email and "Check the second quote." in email


WORD = """<html><head><style>p.MsoNormal {margin: 0}</style></head><body><!--StartFragment-->
<h1>Ballerina</h1>
<p class=MsoNormal>Director <b>Len Wiseman </b>on <i>Ballerina</i>, in
<a href="https://example.com/ew (1)">the interview</a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span>
</span>First point</p>
<p class=MsoListParagraphCxSpLast><span style='mso-list:Ignore'>·<span>&nbsp;</span></span>Second
point</p>
<p class=MsoNormal>A *star* and [sic], <a href="javascript:alert(1)">no link</a>.</p>
<script>document.title = "ran";</script><img src="https://example.com/x.png" alt="x">
<!--EndFragment--></body></html>"""

DOCS = """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">
<p dir="ltr"><span style="font-weight:400;font-style:normal">Plain and </span><span
style="font-weight:700">bold</span><span style="font-style:italic"> italic</span></p>
<blockquote><p>Quoted.</p></blockquote><ol><li>One</li><li>Two</li></ol></b>"""


def paste_html(driver, element, html):
    driver.execute_script(
        """const data = new DataTransfer();
        data.setData("text/html", arguments[1]);
        data.setData("text/plain", "flat text");
        arguments[0].dispatchEvent(new ClipboardEvent("paste", {clipboardData: data,
            bubbles: true, cancelable: true}));""",
        element,
        html,
    )


def test_pasting_from_a_word_processor_keeps_its_formatting_as_markdown(browser, live_server):
    base = live_server.url
    writer = make_user("wendy", "Writers")
    article = ArticleFactory(status="draft", published_at=None, body="", created_by=writer)
    watch_csp(browser)
    log_in(browser, base, "wendy")
    browser.get(change_url(base, article))
    body = browser.find_element(By.ID, "id_body")
    body.click()
    paste_html(browser, body, WORD)
    assert body.get_attribute("value") == (
        "## Ballerina\n\n"
        "Director **Len Wiseman** on *Ballerina*, in "
        "[the interview](https://example.com/ew%20%281%29).\n\n"
        "- First point\n- Second point\n\n"
        "A \\*star\\* and \\[sic\\], no link."
    )
    wait_text(browser, "#body-preview em", "Ballerina")
    preview = browser.find_element(By.ID, "body-preview")
    assert [li.text for li in preview.find_elements(By.TAG_NAME, "li")] == [
        "First point",
        "Second point",
    ]
    assert "A *star* and [sic], no link." in preview.text
    assert browser.title != "ran"
    # Undo takes the paste back, as after typing.
    browser.execute_script("document.execCommand('undo')")
    assert body.get_attribute("value") == ""

    browser.execute_script("arguments[0].value = ''", body)
    paste_html(browser, body, DOCS)
    assert body.get_attribute("value") == (
        "Plain and **bold** *italic*\n\n> Quoted.\n\n1. One\n2. Two"
    )
    assert csp_violations(browser) == []
