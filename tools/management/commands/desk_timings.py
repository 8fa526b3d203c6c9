"""Time the desk's pages on a database of newsroom size, as an editor and as a writer.

    manage.py desk_timings [--only TEXT ...] [--slow 1.0]

Each page is fetched twice with Django's test client (best of two kept), with its time, its
query count, its size and its number of <option> elements; a page slower than `--slow`
seconds is listed with its two slowest queries. It creates the users `desk-timings-editor`
and `desk-timings-writer` if missing: run it on a copy of a bench database, never on the
bench database itself (`createdb -T quotedesk_bench_1m ...`)."""

import re
import time

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.roles import EDITORS, WRITERS, sync_roles

# (who, address): "e" an editor, "w" a writer; {names} filled from the database.
PAGES = """
e /admin/
w /admin/
e /admin/quotes/quote/
e /admin/quotes/quote/?p=9000
e /admin/quotes/quote/?state__exact=pending
e /admin/quotes/quote/?verification_status__exact=disputed
e /admin/quotes/quote/?finding=waiting
e /admin/quotes/quote/?source__outlet__id__exact={outlet}
e /admin/quotes/quote/?q=love
e /admin/quotes/quote/?q=zzzqqq
e /admin/quotes/quote/?o=2
e /admin/quotes/quote/?o=3
e /admin/quotes/quote/?o=4
e /admin/quotes/quote/?o=5
e /admin/quotes/quote/?o=-2
e /admin/quotes/quote/?_facets=True
e /admin/quotes/quote/?said_on__year=2010
e /admin/quotes/quote/{quote}/change/
e /admin/quotes/quote/{nested}/change/
e /admin/quotes/quote/{quote}/history/
e /admin/quotes/quote/add/
w /admin/quotes/quote/
w /admin/quotes/quote/add/
e /admin/autocomplete/?app_label=articles&model_name=featuredquote&field_name=quote&term=love
e /admin/quotes/person/
e /admin/quotes/person/?o=2
e /admin/quotes/person/?o=4
e /admin/quotes/person/?q=john
e /admin/quotes/person/?_facets=True
e /admin/quotes/person/?p=240
e /admin/quotes/person/{person}/change/
e /admin/quotes/quote/?person={person}
e /admin/quotes/film/
e /admin/quotes/film/?o=4
e /admin/quotes/film/?q=the
e /admin/quotes/film/?_facets=True
e /admin/quotes/film/{film}/change/
e /admin/quotes/quote/?film={film}
e /admin/quotes/source/
e /admin/quotes/source/?o=2
e /admin/quotes/source/?o=5
e /admin/quotes/source/?o=6
e /admin/quotes/source/?o=7
e /admin/quotes/source/?kind__exact=interview
e /admin/quotes/source/?q=interview
e /admin/quotes/source/?_facets=True
e /admin/quotes/source/?p=2000
e /admin/quotes/source/{source}/change/
w /admin/quotes/source/
e /admin/quotes/outlet/
e /admin/quotes/outlet/?o=4
e /admin/quotes/outlet/?_facets=True
e /admin/quotes/outlet/{outlet}/change/
e /admin/quotes/character/
e /admin/quotes/character/?_facets=True
e /admin/quotes/credit/
e /admin/quotes/boxofficefigure/
e /admin/articles/article/
e /admin/articles/article/?p=300
e /admin/articles/article/?status=live
e /admin/articles/article/?status=draft
e /admin/articles/article/?q=film
e /admin/articles/article/?o=7
e /admin/articles/article/?_facets=True
e /admin/articles/article/?film={film}
e /admin/articles/article/?tag={tag}
e /admin/articles/article/{article}/change/
e /admin/articles/article/{article}/history/
e /admin/articles/article/{article}/preview/
w /admin/articles/article/
w /admin/articles/article/add/
e /admin/articles/section/
e /admin/articles/author/
e /admin/articles/correction/
e /admin/articles/articleimport/
"""

# One record of each kind, the one with the most related rows where that matters.
RECORDS = {
    "quote": "SELECT id FROM quotes_quote WHERE parent_id IS NULL ORDER BY id DESC LIMIT 1",
    "nested": "SELECT parent_id FROM quotes_quote WHERE parent_id IS NOT NULL LIMIT 1",
    "article": "SELECT article_id FROM articles_featuredquote GROUP BY 1 ORDER BY count(*) DESC "
    "LIMIT 1",
    "person": "SELECT speaker_person_id FROM quotes_quote WHERE speaker_person_id IS NOT NULL "
    "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
    "film": "SELECT film_id FROM quotes_credit GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
    "source": "SELECT source_id FROM quotes_quote GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
    "outlet": "SELECT outlet_id FROM quotes_source GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
    "tag": "SELECT tag_id FROM articles_article_tags GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
}


def desk_client(username: str, group: str) -> Client:
    user = User.objects.filter(username=username).first()
    if user is None:
        sync_roles()
        user = User.objects.create_user(username, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


class Command(BaseCommand):
    help = "Time the desk's pages (run on a copy of a bench database)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", default=[], help="Pages whose address has …")
        parser.add_argument("--slow", type=float, default=1.0, help="Seconds; list its queries")

    def handle(self, *args, only, slow, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        clients = {
            "e": desk_client("desk-timings-editor", EDITORS),
            "w": desk_client("desk-timings-writer", WRITERS),
        }
        with connection.cursor() as cursor:
            names = {}
            for name, sql in RECORDS.items():
                cursor.execute(sql)
                row = cursor.fetchone()
                names[name] = row[0] if row else 0
        for line in PAGES.strip().splitlines():
            who, url = line.split(None, 1)
            url = url.format(**names)
            if only and not any(text in url for text in only):
                continue
            seconds, queries, response = min(
                (self.fetch(clients[who], url) for _ in range(2)), key=lambda run: run[0]
            )
            body = response.content
            self.stdout.write(
                f"{who} {response.status_code} {seconds * 1000:7.0f} ms {len(queries):3d} q "
                f"{len(body) // 1024:5d} kB {len(re.findall(rb'<option', body)):5d} options  {url}"
            )
            if seconds > slow:
                for query in sorted(queries, key=lambda q: -float(q["time"]))[:2]:
                    self.stdout.write(
                        f"    {float(query['time']) * 1000:7.0f} ms {query['sql'][:300]}"
                    )

    def fetch(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - start
        return seconds, queries.captured_queries, response
