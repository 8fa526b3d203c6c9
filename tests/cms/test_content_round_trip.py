import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from articles.demo import DEMO_DIR, load_demo
from articles.importing import article_import
from articles.models import Article, QuoteProposal
from quotes.models import Quote

SEED = (DEMO_DIR / "ballerina-wiseman-2025-06-09.txt").read_text(encoding="utf-8")


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_gives_identical_content(
    tmp_path, django_user_model
):
    load_demo()
    editor = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    article_import(text=SEED, title="Wiseman again", outlet="Entertainment Weekly", by=editor)
    # A timestamp whose microseconds are not whole milliseconds: JSON that keeps only milliseconds
    # would change it on the way round.
    odd_moment = datetime.datetime(2025, 6, 9, 14, 30, 5, 400, tzinfo=datetime.UTC)
    Quote.objects.filter(pk=Quote.objects.order_by("pk")[0].pk).update(updated_at=odd_moment)
    counts = {m: m.objects.count() for m in (Article, Quote, QuoteProposal, django_user_model)}
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    call_command("export_content", output=str(first))
    call_command("flush", interactive=False, verbosity=0)
    assert not Article.objects.exists()
    call_command("import_content", str(first))
    call_command("export_content", output=str(second))

    assert first.read_text() == second.read_text()
    assert Quote.objects.filter(updated_at=odd_moment).count() == 1
    assert {m: m.objects.count() for m in counts} == counts
    assert django_user_model.objects.get(username="ed").check_password("x")


@pytest.mark.django_db
def test_import_refuses_a_database_that_holds_content(tmp_path):
    path = tmp_path / "export.json"
    call_command("export_content", output=str(path))
    load_demo()
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_content", str(path))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b'{"objects": []}', "not a quote desk export"),
        (b'{"format": "quote-desk-content", "version": 99, "objects": []}', "version 99"),
    ],
)
def test_import_refuses_a_file_that_is_not_an_export(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(path))


@pytest.mark.django_db
def test_import_refuses_a_folder(tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        call_command("import_content", str(tmp_path))


@pytest.mark.django_db(transaction=True)
def test_a_broken_export_imports_nothing(tmp_path):
    path = tmp_path / "export.json"
    call_command("export_content", output=str(path))
    load_demo()
    call_command("export_content", output=str(path))
    document = json.loads(path.read_text())
    document["objects"].append({"model": "quotes.quote", "pk": 999, "fields": {"text": ""}})
    path.write_text(json.dumps(document))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_content", str(path))
    assert not Article.objects.exists() and not Quote.objects.exists()
