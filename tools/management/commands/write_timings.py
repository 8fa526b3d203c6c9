"""Time the desk's writes on a database of newsroom size, as a superuser.

    manage.py write_timings [--only TEXT ...] [--runs 3]

Each write (a change form saved unchanged, the quote list's approve and reject actions on 1,
10 and 100 quotes, an article unpublished and published, a live article edited, a quote
deleted, the API's quote and article writes) runs `--runs` times (best kept; workflow moves
once each way), with its time, its query count, the number of keys each purge named and its
slowest statements. It changes what it writes and creates the user `write-timings`: run it on
a copy of a bench database, never on the bench database itself
(`createdb -T quotedesk_bench_1m ...`)."""

import json
import re
import time
from collections import Counter

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

from articles.models import Article, FeaturedQuote
from core import purge
from quotes.models import Credit, Person, Quote, Source
from tools.admin_forms import form_data


def most(queryset, column: str):
    """The value of `column` that most rows of `queryset` share (the busiest record)."""
    return (
        queryset.exclude(**{column: None})
        .values(column)
        .annotate(rows=Count("pk"))
        .order_by("-rows")
        .values_list(column, flat=True)
        .first()
    )


def records() -> dict:
    """The records whose forms and workflows are timed: the newest approved top-level quote,
    and the person, film, source, outlet and published article with the most behind them."""
    return {
        "quote": Quote.objects.filter(parent=None, state=Quote.State.APPROVED)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first(),
        "person": most(Quote.objects.all(), "speaker_person"),
        "film": most(Credit.objects.all(), "film"),
        "source": most(Quote.objects.all(), "source"),
        "outlet": most(Source.objects.all(), "outlet"),
        "article": most(
            FeaturedQuote.objects.filter(article__status=Article.Status.PUBLISHED), "article"
        ),
    }


def lone_quote() -> int | None:
    """A top-level quote nothing else points at (no line, no article), to delete."""
    return (
        Quote.objects.filter(parent=None, nested_quotes=None, featurings=None)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


class Command(BaseCommand):
    help = "Time the desk's writes (run on a copy of a bench database)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", default=[], help="Writes whose name has …")
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, only, runs, **options):
        setup_test_environment()  # the responses' context, to post a form back
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        self.purged: list[int] = []
        backend_purge = purge.purge

        def counting(keys, *args, **kwargs):
            self.purged.append(len(keys))
            return backend_purge(keys, *args, **kwargs)

        purge.purge = counting
        self.only, self.runs = only, runs
        user = User.objects.filter(username="write-timings").first()
        if user is None:
            user = User.objects.create_superuser("write-timings", "write-timings@example.com")
        self.client = Client()
        self.client.force_login(user)
        try:
            self.time_all(records())
        finally:
            purge.purge = backend_purge

    def timed(self, name: str, prepare, runs: int | None = None) -> None:
        """`prepare()` sets the write up and gives the callable doing it, which is timed."""
        if self.only and not any(text in name for text in self.only):
            return
        best = None
        for _ in range(runs or self.runs):
            self.purged = []
            write = prepare()
            reset_queries()  # a capture holds at most 9,000 of the log's last queries
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = write()
                seconds = time.perf_counter() - start
            if best is None or seconds < best[0]:
                best = (seconds, queries.captured_queries, response, self.purged)
        seconds, queries, response, purged = best
        self.stdout.write(
            f"{seconds * 1000:7.0f} ms {len(queries):5d} q  {response.status_code}  "
            f"{len(purged)} purge(s) of {sum(purged)} keys  {name}"
        )
        for query in sorted(queries, key=lambda q: -float(q["time"]))[:2]:
            if float(query["time"]) > 0.02:
                self.stdout.write(f"    {float(query['time']) * 1000:7.0f} ms {query['sql'][:300]}")
        shapes = Counter(re.sub(r"\d+", "N", query["sql"])[:120] for query in queries)
        for shape, count in shapes.most_common(2):
            if count >= 10:
                self.stdout.write(f"    x{count} {shape}")

    def form_save(self, url: str, **overrides):
        def prepare():
            data = form_data(self.client.get(url), **overrides)
            return lambda: self.client.post(url, data)

        return prepare

    def time_all(self, ids: dict) -> None:
        client = self.client
        self.timed("quote form", self.form_save(f"/admin/quotes/quote/{ids['quote']}/change/"))
        for model in ("person", "film", "source", "outlet"):
            url = f"/admin/quotes/{model}/{ids[model]}/change/"
            self.timed(f"{model} form", self.form_save(url))

        selected = list(
            Quote.objects.filter(parent__isnull=True).order_by("-id").values_list("pk", flat=True)
        )[:100]

        def action(name, pks):
            def prepare():
                # Each run changes every quote: from the other state.
                other = Quote.State.APPROVED if name == "reject" else Quote.State.PENDING
                Quote.objects.filter(pk__in=pks).update(state=other)
                data = {"action": f"{name}_selected", "_selected_action": pks, "index": 0}
                return lambda: client.post("/admin/quotes/quote/", data)

            return prepare

        for count in (1, 10, 100):
            for name in ("reject", "approve"):
                self.timed(f"{name} {count} quote(s) (action)", action(name, selected[:count]))

        article = ids["article"]

        def move(to):
            def prepare():
                data = {"to": to, "version": Article.objects.get(pk=article).version}
                data["approve_quotes"] = "on"
                return lambda: client.post(f"/admin/articles/article/{article}/transition/", data)

            return prepare

        for to in ("draft", "published"):
            self.timed(f"article to {to}", move(to), runs=1)
        change = f"/admin/articles/article/{article}/change/"
        self.timed(
            "live article edited (draft changes)",
            self.form_save(change, standfirst=f"Timed at {time.time()}"),
            runs=1,
        )
        self.timed("live article, save and publish", self.form_save(change, _publish="1"), runs=1)

        def delete():
            pk = lone_quote()
            return lambda: client.post(f"/admin/quotes/quote/{pk}/delete/", {"post": "yes"})

        self.timed("quote deleted", delete)

        api = "/api/v1"
        slug = Person.objects.values_list("slug", flat=True).get(pk=ids["person"])
        body = json.dumps({"text": "Timed.", "speaker_person": slug, "source": ids["source"]})

        def create():
            return lambda: client.post(f"{api}/quotes/", body, content_type="application/json")

        self.timed("API quote created", create)
        new = Quote.objects.latest("pk").pk

        def patch():
            etag = client.get(f"{api}/quotes/{new}/")["ETag"]
            text = json.dumps({"text": f"Timed at {time.time()}."})
            return lambda: client.patch(
                f"{api}/quotes/{new}/", text, content_type="application/json", HTTP_IF_MATCH=etag
            )

        self.timed("API quote changed", patch)

        def decide(name, pk):
            def prepare():
                other = Quote.State.APPROVED if name == "reject" else Quote.State.PENDING
                Quote.objects.filter(pk=pk).update(state=other)
                url = f"{api}/quotes/{pk}/{name}/"
                return lambda: client.post(url, "{}", content_type="application/json")

            return prepare

        for name in ("approve", "reject"):
            self.timed(f"API quote {name}", decide(name, new))

        def workflow(name):
            def prepare():
                url = f"{api}/articles/{article}/{name}/"
                return lambda: client.post(url, "{}", content_type="application/json")

            return prepare

        for name in ("unpublish", "publish"):
            self.timed(f"API article {name}", workflow(name), runs=1)
