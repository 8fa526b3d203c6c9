"""HTML, feeds and API answers go out compressed to clients that accept gzip, and revalidate."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("path", ["/", "/quotes/", "/articles/feed/", "/api/v1/quotes/"])
def test_answers_are_gzipped_for_clients_that_accept_it(client, demo, path):
    plain = client.get(path)
    zipped = client.get(path, headers={"accept-encoding": "gzip, deflate, br"})
    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(zipped) and "accept-encoding" in vary(plain)
    assert len(zipped.content) < len(plain.content)
    assert gzip.decompress(zipped.content).decode() == plain.content.decode()


def test_a_compressed_page_still_revalidates_to_304(client, demo):
    first = client.get(demo.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert first["ETag"].startswith('W/"')  # the ETag of the uncompressed body, made weak
    again = client.get(
        demo.get_absolute_url(),
        headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]},
    )
    assert again.status_code == 304


def test_static_files_are_left_to_whitenoise(settings):
    middleware = settings.MIDDLEWARE
    gzip_at = middleware.index("cms.middleware.GZipMiddleware")
    # Outside everything that reads the body or sets its ETag, inside the static files.
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") < gzip_at
    assert gzip_at < middleware.index("cms.middleware.ConditionalGetMiddleware")
    assert gzip_at < middleware.index("core.surrogate.SharedCacheMiddleware")
