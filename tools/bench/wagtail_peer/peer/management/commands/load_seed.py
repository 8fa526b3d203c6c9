"""Load the seed article into the peer (idempotent: the article is replaced) and print its path.

The body is a StreamField of rich-text paragraphs, one per paragraph of the seed text; the
title, intro and tags are the quote desk's demo article's."""

import datetime
from html import escape
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from peer.models import ArticlePage, HomePage, NewsIndexPage

TITLE = "Ballerina director Len Wiseman on what's next for Eve"
INTRO = (
    "The filmmaker tells Entertainment Weekly where Ana de Armas' assassin goes after the "
    "$5 million bounty, and why John Wick lends her a hand."
)


class Command(BaseCommand):
    help = "Load the seed article text as an ArticlePage and print its URL path."

    def add_arguments(self, parser):
        parser.add_argument("seed", type=Path)

    @transaction.atomic
    def handle(self, *args, seed: Path, **options):
        try:
            text = seed.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read the seed {seed}: {error}") from error
        paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            # Wagtail's initial migration makes a plain "Welcome" page and a site on it.
            Page.objects.filter(depth=2).delete()
            root.refresh_from_db()
            home = root.add_child(instance=HomePage(title="Home", slug="home"))
            Site.objects.all().delete()
            Site.objects.create(
                hostname="127.0.0.1",
                port=80,
                site_name="Wagtail peer",
                root_page=home,
                is_default_site=True,
            )
        news = NewsIndexPage.objects.first()
        if news is None:
            news = home.add_child(
                instance=NewsIndexPage(title="News", slug="news", show_in_menus=True)
            )
        ArticlePage.objects.all().delete()
        news.refresh_from_db()
        article = news.add_child(
            instance=ArticlePage(
                title=TITLE,
                slug="ballerina-len-wiseman-whats-next-for-eve",
                search_description=INTRO,
                intro=INTRO,
                date=datetime.date(2025, 6, 9),
                body=[("paragraph", f"<p>{escape(part, quote=False)}</p>") for part in paragraphs],
            )
        )
        article.tags.add("Ballerina", "John Wick")
        article.save_revision().publish()
        self.stdout.write(article.relative_url(None))
