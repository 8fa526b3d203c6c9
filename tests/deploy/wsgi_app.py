"""A trivial WSGI app for the launcher's test: a cacheable page telling what gunicorn got."""

import json
import os


def application(environ, start_response):
    body = json.dumps(
        {
            "x_forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
            "CMS_VARNISH_URLS": os.environ.get("CMS_VARNISH_URLS"),
            "CMS_BEHIND_PROXY": os.environ.get("CMS_BEHIND_PROXY"),
        }
    ).encode()
    start_response(
        "200 OK",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "public, max-age=0, s-maxage=60"),
            ("xkey", "page"),
        ],
    )
    return [body]
