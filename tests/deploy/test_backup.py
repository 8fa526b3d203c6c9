"""Backups as deploy/README.md tells operators to take them: pg_dump of a live desk, restored
into an empty database, holds the same content (export_content of both is the same document)
and the same sequence positions (new rows do not collide with restored ones)."""

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from tests.deploy.conftest import topology

SEQUENCE = "SELECT last_value FROM quotes_quote_id_seq"


def export(cluster, database: str, env: dict) -> str:
    return topology.manage({**env, "DATABASE_URL": cluster.url(database)}, "export_content")


def test_a_dump_restored_into_an_empty_database_holds_the_same_content(postgres_pair):
    primary, _ = postgres_pair
    source, restored = (f"{name}_{uuid.uuid4().hex[:8]}" for name in ("live", "restored"))
    work = Path(tempfile.mkdtemp(prefix="quotedesk-backup-"))
    env = {**os.environ, "CMS_VAR_DIR": str(work), "DATABASE_REPLICA_URLS": ""}
    dump = work / "desk.dump"
    try:
        primary.psql(f"CREATE DATABASE {source}")
        topology.manage({**env, "DATABASE_URL": primary.url(source)}, "migrate", "-v0")
        topology.manage({**env, "DATABASE_URL": primary.url(source)}, "load_demo")

        topology.run([str(topology.PG_BIN / "pg_dump"), "--format=custom", "--file", str(dump),
                      "--dbname", primary.url(source)])  # fmt: skip
        primary.psql(f"CREATE DATABASE {restored}")
        topology.run([str(topology.PG_BIN / "pg_restore"), "--exit-on-error", "--no-owner",
                      "--dbname", primary.url(restored), str(dump)])  # fmt: skip

        original = export(primary, source, env)
        assert '"model": "quotes.quote"' in original
        assert export(primary, restored, env) == original
        assert primary.psql(SEQUENCE, restored) == primary.psql(SEQUENCE, source)
    finally:
        shutil.rmtree(work, ignore_errors=True)
