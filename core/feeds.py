"""Feed generators whose titles are plain text for every reader.

RSS does not say whether a title is text or HTML, and many readers render it as HTML: an
editor's title carrying markup (`<em>Ballerina</em>`, or `&lt;b&gt;` typed as text) would then
show, or run, as markup there while the page shows it as text. Titles are therefore unescaped
once and stripped of tags, so that both kinds of reader show the same words. Descriptions are
HTML by definition, and each feed escapes them itself.
"""

import html

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags


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
