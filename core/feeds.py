"""Feed generators whose titles are plain text for every reader.

RSS does not say whether a title is text or HTML, and many readers render it as HTML: an
editor's title carrying markup (`<em>Ballerina</em>`, or `&lt;b&gt;` typed as text) would then
show, or run, as markup there while the page shows it as text. Titles are therefore unescaped
once and stripped of tags, so that both kinds of reader show the same words. Descriptions are
HTML by definition, and each feed escapes them itself.
"""

import html

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags

from core.pages import absolute_url


def plain_title(title) -> str:
    return strip_tags(html.unescape(str(title)))


class PlainTitlesMixin:
    def __init__(self, title, *args, **kwargs):
        super().__init__(plain_title(title), *args, **kwargs)

    def add_item(self, title, *args, **kwargs):
        super().add_item(plain_title(title), *args, **kwargs)


class RssFeed(PlainTitlesMixin, Rss201rev2Feed):
    pass


class AtomFeed(PlainTitlesMixin, Atom1Feed):
    pass


class CanonicalLinksMixin:
    """A `Feed` mixin giving the feed's links whole, on `SITE_URL` as the pages' canonical
    links are: Django's `Feed` adds the host and scheme the request came by to a path, and
    leaves a whole URL as it is. `url_name` is the feed's own route (taking the record's slug
    in a record's feed), `list_name` the page the feed follows when it follows no record."""

    url_name = ""
    list_name = ""

    def link(self, obj=None) -> str:
        return absolute_url(obj.get_absolute_url() if obj is not None else reverse(self.list_name))

    def feed_url(self, obj=None) -> str:
        return absolute_url(reverse(self.url_name, args=[obj.slug] if obj is not None else []))

    def item_link(self, item) -> str:
        return absolute_url(item.get_absolute_url())
