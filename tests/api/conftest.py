import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

WRITER_PERMS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "quotes.add_quote",
    "quotes.change_quote",
    "quotes.view_quote",
]


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def make_user(django_user_model, username, perms):
    user = django_user_model.objects.create_user(username, password="s3cret-pass", is_staff=True)
    for dotted in perms:
        app_label, codename = dotted.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def writer(db, django_user_model):
    return make_user(django_user_model, "writer", WRITER_PERMS)


@pytest.fixture
def editor(db, django_user_model):
    return make_user(
        django_user_model,
        "editor",
        [*WRITER_PERMS, "articles.publish_article", "quotes.approve_quote"],
    )


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def writer_api(writer):
    return client_for(writer)


@pytest.fixture
def editor_api(editor):
    return client_for(editor)
