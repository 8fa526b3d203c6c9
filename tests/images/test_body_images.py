"""Images inside article bodies (`[[image:N]]`): a figure readers see while the article is
public, an image the body uses is public with it and with nothing else, the page names the
image among its surrogate keys, and the desk's editor offers the library to insert from."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.drafts import article_draft_publish
from articles.models import Article, BodyImage
from articles.services import article_update
from images.models import Image
from tests.admin.conftest import make_user
from tests.admin.helpers import admin_url
from tests.factories import ArticleFactory
from tests.images.helpers import stored_image
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db

# Small images draw their renditions quickly.
SMALL = (400, 300)

FIGURE = re.compile(r'<figure class="figure figure--body">(.*?)</figure>', re.S)


def test_a_referenced_image_renders_as_a_responsive_figure_with_its_key(client):
    image = stored_image(
        caption="The set at dawn", credit="Desk photo", alt_text="A red set", size=(800, 500)
    )
    article = ArticleFactory(body=f"Before.\n\n[[image:{image.pk}]]\n\nAfter.")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "[[image:" not in html
    (figure,) = FIGURE.findall(html)
    img = re.search(r"<img [^>]*>", figure).group(0)
    fallback = image.fallback("orig", up_to=1280)
    for attribute in (
        f'src="{fallback.url}"',
        f'width="{fallback.width}"',
        f'height="{fallback.height}"',
        'loading="lazy"',
        'alt="A red set"',
        "sizes=",
    ):
        assert attribute in img, attribute
    assert re.search(r'srcset="[^"]+ 320w, [^"]+ 640w', img)
    assert '<source type="image/webp" srcset=' in figure
    assert "The set at dawn" in figure and '<span class="credit">Desk photo</span>' in figure
    assert f"image-{image.pk}" in response["xkey"].split()
    # Its files are served to readers: the published article uses the image.
    assert client.get(fallback.url).status_code == 200


def test_the_body_keeps_its_images_as_users_of_them(client):
    first, second = (
        stored_image(title="First", size=SMALL),
        stored_image(title="Second", size=SMALL),
    )
    article = ArticleFactory(body=f"[[image:{first.pk}]]\n\n[[image:999999]]")
    assert [row.image for row in article.body_images.all()] == [first]
    article.body = f"[[image:{second.pk}]]"
    article.save()
    assert [row.image for row in article.body_images.all()] == [second]
    assert list(Image.objects.published()) == [second]
    article.body = "No pictures now."
    article.save(update_fields=["body"])
    assert not BodyImage.objects.exists() and not Image.objects.published().exists()


def test_an_image_only_a_draft_body_shows_is_public_nowhere(client, admin_client):
    hidden = stored_image(title="Embargoed body image", size=SMALL)
    draft = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body=f"[[image:{hidden.pk}]]"
    )
    # Referenced from a public article's body as well, it still renders nothing there.
    public = ArticleFactory(body=f"Text.\n\n[[image:{hidden.pk}]]")
    BodyImage.objects.filter(article=public).delete()  # as if the body were older
    assert not Image.objects.published().filter(pk=hidden.pk).exists()
    html = client.get(public.get_absolute_url()).content.decode()
    assert hidden.key not in html and "<figure" not in html and "[[image:" not in html
    for url in [f"/api/v1/images/{hidden.pk}/", *(r.url for r in hidden.rendition_list())]:
        assert client.get(url).status_code == 404, url
    assert hidden.key not in whole_sitemap(client)
    # The editor's preview of the draft shows it: it is what readers will see once published.
    preview = admin_client.get(admin_url(Article, "preview", draft.pk))
    assert hidden.key in preview.content.decode()
    # Published, the draft makes it public.
    Article.objects.filter(pk=draft.pk).update(
        status=Article.Status.PUBLISHED, published_at=public.published_at
    )
    assert Image.objects.published().filter(pk=hidden.pk).exists()
    assert client.get(hidden.fallback("orig").url).status_code == 200


def test_publishing_or_unpublishing_the_article_purges_its_body_images(
    django_capture_on_commit_callbacks, monkeypatch
):
    purged: list = []
    monkeypatch.setattr("core.surrogate.purge_replayed", purged.append)
    image = stored_image(size=SMALL)
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(body=f"[[image:{image.pk}]]")
    assert any(f"image-{image.pk}" in keys for keys in purged)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.ARCHIVED
        article.save(update_fields=["status"])
    assert any(f"image-{image.pk}" in keys for keys in purged)


def test_body_images_cost_two_queries_whatever_their_number(client):
    images = [stored_image(size=SMALL) for _ in range(4)]
    one = ArticleFactory(body=f"[[image:{images[0].pk}]]")
    many = ArticleFactory(body="\n\n".join(f"[[image:{image.pk}]]" for image in images))
    none = ArticleFactory(body="Plain.")

    def count(article) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(captured.captured_queries)

    assert count(one) == count(many) == count(none) + 2


def test_an_image_a_body_shows_cannot_be_deleted(admin_client):
    image = stored_image(size=SMALL)
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, body=f"[[image:{image.pk}]]")
    response = admin_client.post(admin_url(Image, "delete", image.pk), {"post": "yes"})
    assert response.status_code == 200  # the "cannot delete" page, not a redirect
    assert "Image in an article" in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_image_search_offers_the_library_by_title(admin_client):
    stored_image(title="Harbour at night", credit="Desk photo", size=SMALL)
    stored_image(title="A red square", size=SMALL)
    url = admin_url(Article, "image_search")
    results = admin_client.get(url, {"q": "night harbour"}).json()["results"]
    assert [r["title"] for r in results] == ["Harbour at night"]
    assert results[0]["reference"] == f"[[image:{results[0]['id']}]]"
    assert results[0]["thumbnail"].endswith((".jpg", ".png"))
    assert len(admin_client.get(url).json()["results"]) == 2


def test_the_preview_renders_an_image_not_yet_public(admin_client):
    image = stored_image(caption="Unseen yet", size=SMALL)
    response = admin_client.post(
        admin_url(Article, "body_preview"), {"body": f"[[image:{image.pk}]]"}
    )
    assert "Unseen yet" in response.json()["html"] and image.key in response.json()["html"]


def test_the_image_search_is_for_the_desk_only(client):
    assert client.get(admin_url(Article, "image_search")).status_code == 302


def test_a_live_article_s_draft_body_makes_its_image_public_only_when_published(client):
    writer, editor = make_user("wendy", "Writers"), make_user("eddie", "Editors")
    live = ArticleFactory(body="Live body.", created_by=writer)
    image = stored_image(caption="Drafted picture", size=SMALL)
    article_update(article=live, by=writer, body=f"Live body.\n\n[[image:{image.pk}]]")
    assert not Image.objects.published().filter(pk=image.pk).exists()
    assert "Drafted picture" not in client.get(live.get_absolute_url()).content.decode()
    article_draft_publish(article=live, by=editor)
    assert Image.objects.published().filter(pk=image.pk).exists()
    assert "Drafted picture" in client.get(live.get_absolute_url()).content.decode()
