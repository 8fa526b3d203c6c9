"""Real varnishd with the repository's VCL, started the way deploy/serve.py starts it, and real
PostgreSQL clusters (a primary and its streaming standby) made as deploy/topology.py makes them.

Under CI (the `CI` variable set) these tests run once, in the PostgreSQL pass, and fail rather
than skip when varnishd or the PostgreSQL server binaries are missing; elsewhere they skip.
"""

import http.client
import importlib.util
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import skip_unless_postgres_pass_under_ci
from tests.deploy.canned import CannedBackend

REPO = Path(__file__).resolve().parents[2]
# Debian puts varnishd in /usr/sbin, which is not on every user's PATH.
VARNISH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


def load_deploy(name: str):
    """deploy/<name>.py as a module (deploy/ is not a package, and not installed)."""
    spec = importlib.util.spec_from_file_location(f"deploy_{name}", REPO / "deploy" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = load_deploy("serve")
topology = load_deploy("topology")


@pytest.fixture(autouse=True)
def once_per_ci():
    skip_unless_postgres_pass_under_ci()


def skip_or_fail(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}")
    pytest.skip(reason)


def require_varnishd() -> str:
    varnishd = serve.find_varnishd(VARNISH_PATH)
    if varnishd:
        return varnishd
    skip_or_fail("varnishd is not installed (apt-get install varnish varnish-modules)")


def require_postgres() -> None:
    missing = topology.postgres_missing()
    if missing:
        skip_or_fail(missing)


@pytest.fixture(scope="session")
def postgres_pair():
    """(primary, standby): a temporary PostgreSQL 15 primary and its streaming hot standby,
    each its own cluster on a free port, run as the postgres user; stopped at the end."""
    skip_unless_postgres_pass_under_ci()
    require_postgres()
    base = Path(tempfile.mkdtemp(prefix="quotedesk-pg-"))
    base.chmod(0o755)
    primary = standby = None
    try:
        primary = topology.init_primary(base / "pg")
        standby = topology.init_standby(primary)
        yield primary, standby
    finally:
        for cluster in (standby, primary):
            if cluster is not None:
                cluster.stop("immediate")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="package")
def replicated(postgres_pair, collected_static):
    """App nodes reading from the standby of `postgres_pair` (tests/deploy/replicated.py),
    shared by the modules that test replicas."""
    # Imported here: that module takes `topology` from this one.
    from tests.deploy.replicated import replicated_site

    with replicated_site(*postgres_pair, collected_static) as site:
        yield site


@dataclass
class Varnish:
    port: int
    workdir: Path
    process: subprocess.Popen
    host: str = "127.0.0.1"
    proxy_port: int | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(self, method="GET", path="/", headers=None, body=None, source=None):
        """(status, headers with lower-case names, body) of one request on a new connection;
        the body is text, or bytes when Content-Encoded."""
        source_address = (source, 0) if source else None
        conn = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=source_address
        )
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            headers = {k.lower(): v for k, v in response.getheaders()}
            data = response.read()
            if "content-encoding" not in headers:
                data = data.decode()
            return response.status, headers, data
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def purge(self, keys: str, source=None):
        return self.request("PURGE", "/", headers={"xkey-purge": keys}, source=source)

    def counter(self, name: str) -> int:
        """A varnishstat counter, e.g. MAIN.busy_sleep."""
        out = subprocess.run(
            ["varnishstat", "-n", str(self.workdir), "-1", "-f", name],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PATH": VARNISH_PATH},
        ).stdout
        return int(out.split()[1]) if out.strip() else 0


@pytest.fixture
def shared_tmp():
    """A temporary directory that varnishd's own users can reach (run as root, it drops to
    them; pytest's tmp_path is private to the user running the tests)."""
    base = Path(tempfile.mkdtemp(prefix="quotedesk-varnish-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def start_varnish(shared_tmp):
    """start_varnish(backend_port, purgers=..., proxy=False) -> a running Varnish, stopped at
    teardown; with `proxy`, also a PROXY-protocol listener on `proxy_port`."""
    varnishd = require_varnishd()
    started: list[Varnish] = []
    base = shared_tmp

    def start(backend_port: int, purgers=serve.DEFAULT_PURGERS, proxy=False) -> Varnish:
        workdir = base / str(len(started))
        workdir.mkdir()
        workdir.chmod(0o755)
        top = workdir / "top.vcl"
        top.write_text(serve.top_vcl(backend_port=backend_port, purgers=purgers, probe_url=None))
        port = serve.free_port()
        proxy_port = serve.free_port() if proxy else None
        listen = [f"127.0.0.1:{port}"] + ([f"127.0.0.1:{proxy_port},PROXY"] if proxy else [])
        command = serve.varnishd_command(
            varnishd=varnishd,
            listen=listen,
            workdir=workdir / "n",
            admin=f"127.0.0.1:{serve.free_port()}",
            vcl_file=top,
            storage="32M",
            params=("thread_pool_min=10", "thread_pools=1"),
        )
        log = workdir / "varnishd.log"
        with log.open("w") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        varnish = Varnish(port, workdir / "n", process, proxy_port=proxy_port)
        started.append(varnish)
        try:
            serve.wait_until_serving("127.0.0.1", port, 60, process)
        except (RuntimeError, TimeoutError) as exc:
            process.kill()
            pytest.fail(f"varnishd did not start: {exc}\n{log.read_text()}")
        return varnish

    yield start
    for varnish in started:
        varnish.process.terminate()
    for varnish in started:
        try:
            varnish.process.wait(10)
        except subprocess.TimeoutExpired:
            varnish.process.kill()
            varnish.process.wait()


@pytest.fixture
def backend():
    canned = CannedBackend().start()
    yield canned
    canned.stop()


@pytest.fixture
def varnish(start_varnish, backend):
    return start_varnish(backend.port)
