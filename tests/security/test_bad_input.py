"""Bad input everywhere gets a clear answer and writes nothing: the commands given empty, huge,
binary or non-UTF-8 input (files and standard input), request bodies over the size limit, and
two editors saving the same version at the same moment.

What `tests/extraction/test_commands.py` and `tests/importing/` already cover (bad files for
`extract_quotes` and `import_article`, the 5 MB file for `extract_quotes`) is not repeated.
"""

import io
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from quotes.models import Quote, Source
from tests.api.conftest import WRITER_PERMS, client_for, make_user
from tests.factories import QuoteFactory

BASE_DIR = Path(__file__).resolve().parents[2]
HUGE = b"Words. " * (5 * 1024 * 1024 // 7 + 2)
BAD_INPUTS = [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"\n \t\n", "empty", id="blank"),
    pytest.param(b"GIF89a\x00\x01\x02\x03", "binary", id="binary"),
    pytest.param("“Café,” she said.".encode("cp1252"), "UTF-8", id="cp1252"),
    pytest.param(HUGE, "5 MB", id="huge"),
]


def with_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize(("data", "message"), BAD_INPUTS)
def test_extract_quotes_refuses_bad_standard_input_with_one_line(data, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_quotes", "-"],
        cwd=BASE_DIR,
        input=data,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == b""
    error = result.stderr.decode().strip()
    assert message in error
    assert "Traceback" not in error and len(error.splitlines()) == 1, error


def test_extract_quotes_reads_standard_input():
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_quotes", "-"],
        cwd=BASE_DIR,
        input=b'"Hello there," Jane Doe said.\n',
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b'"speaker": "Jane Doe"' in result.stdout


def import_article(path: str) -> None:
    call_command("import_article", path, "--title", "T", "--outlet", "Some Outlet")


@pytest.mark.django_db
def test_import_article_refuses_a_file_over_5_mb(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(HUGE)
    with pytest.raises(CommandError, match="5 MB"):
        import_article(str(path))
    assert not Article.objects.exists() and not Source.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), BAD_INPUTS)
def test_import_article_refuses_bad_standard_input(monkeypatch, data, message):
    with_stdin(monkeypatch, data)
    with pytest.raises(CommandError, match=message):
        import_article("-")
    assert not Article.objects.exists() and not Source.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "not JSON", id="empty"),
        pytest.param(b"\x00\x01\x02\xff\xfe", "not UTF-8", id="binary"),
        pytest.param('{"format": "café"}'.encode("latin-1"), "not UTF-8", id="latin-1"),
        pytest.param(b'{"format": "quote-desk"', "not JSON", id="truncated"),
        pytest.param(b"[1, 2, 3]", "not a quote desk export", id="not-ours"),
    ],
)
def test_import_content_refuses_bad_files_and_writes_nothing(tmp_path, data, message):
    path = tmp_path / "export.json"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(path))
    assert not Quote.objects.exists() and not Source.objects.exists()


def test_import_article_names_a_bad_date_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_article", "-", "--title", "T", "--outlet", "X"]
        + ["--published-on", "yesterday"],
        cwd=BASE_DIR,
        input=b"",
        capture_output=True,
        timeout=60,
    )
    error = result.stderr.decode()
    assert result.returncode == 2
    assert "--published-on: 'yesterday' is not a date like 2025-06-09" in error
    assert "Traceback" not in error


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["", "two words", "x" * 151])
def test_ensure_admin_refuses_a_username_the_login_would_refuse(
    django_user_model, monkeypatch, username
):
    monkeypatch.setenv("CMS_ADMIN_PASSWORD", "a long enough password")
    with pytest.raises(CommandError, match="--username"):
        call_command("ensure_admin", "--username", username, stdout=io.StringIO())
    assert not django_user_model.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "too short"),
        ("password123", "too common"),
        ("8675309123", "entirely numeric"),
        ("admin1234", "too similar to the username"),
    ],
)
def test_ensure_admin_refuses_a_password_django_s_validators_refuse(
    django_user_model, monkeypatch, password, reason
):
    """Only the length was checked: `make run` created a superuser `admin` with the password
    "password123", which the admin's own password change would refuse."""
    monkeypatch.setenv("CMS_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match=f"CMS_ADMIN_PASSWORD: .*{reason}"):
        call_command("ensure_admin", stdout=io.StringIO())
    assert not django_user_model.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["missing/export.json", "."], ids=["no-folder", "a-folder"])
def test_export_content_to_a_path_it_cannot_write_is_a_clear_error(tmp_path, where):
    with pytest.raises(CommandError, match="cannot write it"):
        call_command("export_content", "-o", str(tmp_path / where), stderr=io.StringIO())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_failed_export_leaves_the_previous_one_whole(tmp_path, monkeypatch):
    from cms.management.commands import export_content

    previous = tmp_path / "export.json"
    previous.write_text('{"format": "quote-desk-content"}\n')

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_content.os, "replace", disk_full)
    with pytest.raises(CommandError, match="No space left"):
        call_command("export_content", "-o", str(previous), stderr=io.StringIO())
    assert previous.read_text() == '{"format": "quote-desk-content"}\n'
    assert list(tmp_path.iterdir()) == [previous]


@pytest.fixture
def editor(db, django_user_model):
    return make_user(
        django_user_model,
        "editor",
        [*WRITER_PERMS, "quotes.approve_quote", "articles.publish_article"],
    )


@pytest.mark.parametrize("limit", [None, 20_000])
def test_an_oversized_api_body_is_a_413_and_writes_nothing(settings, editor, limit):
    if limit:
        settings.CMS_MAX_REQUEST_BYTES = limit
    limit = settings.CMS_MAX_REQUEST_BYTES
    source = QuoteFactory().source
    before = Quote.objects.count()
    body = {"text": "x" * (limit + 1), "speaker_person": "nobody", "source": source.pk}
    response = client_for(editor).post("/api/v1/quotes/", body, format="json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert f"the limit is {limit} bytes" in response.json()["detail"]
    assert Quote.objects.count() == before


@pytest.mark.parametrize("length", ["abc", "1" * 5000, "-1"])
def test_a_bad_content_length_under_the_api_is_a_400_in_its_format(editor, length):
    """It was the site's text/plain "Bad Content-Length header." (and `-1` was let through)."""
    response = client_for(editor).generic(
        "POST", "/api/v1/quotes/", b"{}", content_type="application/json", CONTENT_LENGTH=length
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Bad Content-Length header."}


def test_an_oversized_admin_form_is_a_413_and_writes_nothing(client, settings, editor):
    settings.CMS_MAX_REQUEST_BYTES = 20_000
    editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    source = QuoteFactory().source
    before = Quote.objects.count()
    response = client.post(
        "/admin/quotes/quote/add/",
        {"text": "y" * 20_001, "source": source.pk, "state": "pending"},
    )
    assert response.status_code == 413
    assert "the limit is 20000 bytes" in response.content.decode()
    assert Quote.objects.count() == before
    # Just under the limit the same door answers as usual (the form, with its errors).
    assert client.post("/admin/quotes/quote/add/", {"text": "y" * 100}).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_version_at_once_one_wins_one_gets_412(django_user_model):
    """Both send the same If-Match at the same moment; the row lock lets exactly one through.
    (The admin's equivalent is tests/admin/test_stale.py; the sequential API case is
    tests/api/test_writes.py::test_a_stale_if_match_is_a_412.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    perms = [*WRITER_PERMS, "quotes.approve_quote"]
    clients = [client_for(make_user(django_user_model, f"ed{n}", perms)) for n in (1, 2)]
    quote = QuoteFactory(text="The original words.")
    etag = clients[0].get(f"/api/v1/quotes/{quote.pk}/")["ETag"]
    barrier = threading.Barrier(2)
    statuses: dict[int, int] = {}

    def save(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            response = clients[n].patch(
                f"/api/v1/quotes/{quote.pk}/",
                {"text": f"Edited by editor {n}."},
                format="json",
                HTTP_IF_MATCH=etag,
            )
            statuses[n] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses.values()) == [200, 412], statuses
    winner = next(n for n, status in statuses.items() if status == 200)
    quote.refresh_from_db()
    assert quote.text == f"Edited by editor {winner}."
    assert quote.version == 2


@pytest.mark.django_db
def test_ensure_admin_run_again_says_how_to_set_a_lost_password(monkeypatch):
    """`make run` prints the generated password once; run again with CMS_ADMIN_PASSWORD set,
    as the first message suggests, it only said the password was unchanged."""
    call_command("ensure_admin", stdout=io.StringIO())
    monkeypatch.setenv("CMS_ADMIN_PASSWORD", "a long enough password")
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "unchanged" in out.getvalue()
    assert "manage.py changepassword admin" in out.getvalue()
