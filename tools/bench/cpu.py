"""CPU per request of some URLs, in one process, through the WSGI handler as gunicorn calls
it: what the application spends above its database, without HTTP or a second process in the
way, and how much of it the cyclic garbage collector takes.

    DATABASE_URL=postgres://…/quotedesk_bench_1m .venv/bin/python -m tools.bench.cpu \\
        /api/v1/people/ /api/v1/films/ [--requests 300] [--profile]

The cache is off and the API throttle raised, as in `manage.py bench`. `--profile` prints the
functions that take the most time (cProfile) for each URL. `--pause MS` idles that long before
each request, as a request of the bench's interleaved rounds finds the server, and prints the
median CPU of one request: on a virtual machine a request after an idle spell runs with cold
caches and takes about twice the CPU (docs/performance.md). Not the test client: it keeps each
response and its request, which the collector would then find too.
"""

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import sys
import time


def environ(path: str) -> dict:
    """A GET of `path` from 127.0.0.1, as gunicorn hands it to the application."""
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
    }


class Collections:
    """The cyclic collector's time, from its callbacks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self.started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--pause", type=float, default=0.0, metavar="MS")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    os.environ["CMS_CACHE_ENABLED"] = "0"
    os.environ["CMS_API_ANON_RATE"] = "100000000/min"
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    application = get_wsgi_application()
    statuses = []

    def get(path: str) -> None:
        body = application(
            environ(path), lambda status, headers, exc_info=None: statuses.append(status)
        )
        b"".join(body)
        body.close()

    collections = Collections()
    gc.callbacks.append(collections)
    for path in args.paths:
        for _ in range(30):  # warm: connections, prepared statements, compiled rules
            get(path)
        if not statuses[-1].startswith("200"):
            raise SystemExit(f"{path}: status {statuses[-1]}")
        with CaptureQueriesContext(connection) as queries:
            get(path)
        count = len(queries)
        collections.seconds = 0.0
        if args.pause:
            cpus = []
            for _ in range(args.requests):
                time.sleep(args.pause / 1000)
                started = time.process_time()
                get(path)
                cpus.append(time.process_time() - started)
            cpu = 1000 * statistics.median(cpus)
        else:
            started = time.process_time()
            for _ in range(args.requests):
                get(path)
            cpu = 1000 * (time.process_time() - started) / args.requests
        collected = 1000 * collections.seconds / args.requests
        after = f" (median, each after {args.pause:g} ms idle)" if args.pause else ""
        print(
            f"{path:40} {cpu:6.2f} ms CPU per request{after} "
            f"({collected:.2f} ms collecting cycles), {count} queries"
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.requests):
                get(path)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
