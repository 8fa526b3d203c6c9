"""Serve the site the production way on one machine: Varnish on PORT, gunicorn behind it.

    .venv/bin/python deploy/serve.py    (`make serve` runs it after migrate and collectstatic)

Varnish listens on CMS_BIND:PORT (127.0.0.1:8000) and fetches from gunicorn (`cms.wsgi`,
WEB_CONCURRENCY workers) on a free local port. Both are children of this process, in its process
group: Ctrl-C, SIGTERM, or `kill -- -PGID` stops both; if either one dies, the other is stopped
and this exits non-zero (so a supervisor restarts the pair). deploy/README.md has the settings.

Standard library only, no Django: the tests import the pieces (`top_vcl`, `varnishd_command`,
`wait_until_serving`) to start Varnish exactly as this does.
"""

import argparse
import contextlib
import ctypes
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VCL = REPO / "deploy" / "varnish" / "quotedesk.vcl"
DEFAULT_PURGERS = ("127.0.0.1", "::1")
# Installed beside gunicorn, in the virtualenv, which is not on an operator's PATH.
GUNICORNC = Path(sys.executable).parent / "gunicornc"
NOT_FOUND = (
    "varnishd not found: install Debian's varnish and varnish-modules "
    "(apt-get install varnish varnish-modules; varnishd lands in /usr/sbin, which must be on "
    "PATH), or use `make run` to serve without Varnish."
)


def find_varnishd(path: str | None = None) -> str | None:
    return shutil.which("varnishd", path=path)


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the kernel's choice; the caller binds it soon after)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_setting(name: str, default: str, bind: str) -> int:
    """A port varnishd can listen on, free now: varnishd took 0 as "any port", wrapped one
    past 65535, and next to another listener this launcher found that one answering and
    reported Varnish serving before it exited."""
    value = os.environ.get(name, default)
    if not value.strip().isdigit() or not 1 <= int(value) <= 65535:
        raise ValueError(f"{name} must be a port number from 1 to 65535, not {value!r}")
    port = int(value)
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("" if bind == "*" else bind, port))
        except OSError as exc:
            raise OSError(f"{name} {port} on {bind or '*'}: {exc.strerror}") from None
    return port


def bind_setting(name: str, default: str) -> str:
    """An address of this machine to listen on (`*` or empty: every one): a name that resolves
    to nothing, or another machine's address, was reported as `PORT 8000 on …`, naming the
    port rather than the address."""
    value = os.environ.get(name, default).strip()
    if value in ("", "*"):
        return value
    family = socket.AF_INET6 if ":" in value else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((value, 0))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise ValueError(
                f"{name} {value!r} is not an address of this machine: {reason}"
            ) from None
    return value


def storage_setting(name: str, default: str) -> str:
    """A size for varnishd's `-s malloc,<size>`: one it cannot read stopped varnishd after
    gunicorn had started, with varnishd's own message, which names no variable."""
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"0*[1-9][0-9]*[kKmMgGtT]?", value):
        raise ValueError(f"{name} must be a size such as 256M or 1G (k, M, G, T), not {value!r}")
    return value


def workers_setting(name: str, default: str) -> int:
    """gunicorn took 0 workers and started a master that never answered, behind a Varnish
    that then said 503 to everything; a word was Python's `invalid literal for int()`."""
    value = os.environ.get(name, default)
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


def _address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _acl_entry(entry: str) -> str:
    """`10.0.0.0/8` -> `"10.0.0.0"/8;` (validated, so a typo fails here rather than in VCL)."""
    network = ipaddress.ip_network(entry.strip(), strict=False)
    if "/" in entry:
        return f'"{network.network_address}"/{network.prefixlen};'
    return f'"{network.network_address}";'


def top_vcl(
    *,
    backend_port: int | None = None,
    backend_ports: list[int] | tuple[int, ...] = (),
    backend_host: str = "127.0.0.1",
    purgers: tuple[str, ...] | list[str] = DEFAULT_PURGERS,
    probe_url: str | None = "/healthz",
    probe_host: str = "127.0.0.1",
    include: Path = VCL,
) -> str:
    """The top-level VCL: what varies per machine (backends, purgers), then the shared logic.

    One backend (`backend_port`), or several app nodes (`backend_ports`) shared by a
    round-robin director that skips those its probe finds down (deploy/topology.py).
    The probe asks for `probe_url` with a Host the site accepts (Django answers 400 to any
    other) and as https (with CMS_HTTPS=1 Django redirects anything else), and starts healthy:
    the caller starts Varnish once the backend answers.
    """
    ports = list(backend_ports) or [backend_port]
    several = len(ports) > 1
    probe = ""
    if probe_url:
        # With several nodes a dead one must leave the director within seconds.
        interval, window, threshold = ("1s", 3, 2) if several else ("5s", 5, 3)
        probe = f"""
    .probe = {{
        .request = "GET {probe_url} HTTP/1.1"
                   "Host: {probe_host}"
                   "X-Forwarded-Proto: https"
                   "User-Agent: varnish-probe"
                   "Connection: close";
        .timeout = 2s;
        .interval = {interval};
        .window = {window};
        .threshold = {threshold};
        .initial = {threshold};
    }}"""
    names = [f"node{number}" for number in range(1, len(ports) + 1)] if several else ["default"]
    backends = "".join(
        f"""
backend {name} {{
    .host = "{backend_host}";
    .port = "{port}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;{probe}
}}
"""
        for name, port in zip(names, ports, strict=True)
    )
    director = ""
    if several:
        added = "".join(f"\n    nodes.add_backend({name});" for name in names)
        director = f"""
import directors;

sub vcl_init {{
    new nodes = directors.round_robin();{added}
}}

sub vcl_recv {{
    set req.backend_hint = nodes.backend();
}}
"""
    acl = "\n".join(f"    {_acl_entry(entry)}" for entry in purgers)
    return f"""vcl 4.1;

# Written by deploy/serve.py or deploy/topology.py at each start; edit
# deploy/varnish/quotedesk.vcl instead.
{backends}{director}
acl purgers {{
{acl}
}}

include "{include}";
"""


def varnishd_command(
    *,
    varnishd: str,
    listen: str | list[str],
    workdir: Path,
    admin: str,
    vcl_file: Path,
    storage: str = "256M",
    params: tuple[str, ...] = (),
) -> list[str]:
    """varnishd in the foreground with its own work directory (`varnishlog -n` it) and admin port.

    `listen`: one `-a` value or several (`127.0.0.1:8443,PROXY` for a TLS terminator).
    `-t 0`: nothing is kept unless the VCL and the response's Cache-Control say so.
    """
    command = [varnishd, "-F", "-n", str(workdir)]
    for address in [listen] if isinstance(listen, str) else listen:
        command += ["-a", address]
    command += ["-T", admin]
    command += ["-f", str(vcl_file), "-s", f"malloc,{storage}", "-t", "0"]
    for param in params:
        command += ["-p", param]
    return command


def start_varnishd(
    varnishd: str, *, top: str, workdir: Path, port: int, log: Path, storage: str = "64M"
) -> subprocess.Popen:
    """varnishd on 127.0.0.1:port with the top-level VCL `top` (written into `workdir`), in
    its own session, its output appended to `log`: for the bench and the topology."""
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    vcl_file = workdir / "top.vcl"
    vcl_file.write_text(top)
    command = varnishd_command(
        varnishd=varnishd,
        listen=f"127.0.0.1:{port}",
        workdir=workdir / "n",
        admin=f"127.0.0.1:{free_port()}",
        vcl_file=vcl_file,
        storage=storage,
    )
    handle = log.open("ab")
    return subprocess.Popen(command, stdout=handle, stderr=handle, start_new_session=True)


def wait_until_serving(
    host: str, port: int, timeout: float, process=None, *, name: str = "varnishd", http=True
) -> None:
    """Until host:port accepts a connection and, with `http`, answers a request (for varnishd:
    its manager holds the socket before its child serves; the PURGE without keys is answered
    by the VCL, not the backend). Raises TimeoutError, or RuntimeError if `process` exits."""
    deadline = time.monotonic() + timeout
    request = b"PURGE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode} before serving")
        try:
            with socket.create_connection((host, port), timeout=1) as sock:
                if not http:
                    return
                sock.sendall(request)
                if sock.recv(12).startswith(b"HTTP/"):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing answered HTTP on {_address(host, port)} in {timeout}s")
        time.sleep(0.1)


PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> None:
    """Linux only; elsewhere the launcher works without these safety nets."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(option, value)


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the launcher dies, even by SIGKILL."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def keep(command: list[str]) -> int:
    """Run `command` (varnishd) and stop it when told to stop: varnishd as root drops to its
    jail's user, and a change of user clears the parent-death signal, so varnishd outlived a
    launcher killed with SIGKILL and kept the port. This keeper, started by the launcher with
    that signal and never changing user, keeps it."""
    child = subprocess.Popen(command)

    def stop(signum, frame):
        child.terminate()

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    return child.wait()


def _adopted() -> list[int]:
    """Our children that Popen did not start: as a subreaper this process adopts the workers
    of a gunicorn master that died, which would otherwise linger until they noticed."""
    me = str(os.getpid())
    found = []
    with contextlib.suppress(OSError):
        for entry in os.listdir("/proc"):
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[1] == me:
                found.append(int(entry))
    return found


def _local_host(bind: str) -> str:
    """Where this machine reaches a listener bound to `bind`."""
    if bind in ("", "0.0.0.0", "*"):
        return "127.0.0.1"
    if bind == "::":
        return "::1"
    return bind


def _probe_host() -> str:
    """A Host the site accepts: the first of DJANGO_ALLOWED_HOSTS that names one host."""
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1").split(","):
        host = host.strip().lstrip(".")
        if host and "*" not in host:
            return host
    return "127.0.0.1"


def _purgers(bind: str) -> list[str]:
    """CMS_VARNISH_PURGERS, or this machine's addresses (the app purges from here)."""
    configured = [p for p in os.environ.get("CMS_VARNISH_PURGERS", "").split(",") if p.strip()]
    for entry in configured:
        # Checked here so that the message names the variable, not only the bad address.
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError as exc:
            raise ValueError(f"CMS_VARNISH_PURGERS: {exc}") from None
    if configured:
        return configured
    local = _local_host(bind)
    return list(DEFAULT_PURGERS) + ([local] if local not in DEFAULT_PURGERS else [])


def _stop(processes: dict[str, subprocess.Popen], grace: float = 10.0) -> None:
    """SIGTERM to the children still running (and to any adopted), SIGKILL after `grace`."""
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes.values():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    orphans = _adopted()
    for pid in orphans:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    while orphans:
        for pid in list(orphans):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    if time.monotonic() < deadline:
                        continue
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
            orphans.remove(pid)
        time.sleep(0.05)


class _Stop(Exception):
    pass


def _raise_stop(signum, frame):
    raise _Stop(signum)


@dataclass
class Plan:
    gunicorn: list[str]
    varnishd: list[str]
    env: dict[str, str]
    host: str  # where this machine reaches Varnish
    port: int
    backend_port: int
    workdir: Path


def plan(varnishd: str, wsgi_app: str) -> Plan:
    """What to run, from the environment (deploy/README.md, "Settings"); writes the top VCL."""
    bind = bind_setting("CMS_BIND", "127.0.0.1")
    port = port_setting("PORT", "8000", bind)
    storage = storage_setting("CMS_VARNISH_STORAGE", "256M")
    var_dir = Path(os.environ.get("CMS_VAR_DIR", REPO / "var"))
    workdir = (var_dir / f"varnish-{port}").resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    backend_port = free_port()

    env = dict(os.environ)
    env.setdefault("CMS_VARNISH_URLS", f"http://{_address(_local_host(bind), port)}")
    env.setdefault("CMS_BEHIND_PROXY", "1")
    gunicorn = [sys.executable, "-m", "gunicorn", wsgi_app, "--chdir", str(REPO)]
    gunicorn += ["--bind", f"127.0.0.1:{backend_port}"]
    gunicorn += ["--workers", str(workers_setting("WEB_CONCURRENCY", "2"))]
    gunicorn += ["--access-logfile", "-"]
    # Its own control socket (`gunicornc -s`): gunicorn's default is one per user, which a
    # second gunicorn on the machine takes over.
    gunicorn += ["--control-socket", str((var_dir / f"gunicorn-{port}.ctl").resolve())]

    listen = [_address(bind, port)]
    if os.environ.get("CMS_VARNISH_PROXY_PORT"):
        # For a TLS terminator on this machine speaking the PROXY protocol (deploy/README.md).
        proxy_port = port_setting("CMS_VARNISH_PROXY_PORT", "", "127.0.0.1")
        listen.append(f"127.0.0.1:{proxy_port},PROXY")
    top = workdir / "top.vcl"
    top.write_text(
        top_vcl(backend_port=backend_port, purgers=_purgers(bind), probe_host=_probe_host())
    )
    command = varnishd_command(
        varnishd=varnishd,
        listen=listen,
        workdir=workdir,
        admin=_address("127.0.0.1", free_port()),
        vcl_file=top,
        storage=storage,
    )
    kept = [sys.executable, str(Path(__file__).resolve()), "--keep", *command]
    return Plan(gunicorn, kept, env, _local_host(bind), port, backend_port, workdir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wsgi-app", default="cms.wsgi", help="gunicorn's app (default cms.wsgi)")
    parser.add_argument("--keep", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.keep is not None:
        return keep(args.keep)

    varnishd = find_varnishd()
    if varnishd is None:
        print(NOT_FOUND, file=sys.stderr)
        return 1
    try:
        run = plan(varnishd, args.wsgi_app)
    except (ValueError, OSError) as exc:
        print(f"Cannot serve: {exc} (see deploy/README.md, Settings)", file=sys.stderr)
        return 1

    processes: dict[str, subprocess.Popen] = {}
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _raise_stop)
    try:
        processes["gunicorn"] = subprocess.Popen(
            run.gunicorn, env=run.env, preexec_fn=_die_with_parent
        )
        wait_until_serving(
            "127.0.0.1", run.backend_port, 60, processes["gunicorn"], name="gunicorn", http=False
        )
        processes["varnishd"] = subprocess.Popen(
            run.varnishd, env=run.env, preexec_fn=_die_with_parent
        )
        wait_until_serving(run.host, run.port, 60, processes["varnishd"])
        print(
            f"Serving on http://{_address(run.host, run.port)}: Varnish "
            f"(varnishlog -n {run.workdir}) in front of gunicorn on 127.0.0.1:{run.backend_port} "
            f"({GUNICORNC} -s {run.workdir.parent / f'gunicorn-{run.port}.ctl'}).",
            flush=True,
        )
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    print(f"{name} exited with code {process.returncode}; stopping.", flush=True)
                    return 1
            time.sleep(0.2)
    except _Stop:
        return 0
    except (RuntimeError, TimeoutError) as exc:
        print(f"Could not start: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        _stop(processes)


if __name__ == "__main__":
    sys.exit(main())
