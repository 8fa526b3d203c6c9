"""Images cost the same queries whatever a page holds: the image joins its row, and the
renditions of every image on the page come in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.factories import ArticleFactory, FilmFactory, PersonFactory
from tests.images.helpers import stored_image

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/images/",
    "/api/v1/articles/",
    "/api/v1/films/",
    "/api/v1/people/",
    "/articles/",
    "/",
]


def with_images(n: int) -> None:
    for _ in range(n):
        ArticleFactory(lead_image=stored_image(size=(400, 300)))
        FilmFactory(poster=stored_image(size=(300, 450)))
        PersonFactory(photo=stored_image(size=(300, 300)))


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", URLS)
def test_images_add_one_query_whatever_the_page_holds(url):
    client = APIClient()
    ArticleFactory(), FilmFactory(), PersonFactory()
    without = count(client, url)
    with_images(1)
    one = count(client, url)
    with_images(4)
    assert count(client, url) == one
    # Renditions: one query for the whole page, and only when some record on it has an image.
    # An API list reads its rows by id only when its page has some (`core.api.rows`): the
    # images list, empty before, also reads its rows now.
    assert one - without == (2 if url == "/api/v1/images/" else 1)
