"""Fixed values of the public rules written into the SQL (`core.literals`): on PostgreSQL as
quoted text a kept plan can match to a partial index, elsewhere bound; one instance serves
every statement it is compiled into."""

import pytest
from django.db import connection
from django.db.models import Q

from articles.models import Article
from core.literals import Literal
from quotes.models import Quote
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_literal_is_written_into_the_sql_on_postgresql_and_bound_elsewhere():
    sql, params = Quote.objects.filter(state=Literal("approved")).query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= 'approved'" in sql
        assert "approved" not in params
    else:
        assert "approved" in params


def test_one_literal_serves_every_statement_it_is_compiled_into():
    draft = Literal("draft")
    published = Literal("published")
    live = ArticleFactory(status="published")
    ArticleFactory(status="draft")
    in_two = Article.objects.filter(status__in=[draft, published])
    # The same instances in a subquery, where the column is named by another alias.
    nested = Article.objects.filter(pk__in=in_two.filter(status__in=[published]).values("pk"))
    for _ in range(2):  # compiled twice: nothing of the first compilation stays behind
        assert set(in_two.values_list("status", flat=True)) == {"draft", "published"}
        assert list(nested.values_list("pk", flat=True)) == [live.pk]
        assert Article.objects.filter(Q(status=draft) | Q(status=published)).count() == 2


def test_a_literal_with_a_quote_mark_in_it_is_quoted():
    value = "it's"
    sql, params = Article.objects.filter(title=Literal(value)).query.sql_with_params()
    ArticleFactory(title=value)
    assert Article.objects.filter(title=Literal(value)).count() == 1
    if connection.vendor == "postgresql":
        assert "'it''s'" in sql


def test_a_literal_saved_into_a_column_is_its_value():
    article = ArticleFactory(status="draft")
    Article.objects.filter(pk=article.pk).update(title=Literal("Set by a literal"))
    article.refresh_from_db()
    assert article.title == "Set by a literal"
