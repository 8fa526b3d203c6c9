"""CPU per request of some URLs, in one process, through Django's test client: what the
application spends above its database, without HTTP or a second process in the way.

    DATABASE_URL=postgres://…/quotedesk_bench_1m .venv/bin/python -m tools.bench.cpu \\
        /api/v1/people/ /api/v1/films/ [--requests 300] [--profile]

The cache is off and the API throttle raised, as in `manage.py bench`. `--profile` prints the
functions that take the most time (cProfile) for each URL.
"""

import argparse
import cProfile
import os
import pstats
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    os.environ["CMS_CACHE_ENABLED"] = "0"
    os.environ["CMS_API_ANON_RATE"] = "100000000/min"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for path in args.paths:
        for _ in range(30):  # warm: connections, prepared statements, compiled rules
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: status {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count = len(queries)  # now: each request clears the connection's log
        started = time.process_time()
        for _ in range(args.requests):
            client.get(path)
        cpu = 1000 * (time.process_time() - started) / args.requests
        print(f"{path:40} {cpu:6.2f} ms CPU per request, {count} queries")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.requests):
                client.get(path)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
