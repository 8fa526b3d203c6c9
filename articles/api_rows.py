"""The SQL read path of the articles list (`cms.api_rows`): what `ArticleListSerializer` gives
for the articles a reader may see now, in one query."""

from django.db import connection
from django.utils import timezone

from cms.api_rows import RowList, RowQuery, column, datetime_values
from quotes.serializers import RecordLinks

from .models import Article


class ArticleRows(RowList):
    def query(self, request) -> RowQuery:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        return RowQuery(
            Article,
            "SELECT a.id, a.title, a.slug, a.standfirst, a.byline, a.status, a.published_at,"
            " a.updated_at FROM articles_article a"
            # The states written in, not bound, so that a prepared statement's generic plan
            # can use the partial index of live articles.
            f" WHERE a.status IN ('{Article.Status.PUBLISHED.value}',"
            f" '{Article.Status.SCHEDULED.value}') AND a.published_at <= %s",
            [now],
            {"published_at": "a.published_at", "id": "a.id"},
        )

    def represent(self, rows, request):
        links = RecordLinks(request, Article, "article-detail", "pk", "slug").many(
            [row["id"] for row in rows], [row["slug"] for row in rows]
        )
        convert = datetime_values()
        published = column(rows, "published_at", convert)
        updated = column(rows, "updated_at", convert)
        return [
            {
                "id": row["id"],
                "title": row["title"],
                "slug": row["slug"],
                "standfirst": row["standfirst"],
                "byline": row["byline"],
                "status": row["status"],
                "published_at": published_at,
                "updated_at": updated_at,
                "links": row_links,
            }
            for row, published_at, updated_at, row_links in zip(
                rows, published, updated, links, strict=True
            )
        ]
