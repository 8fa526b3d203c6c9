"""The short CI run of `manage.py loadtest --topology`: Varnish, two gunicorn nodes, a
PostgreSQL primary and its streaming replica, Redis; a node killed and the replica stopped
while readers, API clients, editors and publishers keep going."""

import io
import re
import shutil

import pytest
from django.core.management import call_command

from tests.deploy.conftest import require_postgres, require_varnishd, skip_or_fail, topology


@pytest.fixture
def whole_topology():
    require_postgres()
    require_varnishd()
    if not shutil.which("redis-server", path=topology.SEARCH_PATH):
        skip_or_fail("redis-server is not installed (apt-get install redis-server)")


def test_a_killed_node_and_a_stopped_replica_lose_no_write_and_show_no_stale_page(
    whole_topology, collected_static
):
    out = io.StringIO()

    call_command(
        "loadtest", topology=True, seconds=45, users=12, static_from=collected_static, stdout=out
    )

    report = out.getvalue()
    assert "lost or wrong in the database: 0" in report
    assert "stale reads after an unpublish returned: 0" in report
    acknowledged = int(re.search(r"writes acknowledged: (\d+)", report).group(1))
    assert acknowledged > 0
    one_node = float(re.search(r"([\d.]+) with 1 node", report).group(1))
    assert one_node > 0, "nothing was served after the node was killed"
