import pytest
from django.urls import reverse

from articles.demo import DEMO_DIR
from articles.models import ArticleImport, QuoteProposal
from articles.roles import EDITORS, WRITERS
from quotes.models import Person, Quote
from tests.admin.conftest import make_user

pytestmark = pytest.mark.django_db

SEED = (DEMO_DIR / "ballerina-wiseman-2025-06-09.txt").read_text(encoding="utf-8")
ADD_URL = "/admin/articles/articleimport/add/"


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", password="x"))
    return client


def paste(client, **overrides):
    data = {"title": "Wiseman on Eve", "outlet": "Entertainment Weekly", "text": SEED}
    return client.post(ADD_URL, {**data, **overrides})


def review_data(record: ArticleImport, changes: dict[int, dict]) -> dict:
    """The review screen's POST: every proposal row as shown, with some fields changed."""
    proposals = list(record.proposals.order_by("position"))
    data = {
        "proposals-TOTAL_FORMS": len(proposals),
        "proposals-INITIAL_FORMS": len(proposals),
        "proposals-MIN_NUM_FORMS": 0,
        "proposals-MAX_NUM_FORMS": 1000,
    }
    for i, p in enumerate(proposals):
        row = {
            "id": p.pk,
            "article_import": record.pk,
            "person": p.person_id or "",
            "character": p.character_id or "",
            "new_person_name": "",
            "start": p.start,
            "end": p.end,
            "decision": p.decision,
            **changes.get(p.position, {}),
        }
        data.update({f"proposals-{i}-{name}": value for name, value in row.items()})
    return data


def test_paste_page_renders(editor_client):
    response = editor_client.get(ADD_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Import and propose quotes" in page
    # The editor is told how far to trust the proposed speakers (docs/extraction.md).
    assert "the speakers are proposals" in page


def test_pasting_creates_the_import_and_shows_the_review_screen(editor_client, demo):
    response = paste(editor_client)
    record = ArticleImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_articleimport_change", args=[record.pk])
    page = editor_client.get(response.url).content.decode()
    assert page.count("<mark>") == 10
    assert "whole life has been a lie" in page


def test_pasting_an_empty_text_is_a_form_error(editor_client):
    response = paste(editor_client, text="   ")
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not ArticleImport.objects.exists()


def test_review_accepts_rejects_and_names_a_new_speaker(editor_client, db):
    text = (
        'Senator Maria Quintana said, "We will not back down."\n\n'
        '"It is a good day," Len Wiseman said.\n\n'
        'The sign read: "Closed for good."\n'
    )
    Person.objects.create(name="Len Wiseman", slug="len-wiseman")
    paste(editor_client, text=text, title="Mixed")
    record = ArticleImport.objects.get()
    by_text = {p.text: p for p in record.proposals.all()}
    quintana = by_text["We will not back down."]
    wiseman = (
        by_text["It is a good day,"]
        if "It is a good day," in by_text
        else by_text["It is a good day"]
    )
    sign = by_text["Closed for good."]
    changes = {
        quintana.position: {"new_person_name": "Maria Quintana", "decision": "accepted"},
        wiseman.position: {"decision": "accepted"},
        sign.position: {"decision": "rejected"},
    }
    url = reverse("admin:articles_articleimport_change", args=[record.pk])
    response = editor_client.post(url, review_data(record, changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    decisions = dict(record.proposals.values_list("pk", "decision"))
    assert decisions == {quintana.pk: "accepted", wiseman.pk: "accepted", sign.pk: "rejected"}
    quintana.refresh_from_db()
    assert quintana.quote.speaker_person.name == "Maria Quintana"
    assert not Quote.objects.published().exists()


def test_accepting_without_a_speaker_is_a_form_error(editor_client, db):
    paste(editor_client, text='The sign read: "Closed for good."\n', title="Sign")
    record = ArticleImport.objects.get()
    proposal = record.proposals.get()
    url = reverse("admin:articles_articleimport_change", args=[record.pk])
    response = editor_client.post(
        url, review_data(record, {proposal.position: {"decision": "accepted"}})
    )
    assert response.status_code == 200
    assert "Say who said it" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.decision == QuoteProposal.Decision.PENDING


def test_writer_without_quote_permission_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("w", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(ADD_URL).status_code == 403


def test_a_writer_is_not_offered_an_import_they_could_not_review(client):
    """The review screen needs the import's own permissions, which writers do not hold: a
    writer who pasted an article landed on a bare 403 with the draft already made."""
    client.force_login(make_user("wendy", WRITERS))
    assert client.get(ADD_URL).status_code == 403
    assert ADD_URL not in client.get("/admin/").content.decode()
    assert not ArticleImport.objects.exists()


def test_an_editor_may_import_and_review(client):
    client.force_login(make_user("eddie", EDITORS))
    assert ADD_URL in client.get("/admin/").content.decode()
    response = paste(client)
    assert client.get(response["Location"]).status_code == 200
