"""The sitemap names the images pages show (Google's image extension): articles' lead images,
films' posters and people's photos, public ones only, in a fixed number of queries."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core.pages import absolute_url
from tests.factories import ArticleFactory, FilmFactory, PersonFactory
from tests.images.helpers import stored_image
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db

# Small images draw their renditions quickly.
SMALL = (400, 300)

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
}


def images_by_page(client) -> dict[str, list[str]]:
    """Each page's path, with the image URLs it lists."""
    return {
        urlsplit(url.findtext("s:loc", namespaces=NS)).path: [
            loc.text for loc in url.findall("image:image/image:loc", NS)
        ]
        for url in sitemap_entries(client)
    }


def test_pages_list_their_public_images(client):
    lead, poster, photo = (
        stored_image(size=SMALL),
        stored_image(size=(300, 450)),
        stored_image(size=SMALL),
    )
    article = ArticleFactory(lead_image=lead)
    film = FilmFactory(poster=poster)
    person = PersonFactory(photo=photo)
    embargoed = stored_image(size=SMALL)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, lead_image=embargoed)
    plain = ArticleFactory()

    listed = images_by_page(client)
    for record, image in ((article, lead), (film, poster), (person, photo)):
        url = absolute_url(image.fallback("orig").url)
        assert listed[record.get_absolute_url()] == [url]
        assert client.get(image.fallback("orig").url).status_code == 200
    assert listed[plain.get_absolute_url()] == []
    assert draft.get_absolute_url() not in listed
    assert not any(embargoed.key in loc for locs in listed.values() for loc in locs)


def test_the_sitemap_s_images_cost_a_fixed_number_of_queries(client):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            sitemap_entries(client)
        return len(captured.captured_queries)

    ArticleFactory(), FilmFactory(), PersonFactory()
    without = count()
    ArticleFactory(lead_image=stored_image(size=(400, 300)))
    FilmFactory(poster=stored_image(size=(300, 450)))
    PersonFactory(photo=stored_image(size=(300, 300)))
    one = count()
    for _ in range(3):
        ArticleFactory(lead_image=stored_image(size=(400, 300)))
        FilmFactory(poster=stored_image(size=(300, 450)))
        PersonFactory(photo=stored_image(size=(300, 300)))
    assert count() == one
    # The images and their renditions, for each of the three sections.
    assert one - without == 6
