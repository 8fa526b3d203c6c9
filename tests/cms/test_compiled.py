"""Querysets compiled once per process (`core.compiled`): the SQL is the queryset's, and the
time is bound at each use, so a rule compiled at start-up still follows the clock."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from articles.models import Article
from core import compiled
from core.surrogate import next_scheduled_change
from quotes.models import Outlet, Person, Source
from quotes.querysets import load_source_chains
from tests.factories import (
    ArticleFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_the_sql_is_the_querysets_own_with_the_time_bound_at_each_use():
    def live():
        return Article.objects.published().values("pk")

    statement = compiled.statement(("test", "live"), live)
    at = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=at):
        sql, params = live().query.sql_with_params()
    assert statement.sql == sql
    assert statement.bind(at) == list(params)
    assert len(statement.moments) == 2  # published_at <= now, and not unpublish_at <= now


def test_a_builder_that_reads_the_clock_itself_is_refused():
    def stale():
        return Article.objects.filter(published_at__lte=timezone.now()).values("pk")

    with pytest.raises(ImproperlyConfigured, match="go stale"):
        compiled.statement(("test", "stale"), stale)


def test_a_writers_person_shows_when_the_scheduled_article_using_it_goes_live():
    person = PersonFactory(held_until_used=True)
    at = timezone.now() + timedelta(hours=1)
    article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=at)
    article.people.add(person)
    assert not Person.objects.published().filter(pk=person.pk).exists()  # compiled here
    later = at + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert Person.objects.published().filter(pk=person.pk).exists()
    assert not Person.objects.published().filter(pk=person.pk).exists()


def test_the_next_scheduled_change_follows_the_time_it_is_asked_at():
    now = timezone.now()
    first, second = now + timedelta(minutes=5), now + timedelta(minutes=9)
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=first, unpublish_at=second)
    assert next_scheduled_change(now) == first
    assert next_scheduled_change(first) == second
    assert next_scheduled_change(second) is None


def test_a_time_read_by_a_raw_cursor_is_an_aware_one():
    """SQLite's cursor gives text; PostgreSQL's an aware time."""
    moment = timezone.now().replace(microsecond=0)
    assert compiled.as_moment(moment.isoformat()) == moment
    assert compiled.as_moment(moment.replace(tzinfo=None).isoformat()) == moment
    assert compiled.as_moment(None) is None


def test_a_statement_built_of_others_compiles_from_cold():
    """An outlet is public through public films, whose rule is compiled too: compiling the one
    compiles the other inside it (a lock that was not reentrant hung here). Compiled in a
    thread, so that a hang fails the test rather than the run; compiling reads nothing."""
    compiled.statements.clear()
    done = []
    worker = threading.Thread(
        target=lambda: done.append(Outlet.objects.published().query.sql_with_params()),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=30)
    assert done, "compiling the outlets' rule did not finish"
    outlet = OutletFactory(held_until_used=True)
    assert outlet not in Outlet.objects.published()
    FilmFactory(studio=outlet)
    assert outlet in Outlet.objects.published()


def test_keyed_rows_are_the_querysets_values_for_any_keys_of_that_count():
    """Compiled for two keys, the statement reads whatever two keys it is given, with the
    values `.values()` gives (times converted as the ORM converts them on either engine)."""
    at = timezone.now() - timedelta(days=1)
    articles = ArticleFactory.create_batch(4, status=Article.Status.PUBLISHED, published_at=at)
    ids = [article.pk for article in articles]

    def build(keys):
        return (
            Article.objects.published()
            .filter(pk__in=keys)
            .order_by("id")
            .values("id", "title", "published_at")
        )

    first = compiled.keyed_rows(("test", "keyed"), build, ids[:2])
    second = compiled.keyed_rows(("test", "keyed"), build, ids[2:])
    assert first == list(build(ids[:2]))
    assert second == list(build(ids[2:]))
    assert isinstance(second[0]["published_at"], type(at))
    assert len([key for key in compiled.statements if key[0] == ("test", "keyed")]) == 1
    assert compiled.keyed_rows(("test", "keyed"), build, []) == []


def test_keyed_rows_follow_the_clock_and_the_publication_rule():
    """An article scheduled after the statement was compiled shows once its time comes."""
    at = timezone.now() + timedelta(hours=1)
    article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=at)

    def build(keys):
        return Article.objects.published().filter(pk__in=keys).values("id")

    assert compiled.keyed_rows(("test", "clock"), build, [article.pk]) == []
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert compiled.keyed_rows(("test", "clock"), build, [article.pk]) == [{"id": article.pk}]


def test_keyed_rows_refuse_a_builder_that_reads_more_than_its_keys():
    def stale(keys):
        return Article.objects.filter(pk__in=keys, published_at__lte=timezone.now()).values("id")

    with pytest.raises(ImproperlyConfigured, match="go stale"):
        compiled.keyed_rows(("test", "keyed-stale"), stale, [1])


def test_instances_are_the_querysets_records_whatever_order_their_columns_are_named_in():
    """Columns named out of the model's order still land on their own fields (`from_db`
    reads a subset in the model's order), and a relation read with them is attached."""
    at = timezone.now() - timedelta(days=1)
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=at, title="Order")
    (found,) = compiled.instances(
        ("test", "instances"),
        Article,
        lambda keys: Article.objects.published().filter(pk__in=keys),
        [article.pk],
        related=("section",),
        columns=("published_at", "slug", "id", "section_id", "title"),
    )
    assert (found.pk, found.title, found.slug) == (article.pk, "Order", article.slug)
    assert found.published_at == Article.objects.get(pk=article.pk).published_at
    assert found.section == article.section
    assert found.get_deferred_fields() >= {"body", "standfirst"}


def test_instances_are_made_only_of_the_rows_chosen_in_the_order_chosen():
    """`choose` sees every row with its columns as `.values()` names them and decides which
    become instances: a ranking over many rows builds only its winners."""
    at = timezone.now() - timedelta(days=1)
    articles = [
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=at, title=title)
        for title in ("Alpha", "Beta", "Gamma")
    ]
    seen = []

    def last_two_reversed(rows: list[dict]) -> list[dict]:
        seen.extend(rows)
        return sorted(rows, key=lambda row: row["title"], reverse=True)[:2]

    found = compiled.instances(
        ("test", "instances-chosen"),
        Article,
        lambda keys: Article.objects.published().filter(pk__in=keys),
        [article.pk for article in articles],
        related=("section",),
        columns=("id", "title", "slug"),
        choose=last_two_reversed,
    )
    assert sorted(row["title"] for row in seen) == ["Alpha", "Beta", "Gamma"]
    assert all("section__name" in row for row in seen)
    assert [(article.title, type(article)) for article in found] == [
        ("Gamma", Article),
        ("Beta", Article),
    ]
    assert found[0].section == articles[2].section


def test_a_kept_published_rule_is_the_querysets_own_and_follows_the_clock():
    at = timezone.now() + timedelta(hours=1)
    article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=at)
    kept = Article.objects.published()  # built here, once for the process
    with mock.patch("django.utils.timezone.now", return_value=at):
        own = Article.objects.all().published().query.sql_with_params()
        assert kept.query.sql_with_params() == own
    assert not kept.filter(pk=article.pk).exists()
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert kept.filter(pk=article.pk).exists()
        assert Article.objects.published().filter(pk=article.pk).exists()
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_kept_queryset_that_reads_the_clock_while_built_is_refused():
    def stale():
        return Article.objects.filter(published_at__lte=compiled.now())

    with pytest.raises(ImproperlyConfigured, match="go stale"):
        compiled.kept_queryset(("test", "stale kept"), stale)
    moment = compiled.kept_queryset(
        ("test", "moment"), lambda: Article.objects.filter(published_at__lte=compiled.Moment())
    )
    assert moment.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="plan_cache_mode: PostgreSQL")
def test_a_public_chain_is_planned_once_and_the_setting_is_left_as_it_was():
    """The public relays of a source's chain (`Source.objects.published()` asked of a few ids)
    take longer to plan than to run, and PostgreSQL kept planning them at every use: read
    `planned_once`, the kept statement runs on one generic plan, with no custom plan at all,
    and a caller's transaction goes on with the setting it had."""
    relay = SourceFactory()
    source = SourceFactory(via=relay)
    QuoteFactory(source=source)
    with connection.cursor() as cursor:
        for _ in range(8):  # psycopg prepares a statement at its fifth use
            load_source_chains([Source.objects.get(pk=source.pk)], public=True)
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ["%quotes_boxofficefigure%RECURSIVE relay%"],
        )
        plans = cursor.fetchall()
        cursor.execute("SHOW plan_cache_mode")
        setting = cursor.fetchone()[0]
    assert plans and all(generic >= 1 and custom == 0 for generic, custom in plans)
    assert setting == "auto"
