"""The production topology on one machine: Varnish in front of two gunicorn nodes, a PostgreSQL
primary and its streaming replica (each its own cluster), and Redis (its own instance).

    .venv/bin/python deploy/topology.py     (`make topology`; Ctrl-C stops everything)

Everything lives under a fresh temporary directory (or CMS_TOPOLOGY_DIR) and on free ports, so
it never touches the machine's own PostgreSQL or Redis. The pieces (`init_primary`,
`init_standby`, `start_redis`, `start_node`, `start_varnish`) are what the tests and the load
test start (tests/deploy/conftest.py, `manage.py loadtest --topology`). deploy/README.md
describes the topology and its settings.

Standard library only, no Django, like deploy/serve.py (whose VCL and Varnish command it uses).
"""

import argparse
import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("CMS_PG_BIN", "/usr/lib/postgresql/15/bin"))
# Debian puts varnishd in /usr/sbin, which is not on every user's PATH.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


def _load_serve():
    spec = importlib.util.spec_from_file_location("deploy_serve", REPO / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = _load_serve()
free_port = serve.free_port


def postgres_missing() -> str | None:
    """Why PostgreSQL clusters cannot be made here, or None."""
    for name in ("initdb", "pg_ctl", "pg_basebackup", "postgres"):
        if not (PG_BIN / name).exists():
            return f"{PG_BIN / name} is missing (apt-get install postgresql-15; CMS_PG_BIN)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root needs runuser to start PostgreSQL as the postgres user"
    return None


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def own_directory(path: Path) -> Path:
    """A directory the PostgreSQL user owns (it is this user unless we are root)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
    path.chmod(0o700)
    return path


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@dataclass
class Cluster:
    """One PostgreSQL cluster (data directory, port), started and stopped with pg_ctl."""

    datadir: Path
    port: int

    @property
    def log(self) -> Path:
        return self.datadir.parent / f"{self.datadir.name}.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.datadir), "-l", str(self.log),
                         "-w", "-t", "60", "start"]))  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        with contextlib.suppress(RuntimeError):
            run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.datadir), "-m", mode,
                             "-w", "-t", "60", "stop"]))  # fmt: skip

    def psql(self, sql: str, database: str = "postgres") -> str:
        """One statement's result as unaligned text (psql, so that this needs no driver)."""
        return run([str(PG_BIN / "psql"), "-X", "-qAt", "-h", "127.0.0.1", "-p", str(self.port),
                    "-U", "postgres", "-d", database, "-c", sql]).stdout.strip()  # fmt: skip


def init_primary(base: Path, port: int | None = None) -> Cluster:
    """A new primary ready for streaming replicas (wal_level=replica), trusting local users."""
    base = own_directory(base)
    cluster = Cluster(base / "primary", port or free_port())
    run(as_postgres([str(PG_BIN / "initdb"), "-D", str(cluster.datadir), "-U", "postgres",
                     "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]))  # fmt: skip
    with (cluster.datadir / "postgresql.conf").open("a") as conf:
        conf.write(
            "\n# deploy/topology.py\n"
            f"port = {cluster.port}\n"
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{base}'\n"
            "wal_level = replica\n"
            "max_wal_senders = 10\n"
            "max_replication_slots = 10\n"
            "hot_standby = on\n"
            "max_connections = 200\n"
            "shared_buffers = 64MB\n"
            # Throwaway clusters: speed over durability.
            "fsync = off\n"
            "full_page_writes = off\n"
        )
    cluster.start()
    return cluster


def init_standby(primary: Cluster, name: str = "standby", port: int | None = None) -> Cluster:
    """A hot standby of `primary` (pg_basebackup -R, streaming through its own replication
    slot, so the primary keeps the WAL it has not received while it is stopped)."""
    cluster = Cluster(primary.datadir.parent / name, port or free_port())
    run(as_postgres([str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
                     "-U", "postgres", "-D", str(cluster.datadir), "-R", "-X", "stream",
                     "-C", "-S", name, "--no-sync", "-c", "fast"]))  # fmt: skip
    with (cluster.datadir / "postgresql.conf").open("a") as conf:
        conf.write(f"port = {cluster.port}\n")
    cluster.start()
    return cluster


def start_redis(base: Path, port: int | None = None) -> tuple[subprocess.Popen, int]:
    """Its own redis-server, nothing kept on disk."""
    port = port or free_port()
    redis = shutil.which("redis-server", path=SEARCH_PATH)
    if redis is None:
        raise RuntimeError("redis-server is missing (apt-get install redis-server)")
    process = subprocess.Popen(
        [redis, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=(base / f"redis-{port}.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    serve.wait_until_serving("127.0.0.1", port, 30, process, name="redis-server", http=False)
    return process, port


def manage(env: dict, *args: str) -> str:
    return run([sys.executable, str(REPO / "manage.py"), *args], env=env, timeout=600).stdout


def link_or_collect_static(env: dict, static_root: Path | None) -> None:
    """The app's static files under its CMS_VAR_DIR: a link to `static_root`, or collected."""
    var = Path(env["CMS_VAR_DIR"])
    var.mkdir(parents=True, exist_ok=True)
    if static_root is not None:
        link = var / "static"
        if link.is_dir() and not link.is_symlink():
            link.rmdir()  # the empty one settings made
        link.symlink_to(static_root, target_is_directory=True)
    else:
        manage(env, "collectstatic", "--noinput", "-v0")


def start_node(env: dict, port: int, log: Path, workers: int = 2) -> subprocess.Popen:
    """One app node: gunicorn on 127.0.0.1:port, in its own process group (so that killing
    the group kills its master and workers at once, like a machine going away)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--chdir",
            str(REPO),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
            "--control-socket",
            str(log.with_suffix(".ctl")),
        ],  # fmt: skip
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    serve.wait_until_serving("127.0.0.1", port, 60, process, name="gunicorn", http=False)
    return process


def kill_node(process: subprocess.Popen) -> None:
    """SIGKILL to the node's whole process group: no graceful shutdown."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def start_varnish(base: Path, node_ports: list[int], port: int | None = None):
    """Varnish on `port` with the repository's VCL, its requests shared by the nodes (a
    round-robin director; /healthz probes take a dead node out)."""
    varnishd = serve.find_varnishd(SEARCH_PATH)
    if varnishd is None:
        raise RuntimeError(serve.NOT_FOUND)
    port = port or free_port()
    base.chmod(0o755)
    workdir = base / f"varnish-{port}"
    process = serve.start_varnishd(
        varnishd,
        top=serve.top_vcl(backend_ports=node_ports),
        workdir=workdir,
        port=port,
        log=base / "varnishd.log",
    )
    serve.wait_until_serving("127.0.0.1", port, 60, process)
    return process, port


@dataclass
class Topology:
    """Everything `start()` started, stopped in reverse by `stop()`."""

    base: Path
    nodes: int = 2
    workers: int = 2
    primary: Cluster | None = None
    standby: Cluster | None = None
    redis: subprocess.Popen | None = None
    node_processes: dict[int, subprocess.Popen] = field(default_factory=dict)
    varnish: subprocess.Popen | None = None
    port: int = 0
    env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(
        self,
        *,
        port: int | None = None,
        extra_env: dict | None = None,
        demo: bool = True,
        static_root: Path | None = None,
    ) -> None:
        """Everything, `port` for Varnish; `static_root`: static files already collected
        (linked rather than collected again)."""
        self.base.mkdir(parents=True, exist_ok=True)
        self.base.chmod(0o755)  # PostgreSQL and Varnish run as their own users under it
        self.primary = init_primary(self.base / "pg")
        self.standby = init_standby(self.primary)
        self.redis, redis_port = start_redis(self.base)
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": self.primary.url("quotedesk"),
            "DATABASE_REPLICA_URLS": self.standby.url("quotedesk"),
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CMS_VARNISH_URLS": self.url,
            "CMS_BEHIND_PROXY": "1",
            "CMS_VAR_DIR": str(self.base / "var"),
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CMS_LOG_FORMAT": "plain",
            **(extra_env or {}),
        }
        self.primary.psql("CREATE DATABASE quotedesk")
        manage(self.env, "migrate", "--noinput", "-v0")
        if demo:
            manage(self.env, "load_demo")
        link_or_collect_static(self.env, static_root)
        ports = [free_port() for _ in range(self.nodes)]
        for node_port in ports:
            self.start_node(node_port)
        self.varnish, _ = start_varnish(self.base, ports, self.port)

    def start_node(self, port: int) -> None:
        log = self.base / f"node-{port}.log"
        self.node_processes[port] = start_node(self.env, port, log, self.workers)

    def kill_node(self, port: int) -> None:
        kill_node(self.node_processes.pop(port))

    def stop(self) -> None:
        for process in self.node_processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.node_processes.values(), self.varnish, self.redis]:
            if process is None:
                continue
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.node_processes.clear()
        for cluster in (self.standby, self.primary):
            if cluster is not None:
                cluster.stop("immediate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--nodes", type=int, default=2)
    args = parser.parse_args(argv)
    missing = postgres_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    kept = os.environ.get("CMS_TOPOLOGY_DIR")
    base = Path(kept or tempfile.mkdtemp(prefix="quotedesk-topology-"))
    base.mkdir(parents=True, exist_ok=True)
    topology = Topology(base, nodes=args.nodes)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.default_int_handler)
    try:
        topology.start(port=args.port)
        print(
            f"Serving on {topology.url}: Varnish in front of {args.nodes} gunicorn nodes "
            f"(ports {', '.join(map(str, topology.node_processes))}); PostgreSQL primary on "
            f"{topology.primary.port}, replica on {topology.standby.port}; Redis; all in {base}. "
            "Ctrl-C stops everything.",
            flush=True,
        )
        while all(p.poll() is None for p in topology.node_processes.values()):
            time.sleep(0.5)
        print("a node exited; stopping.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, TimeoutError, OSError) as exc:
        print(f"Could not start: {exc}", file=sys.stderr)
        return 1
    finally:
        topology.stop()
        if not kept:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
