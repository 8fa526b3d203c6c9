"""Throttles: the anonymous and signed-in rates (`CMS_API_ANON_RATE`, `CMS_API_USER_RATE`),
and the login rate per address (`CMS_LOGIN_RATE`) of the token endpoint and the admin login."""

import logging
import math

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework import throttling

from core.addresses import client_address

logger = logging.getLogger(__name__)


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
        try:
            spent_until = self.cache.get(key)
        except (RedisError, OSError):
            # The cache is down: every request passes (fail open) rather than none.
            logger.warning("Throttle cache unavailable; %s not throttled", key, exc_info=True)
            return True
        if not isinstance(spent_until, int | float):  # none yet, or a log DRF's throttle left
            spent_until = now
        spent_until = max(spent_until, now)
        self.wait_seconds = spent_until - now - (self.duration - interval)
        if self.wait_seconds > 0:
            return False
        spent_until += interval
        try:
            self.cache.set(key, spent_until, math.ceil(spent_until - now) + 1)
        except (RedisError, OSError):
            logger.warning("Throttle cache unavailable; %s not counted", key, exc_info=True)
        return True

    def wait(self):
        return self.wait_seconds

    def get_ident(self, request):
        """The address our proxy vouches for (`core.addresses`). DRF's own trusts a client's
        X-Forwarded-For unless NUM_PROXIES is set, which would let a client pick its bucket."""
        return client_address(request)


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


class LoginRateThrottle(SteadyRateThrottle, throttling.SimpleRateThrottle):
    """Login attempts per address, whatever the username: an address trying many usernames is
    slowed, while django-axes locks only the pair of username and address, so that no stranger
    can lock a named editor out. Used by the token endpoint and the admin login."""

    scope = "login"

    def get_rate(self):
        return settings.CMS_LOGIN_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
