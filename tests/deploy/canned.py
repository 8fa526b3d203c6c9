"""A tiny HTTP backend with canned answers, to test the VCL apart from the Django app.

Each path answers what `routes` says; `/slow/...` paths read their body when the request
arrives, then wait for `release()` before answering (a fetch held in flight). Every request is
recorded with its headers.
"""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: str | bytes = "body"
    status: int = 200
    headers: dict[str, str] = field(
        default_factory=lambda: {"Cache-Control": "public, max-age=0, s-maxage=60"}
    )


def public(keys: str, seconds: int = 60, **extra: str) -> dict[str, str]:
    """The headers of a page the app lets any cache keep, naming the records it shows."""
    return {"Cache-Control": f"public, max-age=0, s-maxage={seconds}", "xkey": keys, **extra}


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]


class CannedBackend:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.gate = threading.Event()
        self.arrived = threading.Semaphore(0)
        backend = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):
                pass

            def answer(self, send_body: bool):
                backend.requests.append(
                    Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
                )
                route = backend.routes.get(self.path) or Route("not here", 404, {})
                body = route.body if isinstance(route.body, bytes) else route.body.encode()
                if self.path.startswith("/slow"):
                    backend.arrived.release()
                    backend.gate.wait(30)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if "Content-Type" not in route.headers:
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)

            def do_GET(self):
                self.answer(True)

            def do_HEAD(self):
                self.answer(False)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.answer(True)

            do_PUT = do_PATCH = do_DELETE = do_POST

            def do_PURGE(self):
                self.answer(True)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "CannedBackend":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    def release(self) -> None:
        self.gate.set()
