"""A writer's change to an image readers see would go live unreviewed: the admin shows such an
image to a writer read-only and refuses a change; an editor changes it; a writer still changes
an image no public record uses yet."""

import pytest

from articles.models import Article
from images.models import Image
from tests.factories import ArticleFactory
from tests.images.helpers import stored_image

from .helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_image():
    image = stored_image(alt_text="A dancer on a stage")
    ArticleFactory(lead_image=image)
    return image


def test_a_writer_cannot_change_an_image_readers_see(writer_client, public_image):
    url = admin_url(Image, "change", public_image.pk)
    page = writer_client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    data = {"title": "A photo", "alt_text": "Leaked caption", "caption": "", "credit": ""}
    data.update(focal_x="50", focal_y="50")
    assert writer_client.post(url, data).status_code == 403
    public_image.refresh_from_db()
    assert public_image.alt_text == "A dancer on a stage"


def test_an_editor_changes_an_image_readers_see(editor_client, public_image):
    url = admin_url(Image, "change", public_image.pk)
    data = form_data(editor_client.get(url), alt_text="A dancer bowing")
    assert editor_client.post(url, data).status_code == 302
    public_image.refresh_from_db()
    assert public_image.alt_text == "A dancer bowing"


def test_a_writer_changes_an_image_only_a_draft_uses(writer_client):
    image = stored_image(alt_text="Embargoed photo")
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, lead_image=image)
    url = admin_url(Image, "change", image.pk)
    data = form_data(writer_client.get(url), alt_text="Embargoed photo, cropped")
    assert writer_client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "Embargoed photo, cropped"
