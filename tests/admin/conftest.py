import pytest
from django.contrib.auth.models import Group, User

from articles.roles import EDITORS, WRITERS, sync_roles


def make_user(username: str, group: str) -> User:
    # The roles migration creates the groups; a transactional test flushes them, so re-sync.
    sync_roles()
    user = User.objects.create_user(username, password="pw-" + username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def writer(db):
    return make_user("wendy", WRITERS)


@pytest.fixture
def other_writer(db):
    return make_user("walter", WRITERS)


@pytest.fixture
def editor(db):
    return make_user("eddie", EDITORS)


@pytest.fixture
def second_editor(db):
    return make_user("erin", EDITORS)


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
