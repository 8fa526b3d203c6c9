"""A replicated site for the tests of read replicas (test_replicas.py, test_replica_hang_drills.py):
a real streaming hot standby of a real primary (tests/deploy/conftest.py) under app processes.

Three app processes share the primary and its standby: `tolerant` keeps reading from a replica
however far behind (CMS_REPLICA_MAX_LAG_SECONDS=3600), `strict` not at all once it is behind
(0); both measure it at every request. `steady` is tolerant but measures it every 10 s: as in
production, a replica's state is known for a while and a hang falls between two checks. With
the standby's replay paused, what each answer shows tells which database it came from: the
replica still has the old text, the primary the new one.
"""

import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.deploy.conftest import topology

PASSWORD = "a-long-test-password-for-the-chief"
CONNECT_TIMEOUT = 2
QUERY_TIMEOUT = 3
MAKE_EDITOR = f"""
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
user = User.objects.create_superuser("chief", "chief@example.org", "{PASSWORD}")
print(Token.objects.create(user=user).key)
"""


@dataclass
class Answer:
    status: int
    headers: dict
    body: str

    def json(self):
        return json.loads(self.body)


@dataclass
class Replicated:
    primary: "topology.Cluster"
    standby: "topology.Cluster"
    database: str
    tolerant: str
    strict: str
    steady: str
    token: str
    quote: int
    purge_log: Path

    def request(
        self, base, path, method="GET", headers=None, body=None, opener=None, timeout=30
    ) -> Answer:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            base + path, data=data, method=method, headers={"Host": "127.0.0.1", **(headers or {})}
        )
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            opener = opener or urllib.request.build_opener()
            with opener.open(request, timeout=timeout) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode())

    def text(self, base, **headers) -> str:
        answer = self.request(base, f"/api/v1/quotes/{self.quote}/", headers=headers)
        assert answer.status == 200, answer.body
        return answer.json()["text"]

    def set_text_on_primary(self, text: str) -> None:
        self.primary.psql(
            f"UPDATE quotes_quote SET text = '{text}' WHERE id = {self.quote}", self.database
        )

    def text_on_standby(self) -> str:
        return self.standby.psql(
            f"SELECT text FROM quotes_quote WHERE id = {self.quote}", self.database
        )

    def edit(self, text: str) -> Answer:
        """The quote's text changed through the API by the editor (If-Match as it is now)."""
        auth = {"Authorization": f"Token {self.token}"}
        current = self.request(self.tolerant, f"/api/v1/quotes/{self.quote}/", headers=auth)
        return self.request(
            self.tolerant,
            f"/api/v1/quotes/{self.quote}/",
            method="PATCH",
            headers={**auth, "If-Match": current.headers["ETag"]},
            body={"text": text},
        )

    def purges(self) -> list[dict]:
        """What the replica showed of the quote at each purge naming it."""
        key = f"quote-{self.quote}"
        lines = self.purge_log.read_text().splitlines() if self.purge_log.exists() else []
        return [
            entry["replica_shows"][key]
            for entry in map(json.loads, lines)
            if key in entry["replica_shows"]
        ]

    def pause_replay(self) -> None:
        self.standby.psql("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self.standby.psql("SELECT pg_wal_replay_resume()")
        wait_caught_up(self.primary, self.standby)


def wait_caught_up(primary, standby, timeout=60.0) -> None:
    """Until the standby has replayed all the primary has written now."""
    target = primary.psql("SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + timeout
    while standby.psql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") != "t":
        assert time.monotonic() < deadline, "the standby did not catch up"
        time.sleep(0.05)


@contextmanager
def replicated_site(primary, standby, collected_static) -> Iterator[Replicated]:
    """The three nodes on a database of their own, stopped at the end."""
    database = f"replicated_{uuid.uuid4().hex[:8]}"
    primary.psql(f"CREATE DATABASE {database}")
    work = Path(tempfile.mkdtemp(prefix="quotedesk-replicated-"))
    env = {
        **os.environ,
        "DATABASE_URL": primary.url(database),
        "DATABASE_REPLICA_URLS": standby.url(database),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": "replica-tests-" + uuid.uuid4().hex,
        "CMS_VAR_DIR": str(work),
        "CMS_API_ANON_RATE": "100000/min",
        "CMS_REQUIRE_2FA": "0",  # its editor signs in with a password, as in-process tests do
        "CMS_API_USER_RATE": "100000/min",
        # Measured at every request, so that each test sees the state it has just made.
        "CMS_REPLICA_CHECK_SECONDS": "0",
        "CMS_REPLICA_PURGE_WAIT_SECONDS": "3",
        "CMS_REPLICA_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "CMS_REPLICA_QUERY_TIMEOUT": str(QUERY_TIMEOUT),
        "CMS_PURGE_BACKEND": "tests.deploy.replica_purges.ReplicaViewBackend",
        "CMS_PURGE_REPEAT_SECONDS": "0",
        "CMS_TEST_PURGE_LOG": str(work / "purges.jsonl"),
        "CMS_LOG_FORMAT": "plain",
    }
    topology.manage(env, "migrate", "--noinput", "-v0")
    topology.manage(env, "load_demo")
    topology.link_or_collect_static(env, collected_static)
    token = topology.manage(env, "shell", "-c", MAKE_EDITOR).strip().splitlines()[-1]
    wait_caught_up(primary, standby)
    nodes = {}
    try:
        for name, lag, check in (("tolerant", 3600, 0), ("strict", 0, 0), ("steady", 3600, 10)):
            port = topology.free_port()
            node_env = {
                **env,
                "CMS_REPLICA_MAX_LAG_SECONDS": str(lag),
                "CMS_REPLICA_CHECK_SECONDS": str(check),
            }
            nodes[name] = (
                topology.start_node(node_env, port, work / f"{name}.log", 1),
                f"http://127.0.0.1:{port}",
            )
        site = Replicated(
            primary,
            standby,
            database,
            nodes["tolerant"][1],
            nodes["strict"][1],
            nodes["steady"][1],
            token,
            0,
            work / "purges.jsonl",
        )
        listed = site.request(site.tolerant, "/api/v1/quotes/")
        assert listed.status == 200, listed.body
        site.quote = listed.json()["results"][0]["id"]
        yield site
    finally:
        for process, _ in nodes.values():
            topology.kill_node(process)
        if standby.psql("SELECT pg_is_wal_replay_paused()") == "t":
            standby.psql("SELECT pg_wal_replay_resume()")
        shutil.rmtree(work, ignore_errors=True)
