"""A record's page address from its route, reversed once per route.

Pages link every record they show (a film page's 20 quote cards link some 100 records), and a
`reverse()` per link cost more than the card's SQL. A route is reversed once with a stand-in
value where the lookup goes, and each link is that pattern with the record's value put in; a
value the stand-in could not speak for (one that `reverse()` would have to quote) takes
`reverse()` itself."""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# A stand-in lookup value that every route's converter accepts (int, slug, str).
MARKER = "2147483646"
# Values that reverse() would put in as they are: no quoting, accepted by int and slug alike.
PLAIN = re.compile(r"[-A-Za-z0-9_]+\Z")


@lru_cache(maxsize=256)
def pattern(view_name: str, lookup: str, prefix: str, urlconf: str) -> tuple[str, str] | None:
    path = reverse(view_name, urlconf=urlconf, kwargs={lookup: MARKER})
    if path.count(MARKER) != 1:
        return None
    start, end = path.split(MARKER)
    return start, end


def route_url(view_name: str, lookup: str, value) -> str:
    """`reverse(view_name, kwargs={lookup: value})`, from the route's cached pattern."""
    text = "" if value is None else str(value)
    if PLAIN.match(text):
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        found = pattern(view_name, lookup, get_script_prefix(), urlconf)
        if found is not None:
            return f"{found[0]}{text}{found[1]}"
    return reverse(view_name, kwargs={lookup: value})
