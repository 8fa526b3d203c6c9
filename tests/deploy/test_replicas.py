"""Read replicas against a real streaming hot standby (core.replicas).

Three app processes share one primary and its standby: `tolerant` keeps reading from a replica
however far behind (CMS_REPLICA_MAX_LAG_SECONDS=3600), `strict` not at all once it is behind
(0); both measure it at every request. `steady` is tolerant but measures it every 10 s: as in
production, a replica's state is known for a while and a hang falls between two checks. With
the standby's replay paused, what each answer shows tells which database it came from: the
replica still has the old text, the primary the new one.
"""

import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.deploy.conftest import topology

PASSWORD = "a-long-test-password-for-the-chief"
CONNECT_TIMEOUT = 2
QUERY_TIMEOUT = 3
# The longest a reader may wait on a hung replica: a query cut off at its deadline, plus time
# for a loaded machine to serve the page.
HUNG_BOUND = QUERY_TIMEOUT + CONNECT_TIMEOUT + 3
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


@pytest.fixture(scope="module")
def replicated(postgres_pair, collected_static):
    primary, standby = postgres_pair
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


@pytest.fixture
def paused(replicated):
    """The standby stops replaying (it still receives): it keeps what it had."""
    replicated.pause_replay()
    yield replicated
    replicated.resume_replay()


def admin_opener(site, base):
    """An opener signed in to the admin (a session cookie) through the login form."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form = site.request(base, "/admin/login/", opener=opener)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    login = urllib.request.Request(
        base + "/admin/login/?next=/admin/",
        data=urllib.parse.urlencode(
            {"username": "chief", "password": PASSWORD, "csrfmiddlewaretoken": csrf}
        ).encode(),
        method="POST",
        headers={"Host": "127.0.0.1"},
    )
    with opener.open(login, timeout=30) as response:
        assert response.url.endswith("/admin/"), "the admin login failed"
    return opener


def test_public_reads_go_to_the_replica_and_the_rest_to_the_primary(paused):
    site = paused
    before = site.text_on_standby()
    site.set_text_on_primary("Changed on the primary alone.")

    assert site.text(site.tolerant) == before
    assert site.text(site.tolerant, Authorization=f"Token {site.token}") == (
        "Changed on the primary alone."
    )
    assert site.text(site.tolerant, Cookie="recentwrite=1") == "Changed on the primary alone."
    change = site.request(
        site.tolerant,
        f"/admin/quotes/quote/{site.quote}/change/",
        opener=admin_opener(site, site.tolerant),
    )
    assert change.status == 200
    assert "Changed on the primary alone." in change.body
    assert before not in change.body


def test_a_lagging_replica_is_skipped(paused):
    site = paused
    site.set_text_on_primary("Written while the replica lags.")

    assert site.text(site.strict) == "Written while the replica lags."
    assert site.text_on_standby() != "Written while the replica lags."
    health = site.request(site.strict, "/healthz")
    assert health.status == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["replicas"]["replica1"]["status"] == "lagging"


def test_writes_go_to_the_primary_and_their_author_reads_them_back_at_once(paused):
    site = paused
    text = f"Edited through the API {uuid.uuid4().hex}."

    edit = site.edit(text)

    assert edit.status == 200, edit.body
    assert "recentwrite=" in edit.headers["Set-Cookie"]
    assert site.text(site.tolerant, Cookie="recentwrite=1") == text
    assert site.text_on_standby() != text
    # The replica never replayed it: the purge waited its bounded time, then went anyway.
    assert site.purges()[-1] != text


def test_a_purge_waits_until_the_replica_has_replayed_the_write(paused):
    site = paused
    text = f"Purged once replayed {uuid.uuid4().hex}."
    answers = []
    writer = threading.Thread(target=lambda: answers.append(site.edit(text)))
    already = len(site.purges())

    writer.start()
    time.sleep(1)  # the write commits, its purge waits for the paused replica
    site.resume_replay()
    writer.join()

    assert answers[0].status == 200, answers[0].body
    assert site.purges()[already:] == [text]


def test_a_stopped_replica_is_skipped_without_an_error(replicated):
    site = replicated
    site.set_text_on_primary("Read while the replica is down.")
    site.standby.stop()
    try:
        for base in (site.tolerant, site.strict):
            for _ in range(3):
                assert site.text(base) == "Read while the replica is down."
            health = site.request(base, "/healthz")
            assert health.status == 200
            assert health.json()["status"] == "degraded"
            assert health.json()["replicas"]["replica1"]["status"] == "unavailable"
    finally:
        site.standby.start()
    wait_caught_up(site.primary, site.standby)
    assert site.request(site.strict, "/healthz").json()["status"] == "ok"


def test_with_the_primary_down_readers_get_the_replica_and_the_node_stays_in(replicated):
    """A 503 from /healthz would have Varnish's probe take every node out, and readers would
    get 503s from a site whose standby holds every page; the desk's writes get the 503."""
    site = replicated
    site.set_text_on_primary("Read while the primary is down.")
    wait_caught_up(site.primary, site.standby)
    site.primary.stop()
    try:
        for base in (site.tolerant, site.strict):
            assert site.text(base) == "Read while the primary is down."
            health = site.request(base, "/healthz")
            assert health.status == 200, health.body
            assert health.json()["status"] == "read-only"
            assert health.json()["database"] == "OperationalError"
            assert health.json()["replicas"]["replica1"]["status"] == "ok"
        assert site.edit("Written while the primary is down.").status == 503
    finally:
        site.primary.start()
    wait_caught_up(site.primary, site.standby)
    for base in (site.tolerant, site.strict):
        assert site.request(base, "/healthz").json()["status"] == "ok"


def instance_processes(cluster) -> list[int]:
    """The cluster's postmaster and its children: that instance's processes alone, never
    another PostgreSQL's on the machine."""
    postmaster = int((cluster.datadir / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


@contextmanager
def hung(cluster):
    """The cluster's processes stopped (SIGSTOP), its connections left open, as when its host
    stalls; resumed (SIGCONT) at the end whatever happens."""
    stopped = []
    try:
        postmaster = instance_processes(cluster)[0]
        os.kill(postmaster, signal.SIGSTOP)  # first: it forks no child once stopped
        stopped.append(postmaster)
        for pid in instance_processes(cluster)[1:]:
            os.kill(pid, signal.SIGSTOP)
            stopped.append(pid)
        yield
    finally:
        for pid in reversed(stopped):
            os.kill(pid, signal.SIGCONT)


def timed(site, base, path) -> tuple[Answer | Exception, float]:
    started = time.monotonic()
    try:
        answer = site.request(base, path, timeout=HUNG_BOUND + 20)
    except OSError as exc:  # urllib's timeout or a dropped connection
        answer = exc
    return answer, time.monotonic() - started


def test_a_hung_replica_is_cut_off_within_seconds_and_serves_again_when_it_resumes(replicated):
    """The drill of deploy/README.md: the standby's processes stopped, readers in flight and
    arriving, and /healthz, all answer within seconds, from the primary (a read already under
    way on the replica: at worst a 503 with Retry-After); resumed, the replica serves again."""
    site = replicated
    paths = ["/", f"/api/v1/quotes/{site.quote}/", "/quotes/"]
    every = (site.tolerant, site.strict, site.steady)
    for _ in range(8):  # the nodes' threads keep connections to the replica, as in production
        for base in every:
            assert site.request(base, paths[_ % 3]).status == 200
    for base in every:  # and steady has just found it "ok": its next check is 10 s away
        assert site.request(base, "/healthz").json()["status"] == "ok"
    answers = []
    stop = threading.Event()

    def read(base):
        while not stop.is_set():
            answers.append(timed(site, base, paths[len(answers) % 3]))

    readers = [threading.Thread(target=read, args=(base,)) for base in [site.tolerant] * 2]
    readers += [threading.Thread(target=read, args=(base,)) for base in [site.strict] * 2]
    for reader in readers:
        reader.start()
    try:
        with hung(site.standby):
            site.set_text_on_primary("Read while the replica hangs.")
            # Its state still "ok", steady finds the hang by the health check of its kept
            # connection (or the connect timeout of a new one) under the reader's deadline.
            for bound in (CONNECT_TIMEOUT + 1.5, 1, 1):
                answer, took = timed(site, site.steady, f"/api/v1/quotes/{site.quote}/")
                assert took < bound, took
                assert answer.json()["text"] == "Read while the replica hangs."
            for base in every:
                health, took = timed(site, base, "/healthz")
                assert took < CONNECT_TIMEOUT + 2, took
                assert health.status == 200, health
                assert health.json()["status"] == "degraded"
                assert health.json()["replicas"]["replica1"]["status"] == "unavailable"
                for _ in range(3):
                    answer, took = timed(site, base, f"/api/v1/quotes/{site.quote}/")
                    assert took < HUNG_BOUND, took
                    assert answer.status == 200, answer
                    assert answer.json()["text"] == "Read while the replica hangs."
            time.sleep(QUERY_TIMEOUT)
    finally:
        stop.set()
        for reader in readers:
            reader.join(HUNG_BOUND + 30)
    assert answers
    for answer, took in answers:
        assert took < HUNG_BOUND, (answer, took)
        assert isinstance(answer, Answer), answer
        assert answer.status in (200, 503), (answer.status, answer.body[:300])
        if answer.status == 503:
            assert answer.headers["Retry-After"] == "5"

    wait_caught_up(site.primary, site.standby)
    deadline = time.monotonic() + 30
    while any(site.request(base, "/healthz").json()["status"] != "ok" for base in every):
        assert time.monotonic() < deadline, "the replica did not serve again"
        time.sleep(0.2)
    site.pause_replay()
    try:
        site.set_text_on_primary("Written once the replica was back.")
        for base in (site.tolerant, site.steady):  # the replica's text, not the primary's
            assert site.text(base) == "Read while the replica hangs."
    finally:
        site.resume_replay()


@contextmanager
def table_locked(site, table):
    """`table` locked on the primary (ACCESS EXCLUSIVE, in a transaction left open), until the
    standby has replayed the lock: reads of it there wait, as on a replica that stopped
    mid-query. Released at the end, whatever happens."""
    holder = subprocess.Popen(
        [str(topology.PG_BIN / "psql"), "-X", "-q", "-h", "127.0.0.1", "-p",
         str(site.primary.port), "-U", "postgres", "-d", site.database, "-c",
         f"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120)"],
        env={**os.environ, "PGAPPNAME": "lock-holder"},
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        held = f"SELECT count(*) FROM pg_locks WHERE relation = '{table}'::regclass"
        while site.standby.psql(held, site.database) == "0":
            assert time.monotonic() < deadline, "the standby did not replay the lock"
            time.sleep(0.05)
        yield
    finally:
        site.primary.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'lock-holder'"
        )
        holder.wait(30)


def test_a_read_under_way_when_the_replica_hangs_is_a_503_within_the_query_timeout(replicated):
    """Not a 500 and not a wait until the replica moves again: the query is cut off at
    CMS_REPLICA_QUERY_TIMEOUT and the request fails as on a lost database, with Retry-After."""
    site = replicated
    path = f"/api/v1/quotes/{site.quote}/"
    answers = []
    with table_locked(site, "quotes_quote"):
        reader = threading.Thread(target=lambda: answers.append(timed(site, site.tolerant, path)))
        reader.start()
        time.sleep(1)  # its query waits on the replica
        with hung(site.standby):
            site.primary.psql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'lock-holder'"
            )
            reader.join(HUNG_BOUND + 30)
            answer, took = answers[0]
            assert isinstance(answer, Answer), answer
            assert answer.status == 503, answer.body
            assert answer.headers["Retry-After"] == "5"
            assert QUERY_TIMEOUT - 0.5 < took < QUERY_TIMEOUT + 2, took
            # The next readers get the primary: one waits for a lag check (checked at every
            # request here) until its bound; the check stays stuck, and nobody waits again.
            for bound in (CONNECT_TIMEOUT + 1.5, 1, 1):
                answer, took = timed(site, site.tolerant, path)
                assert answer.status == 200 and took < bound, (answer, took)
    wait_caught_up(site.primary, site.standby)
