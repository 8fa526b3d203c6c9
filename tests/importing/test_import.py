import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from articles.demo import DEMO_DIR
from articles.importing import (
    article_import,
    proposal_accept,
    proposal_reject,
    proposal_set_span,
    proposal_set_speaker,
)
from articles.models import Article, ArticleImport, QuoteProposal
from quotes.models import Person, Quote, Source

pytestmark = pytest.mark.django_db

SEED_PATH = DEMO_DIR / "ballerina-wiseman-2025-06-09.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")


def import_seed(**overrides):
    values = {
        "text": SEED,
        "title": "Wiseman on Eve",
        "outlet": "Entertainment Weekly",
        "via_outlet": "ActioNewz.com",
        "via_url": "https://www.actionewz.com/ballerina-wiseman",
    }
    return article_import(**{**values, **overrides})


def test_import_creates_a_draft_with_the_source_chain_and_unapproved_quotes(demo):
    result = import_seed()
    article = result.article
    assert article.status == Article.Status.DRAFT
    assert article.body == SEED
    source = result.article_import.source
    assert [hop.outlet.name for hop in source.chain()] == ["Entertainment Weekly", "ActioNewz.com"]
    assert source.via.text == SEED
    proposals = list(result.article_import.proposals.select_related("quote"))
    assert len(proposals) == 10
    assert all(p.quote.state == Quote.State.PENDING for p in proposals)
    assert {p.quote.speaker.name for p in proposals} == {"Len Wiseman", "Eve", "The Chancellor"}
    assert all(SEED[p.start : p.end] == p.text == p.quote.text for p in proposals)
    nested = [p for p in proposals if p.parent_id]
    assert len(nested) == 2
    assert all(p.quote.parent == p.parent.quote for p in nested)
    assert article.featured_quotes.count() == 8


def test_importing_the_same_article_twice_duplicates_nothing(demo):
    import_seed()
    counts = [m.objects.count() for m in (Article, Quote, Source, QuoteProposal, Person)]
    again = import_seed()
    assert not again.created
    assert [m.objects.count() for m in (Article, Quote, Source, QuoteProposal, Person)] == counts


def test_imported_quotes_are_never_public_until_approved(demo, client):
    result = import_seed(title="Embargoed marker QUUX")
    published_ids = set(Quote.objects.published().values_list("pk", flat=True))
    imported_ids = set(result.article_import.proposals.values_list("quote", flat=True))
    assert not published_ids & imported_ids
    assert "QUUX" not in client.get("/").content.decode()
    assert client.get(result.article.get_absolute_url()).status_code == 404


def test_unknown_speaker_is_proposed_not_created(db):
    text = 'Senator Maria Quintana said, "We will not back down on this bill."\n'
    result = article_import(text=text, title="Bill", outlet="The Capitol Times")
    proposal = result.article_import.proposals.get()
    assert proposal.speaker_name == "Maria Quintana"
    assert proposal.quote is None and proposal.person is None
    assert not Person.objects.exists()
    assert result.unmatched_names == ["Maria Quintana"]


def test_editor_creates_the_proposed_person_then_accepts(db, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", password="x")
    text = 'Senator Maria Quintana said, "We will not back down on this bill."\n'
    proposal = article_import(text=text, title="Bill", outlet="X").article_import.proposals.get()
    proposal_set_speaker(proposal=proposal, by=editor, new_person_name="Maria Quintana")
    proposal_accept(proposal=proposal, by=editor)
    proposal.refresh_from_db()
    assert proposal.decision == "accepted"
    assert proposal.quote.speaker_person.name == "Maria Quintana"
    assert proposal.quote.state == Quote.State.PENDING


def test_accepting_without_a_speaker_is_refused(db, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", password="x")
    text = 'The sign read: "Closed until further notice, and for good."\n'
    result = article_import(text=text, title="Sign", outlet="X")
    proposal = result.article_import.proposals.get()
    with pytest.raises(ValidationError):
        proposal_accept(proposal=proposal, by=editor)


def test_fixing_the_span_takes_the_text_from_the_article(demo, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", password="x")
    proposal = import_seed().article_import.proposals.order_by("position").first()
    proposal_set_span(proposal=proposal, start=proposal.start, end=proposal.start + 20, by=editor)
    proposal.refresh_from_db()
    assert proposal.text == proposal.quote.text == SEED[proposal.start : proposal.start + 20]
    with pytest.raises(ValidationError):
        proposal_set_span(proposal=proposal, start=10, end=10**7, by=editor)


def test_rejecting_a_proposal_rejects_its_quote_and_nested_lines(demo, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", password="x")
    result = import_seed()
    parent = result.article_import.proposals.filter(children__isnull=False).first()
    proposal_reject(proposal=parent, by=editor)
    parent.refresh_from_db()
    assert parent.quote.state == Quote.State.REJECTED
    assert all(c.quote.state == Quote.State.REJECTED for c in parent.children.all())
    assert not result.article.featured_quotes.filter(quote=parent.quote).exists()


def test_import_command_prints_a_summary_and_is_idempotent(demo):
    args = [str(SEED_PATH), "--title", "T", "--outlet", "Entertainment Weekly"]
    out = io.StringIO()
    call_command("import_article", *args, stdout=out)
    assert "10 quotes proposed" in out.getvalue()
    out = io.StringIO()
    call_command("import_article", *args, stdout=out)
    assert "nothing changed" in out.getvalue()
    assert ArticleImport.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"caf\xe9 au lait", "UTF-8")],
)
def test_import_command_refuses_bad_files_and_writes_nothing(db, tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_article", str(path), "--title", "T", "--outlet", "X")
    assert not Article.objects.exists() and not Source.objects.exists()


def test_import_command_refuses_a_missing_file(db):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_article", "/nonexistent.txt", "--title", "T", "--outlet", "X")


def test_import_command_says_a_folder_is_a_folder(db, tmp_path):
    with pytest.raises(CommandError, match="is a folder, not a text file"):
        call_command("import_article", str(tmp_path), "--title", "T", "--outlet", "X")
    assert not Article.objects.exists()


def test_import_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "import_article", str(SEED_PATH), "--title", "T", "--outlet", "X",
            "--published-on", "yesterday",
        )  # fmt: skip


def test_a_line_found_deeper_than_readers_are_shown_is_proposed_within_the_deepest_shown():
    from articles.importing import within_nesting
    from quotes.querysets import NESTING_LEVELS

    parents: list = []
    for found_in in [None, 0, 1, 2, 3, None, 5]:  # one chain four deep, then a quote and its line
        parents.append(within_nesting(parents, found_in))

    def depth(index):
        return 0 if parents[index] is None else 1 + depth(parents[index])

    assert parents == [None, 0, 1, 1, 1, None, 5]
    assert max(depth(index) for index in range(len(parents))) == NESTING_LEVELS


def test_an_import_printed_in_a_source_whose_chain_is_full_records_the_interview_on_its_own(
    db,
):
    """The importer relays the interview through the source that printed it when that keeps
    the chain within what readers see (`CHAIN_LEVELS`); a printed source already at the end of
    such a chain (an editor relayed it through others) does not fail the import: the interview
    is recorded without a via, and the article cites both."""
    from quotes.querysets import CHAIN_LEVELS
    from tests.factories import OutletFactory, SourceFactory

    relay = None
    for _ in range(CHAIN_LEVELS - 1):
        relay = SourceFactory(via=relay)
    printed = SourceFactory(
        outlet=OutletFactory(name="ActioNewz.com"),
        url="https://www.actionewz.com/ballerina-wiseman",
        via=relay,
    )
    assert len(printed.chain()) == CHAIN_LEVELS
    result = import_seed()
    said_to = result.article_import.source
    assert said_to.outlet.name == "Entertainment Weekly"
    assert said_to.via is None
    assert set(result.article.sources.all()) == {said_to, printed}
