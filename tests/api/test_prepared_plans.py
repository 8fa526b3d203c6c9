"""On PostgreSQL the row path's prepared statements keep one generic plan: PostgreSQL does not
plan the articles list again on every request because of its "published before now"
parameter (`DATABASE_PLAN_CACHE_MODE`, see settings)."""

import pytest
from django.core.cache import cache
from django.db import connection

from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares; SQLite not"),
]


def prepared(fragment: str) -> list[tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            [f"%{fragment}%"],
        )
        return cursor.fetchall()


def test_the_articles_list_is_planned_once(api):
    for _ in range(3):
        ArticleFactory()
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_generic_plan",)
    for _ in range(9):
        cache.clear()
        assert len(api.get("/api/v1/articles/").json()["results"]) == 3
    ((generic, custom),) = prepared("FROM articles_article a")
    assert custom == 0
    assert generic >= 3  # prepared after the threshold's 5 runs, then one plan for the rest


def test_the_setting_can_give_the_choice_back_to_postgresql(monkeypatch):
    import importlib

    import cms.settings

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    monkeypatch.setenv("DATABASE_PLAN_CACHE_MODE", "")
    try:
        options = importlib.reload(cms.settings).DATABASES["default"]["OPTIONS"]
        assert "options" not in options
        monkeypatch.setenv("DATABASE_PLAN_CACHE_MODE", "auto")
        options = importlib.reload(cms.settings).DATABASES["default"]["OPTIONS"]
        assert options["options"] == "-c plan_cache_mode=auto"
        monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "off")
        options = importlib.reload(cms.settings).DATABASES["default"]["OPTIONS"]
        assert "options" not in options
    finally:
        monkeypatch.undo()
        importlib.reload(cms.settings)
