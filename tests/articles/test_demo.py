import pytest
from django.core.management import call_command

from articles.demo import DEMO_DIR, load_demo
from articles.models import Article
from quotes.models import BoxOfficeFigure, Character, Film, Person, Quote, Source

pytestmark = pytest.mark.django_db

SEED = (DEMO_DIR / "ballerina-wiseman-2025-06-09.txt").read_text(encoding="utf-8")


def snapshot() -> dict:
    models = [Article, Quote, Person, Character, Film, Source, BoxOfficeFigure]
    return {
        model.__name__: sorted(tuple(str(v) for v in row) for row in model.objects.values_list())
        for model in models
    }


def test_loader_is_idempotent(demo):
    before = snapshot()
    report = load_demo()
    assert not report.changed, report.summary()
    assert snapshot() == before


def test_load_demo_command_says_nothing_changed_the_second_time(db, capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out


def test_demo_article_is_published_with_the_full_text(demo):
    assert Article.objects.published().get() == demo
    assert demo.body == SEED


def test_every_demo_quote_is_verbatim_in_the_article(demo):
    quotes = Quote.objects.all()
    assert quotes.count() == 10
    for quote in quotes:
        assert quote.text in demo.body, quote.text


def test_demo_has_eight_wiseman_quotes_and_two_nested_character_lines(demo):
    wiseman = Person.objects.get(name="Len Wiseman")
    top = Quote.objects.published().filter(parent__isnull=True)
    assert top.count() == 8
    assert set(top.values_list("speaker_person", flat=True)) == {wiseman.pk}
    nested = Quote.objects.filter(parent__isnull=False).select_related("speaker_character")
    assert {q.speaker_character.name for q in nested} == {"Eve", "The Chancellor"}
    assert list(demo.featured_quotes.values_list("quote__text", flat=True)) == list(
        top.order_by("id").values_list("text", flat=True)
    )


def test_demo_source_chain_runs_from_entertainment_weekly_via_actionewz(demo):
    quote = Quote.objects.filter(parent__isnull=True).first()
    assert [hop.outlet.name for hop in quote.source.chain()] == [
        "Entertainment Weekly",
        "ActioNewz.com",
    ]


def test_demo_people_films_and_box_office(demo):
    assert set(Person.objects.values_list("name", flat=True)) == {
        "Len Wiseman", "Ana de Armas", "Keanu Reeves", "Ian McShane", "Chad Stahelski",
    }  # fmt: skip
    assert Film.objects.count() == 5
    assert set(Character.objects.values_list("name", flat=True)) == {
        "Eve", "John Wick", "Winston", "The Chancellor",
    }  # fmt: skip
    ballerina = Film.objects.get(slug="ballerina")
    assert ballerina.franchise.name == "John Wick"
    assert ballerina.credits.get(role="director").person.name == "Len Wiseman"
    assert ballerina.credits.get(character__name="Eve").person.name == "Ana de Armas"
    opening = ballerina.box_office_figures.get(kind="opening")
    assert (opening.amount, opening.currency, opening.territory, str(opening.as_of)) == (
        51_000_000, "USD", "worldwide", "2025-06-09",
    )  # fmt: skip
    assert ballerina.box_office_figures.get(kind="budget").amount == 90_000_000


def test_demo_article_is_in_the_film_section_tagged_and_bylined_to_the_desk(demo):
    article = Article.objects.with_authors().get(pk=demo.pk)
    assert article.section.name == "Film"
    assert sorted(tag.name for tag in article.tags.all()) == ["Ballerina", "John Wick"]
    (author,) = article.author_list()
    # The seed names no writer: the byline is the desk's own profile, not an invented person.
    assert (author.name, author.slug, author.is_organization) == (
        "Quote desk staff",
        "quote-desk-staff",
        True,
    )
    assert article.byline == "Quote desk staff"
