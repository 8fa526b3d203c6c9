import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import replicas

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 when the primary answers a query; load balancers take the node out otherwise.
    A replica down or lagging makes the node "degraded", not unhealthy: its reads go to the
    primary (core.replicas). With the primary down and a replica answering, the node is
    "read-only", still 200: readers get pages from the replica (the desk and writes get 503s),
    where a 503 here would have Varnish take every node out and answer readers with 503s."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        connection.close()
        # Once the probe has taken the node out this is the only request the app still gets:
        # the reason goes to the log (the body is public and names only the error's kind).
        logger.warning("healthz: the database does not answer: %s", exc)
        body = {"status": "unavailable", "database": type(exc).__name__}
        if replicas.replica_aliases():
            body["replicas"] = replicas.health()
            if any(state["status"] == "ok" for state in body["replicas"].values()):
                return JsonResponse({**body, "status": "read-only"})
        return JsonResponse(body, status=503)
    body = {"status": "ok", "database": "ok"}
    if replicas.replica_aliases():
        body["replicas"] = replicas.health()
        if any(state["status"] != "ok" for state in body["replicas"].values()):
            body["status"] = "degraded"
    return JsonResponse(body)


def not_found(request, exception):
    """`handler404`: an address under the API that no route matches (`/api/v1/quotes/1.5/`,
    whose id the schema's path covers) answers in the API's error format, as its schema says a
    404 does; every other address gets the site's page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
