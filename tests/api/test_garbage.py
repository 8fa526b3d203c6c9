"""A list's page is freed when its answer is done, not left to the cyclic garbage collector:
DRF's response, view and request reference one another, and so did its list serializer and
the serializer's child, and whatever hung from them (the page's rows, the answer's data) waited
for a collection, which took about a tenth of a list request's time."""

import gc

import pytest

from tests.api.test_query_counts import LISTS, grow
from tests.api.world import build_world


def cyclic_garbage(api, url: str) -> int:
    """How many objects one answer to `url` leaves that only the cyclic collector frees."""
    api.get(url)  # warm: anything built once per process
    gc.collect()
    gc.disable()
    try:
        response = api.get(url)
        assert response.status_code == 200, response.content
        del response
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.parametrize("url", [url for url in LISTS if "random" not in url])
def test_the_garbage_a_list_leaves_does_not_grow_with_its_page(api, db, url):
    world = build_world()
    grow(world, 2)
    separator = "&" if "?" in url else "?"
    small = cyclic_garbage(api, f"{url}{separator}page_size=1")
    grow(world, 12)
    page = f"{url}{separator}page_size=12"
    assert len(api.get(page).json()["results"]) >= 6
    # Per record it was about seventeen objects (a quote's row, its children, its JSON).
    assert cyclic_garbage(api, page) <= small + 20
