import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Q
from django.utils import timezone

from articles.markup import render_markdown
from articles.models import Article, FeaturedQuote
from quotes.models import BoxOfficeFigure, Character, Credit, Film, Outlet, Person, Quote, Source
from tools.seed.vocabulary import COMMON_WORD, RARE_COUNT, RARE_WORDS

pytestmark = pytest.mark.django_db


def seed(*args: str) -> None:
    call_command("seed_bulk", *args, verbosity=0)


@pytest.fixture
def seeded():
    seed("--quotes=400", "--articles=30", "--people=40", "--films=12", "--seed=7")


def test_seed_bulk_writes_the_requested_counts(seeded):
    assert Quote.objects.count() == 400
    assert Article.objects.count() == 30
    assert Person.objects.count() == 40
    assert Film.objects.count() == 12
    assert Character.objects.exists()
    assert Outlet.objects.exists()
    assert Credit.objects.exists()
    assert BoxOfficeFigure.objects.exists()


def test_articles_have_a_section_and_a_byline(seeded):
    assert not Article.objects.filter(section__isnull=True).exists()
    assert not Article.objects.annotate(n=Count("bylines")).filter(n=0).exists()
    assert all(article.byline for article in Article.objects.for_list())


def test_articles_are_in_every_workflow_state_with_featured_quotes(seeded):
    statuses = set(Article.objects.values_list("status", flat=True))
    assert statuses == {choice.value for choice in Article.Status}
    now = timezone.now()
    assert not Article.objects.filter(status="scheduled", published_at__lte=now).exists()
    assert not Article.objects.filter(status="published", published_at__gt=now).exists()
    assert Article.objects.published().filter(status="published").exists()
    without_quotes = Article.objects.annotate(n=Count("featured_quotes")).filter(n=0)
    assert not without_quotes.exists()
    # Featured quotes are public, so a published article shows them.
    featured = Quote.objects.filter(featurings__isnull=False)
    assert featured.count() == featured.filter(state="approved", parent__isnull=True).count()


def test_quotes_have_both_kinds_of_speaker_nesting_states_and_films(seeded):
    assert Quote.objects.filter(speaker_person__isnull=False).exists()
    assert Quote.objects.filter(speaker_character__isnull=False).exists()
    nested = Quote.objects.filter(parent__isnull=False)
    assert 0 < nested.count() < 40  # about 5% of 400
    assert not nested.filter(parent_id__gte=F("id")).exists()
    assert set(Quote.objects.values_list("state", flat=True)) == {
        "approved",
        "pending",
        "rejected",
    }
    assert Quote.objects.filter(state="approved").count() > 300
    assert len(set(Quote.objects.values_list("verification_status", flat=True))) >= 3
    assert Quote.objects.filter(films__isnull=False).exists()


def test_sources_reach_us_through_via_chains_of_one_to_three_hops(seeded):
    depths = []
    for source in Source.objects.filter(quotes__isnull=False, via__isnull=False).distinct():
        depths.append(len(source.chain()) - 1)
    assert depths
    assert set(depths) <= {1, 2, 3}
    assert {1, 2} <= set(depths)


def test_every_row_passes_the_models_validation_and_constraints(seeded):
    speaker_rule = Q(speaker_person__isnull=False, speaker_character__isnull=True) | Q(
        speaker_person__isnull=True, speaker_character__isnull=False
    )
    assert Quote.objects.exclude(speaker_rule).count() == 0
    for model in (Person, Character, Film, Outlet, Source, Quote, Article, Credit):
        for obj in model.objects.order_by("?")[:15]:
            obj.full_clean()
    for figure in BoxOfficeFigure.objects.all()[:15]:
        figure.full_clean()
    # Sequences moved past the ids written: the next ordinary save gets a fresh id.
    quote = Quote.objects.order_by("id").first()
    copy = Quote.objects.create(
        text="A new line.", speaker_person=Person.objects.first(), source=quote.source
    )
    assert copy.pk > Quote.objects.exclude(pk=copy.pk).order_by("-id").first().pk


def test_body_html_is_what_render_markdown_makes_of_the_body(seeded):
    for article in Article.objects.order_by("id")[:10]:
        assert article.body_html == render_markdown(article.body)


def test_search_words_are_planted(seeded):
    for word in RARE_WORDS:
        assert Quote.objects.filter(text__contains=word).count() == RARE_COUNT
    common = Quote.objects.filter(text__icontains=COMMON_WORD).count()
    assert common > 400 * 0.15


def test_same_seed_gives_the_same_texts_and_another_seed_does_not():
    def snapshot():
        return (
            list(Quote.objects.order_by("id").values_list("text", flat=True)),
            list(Article.objects.order_by("id").values_list("title", "body")),
            list(Person.objects.order_by("id").values_list("name", flat=True)),
        )

    seed("--quotes=120", "--seed=3")
    first = snapshot()
    seed("--quotes=120", "--seed=3", "--reset")
    assert snapshot() == first
    seed("--quotes=120", "--seed=4", "--reset")
    assert snapshot()[0] != first[0]


def test_seeding_again_without_reset_adds_rows_without_clashes():
    seed("--quotes=60", "--seed=1")
    seed("--quotes=60", "--seed=1")
    assert Quote.objects.count() == 120
    assert FeaturedQuote.objects.values("article").distinct().count() == Article.objects.count()


@pytest.mark.parametrize(
    "args",
    [
        ["--quotes=-5"],
        ["--quotes=ten"],
        ["--quotes=0"],
        ["--quotes=10", "--articles=-1"],
        ["--quotes=10", "--people=0"],
        ["--quotes=10", "--seed=1.5"],
    ],
)
def test_bad_arguments_are_a_command_error_and_write_nothing(args):
    with pytest.raises(CommandError):
        seed(*args)
    assert not Quote.objects.exists()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no COPY")
def test_compare_copy_needs_postgresql():
    with pytest.raises(CommandError, match="PostgreSQL"):
        seed("--quotes=10", "--compare-copy")


def test_dates_are_consistent(seeded):
    for quote in Quote.objects.select_related("source").filter(said_on__isnull=False)[:50]:
        assert quote.said_on == quote.source.published_on
    for article in Article.objects.filter(published_at__isnull=False):
        assert article.created_at <= article.published_at + dt.timedelta(seconds=1)
