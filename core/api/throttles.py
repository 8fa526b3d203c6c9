"""Throttles: the anonymous and signed-in rates (`CMS_API_ANON_RATE`, `CMS_API_USER_RATE`)."""

import math

from django.conf import settings
from rest_framework import throttling


class SteadyRateThrottle:
    """The rate as a steady flow with a burst of a whole period (the generic cell rate
    algorithm): one number per client, the time its allowance is next spent, read and written
    once per request. DRF's keeps a log of every request's time in the period, read, trimmed
    and written back whole each time, so its cost grows with the rate allowed. A client with
    nothing spent may make the rate's number of requests at once, then one each
    period / number; `Retry-After` says when the next is allowed. Like DRF's, two processes
    may race on one client's entry; a lost update lets one request more through."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        if self.num_requests < 1:
            self.wait_seconds = float(self.duration)
            return False
        interval = self.duration / self.num_requests
        spent_until = self.cache.get(key)
        if not isinstance(spent_until, int | float):  # none yet, or a log DRF's throttle left
            spent_until = now
        spent_until = max(spent_until, now)
        self.wait_seconds = spent_until - now - (self.duration - interval)
        if self.wait_seconds > 0:
            return False
        spent_until += interval
        self.cache.set(key, spent_until, math.ceil(spent_until - now) + 1)
        return True

    def wait(self):
        return self.wait_seconds


class AnonRateThrottle(SteadyRateThrottle, throttling.AnonRateThrottle):
    """Rates are read per request from settings (not frozen at import) so that they follow the
    environment and tests can lower them."""

    def get_rate(self):
        return settings.CMS_API_ANON_RATE


class UserRateThrottle(SteadyRateThrottle, throttling.UserRateThrottle):
    def get_rate(self):
        return settings.CMS_API_USER_RATE

    def get_cache_key(self, request, view):
        """Signed-in users only. DRF's counts anonymous requests too (by address), so a reader
        was held to the lower of the two rates, at the cost of a second cache round trip."""
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
