"""Cookie-less reads of the API's lists, answered without the middleware only cookies need.

A request that carries no cookie and no credentials is anonymous before anything runs: it
has no session, no CSRF token, no messages and no login to lock out. For such a request the
session, common, CSRF, authentication, messages and login-lockout (`axes`) middleware change
nothing but a `Vary: Cookie` and a `Content-Length`, and Django's URL resolver walks the whole
router to find the view it found the same way last time.

`ApiListLaneMiddleware` sits below the security, CSP, static files, clickjacking, page cache
and CORS middleware, whose work every answer still gets. It takes a GET or HEAD of a list
route of the API router (`/api/v1/quotes/`, `/api/v1/people/`, …) that has no `Cookie` and no
`Authorization` header and asks for JSON (an `Accept` of JSON, of anything or none, and no
`format` parameter: the browsable API's page would set a CSRF cookie). It calls the view
function URL resolution gives for that path (found once per process with `resolve()`), and
adds what the skipped middleware would have: `Vary: Cookie` (DRF's session authentication
reads the session of every request) and `Content-Length`. Everything in the view runs as
always: DRF's authentication, permissions, throttles, content negotiation, filters,
pagination, caching and validators. A plain page of a list with a SQL read path goes one step
further (`answer_from_rows`). Any other request takes the whole stack.

`tests/api/test_lane.py` sends each list pages, filters, bad input, HEAD, conditional
requests, cache hits, throttled requests and CORS requests with the lane on and off, and
compares status, headers and body.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, resolve, reverse
from django.utils.cache import patch_vary_headers
from rest_framework.request import Request
from rest_framework.settings import api_settings

from cms.api import ContentNegotiation, with_validators
from cms.cache import api_read_key, cached_response, storable, store

LANE_METHODS = frozenset({"GET", "HEAD"})
# What would make the skipped middleware act: a cookie (session, CSRF, messages) or
# credentials (DRF's token authentication reads them itself, but keep staff on the full path).
LANE_REFUSES = ("HTTP_COOKIE", "HTTP_AUTHORIZATION")


def list_routes() -> dict:
    """`{path_info: resolver match}` for the list route of every viewset on the API router."""
    from cms.api_urls import router

    prefix = get_script_prefix()
    routes = {}
    for _, _, basename in router.registry:
        try:
            path = reverse(f"{basename}-list")
        except NoReverseMatch:
            continue
        path_info = "/" + path.removeprefix(prefix)
        try:
            routes[path_info] = resolve(path_info)
        except Resolver404:
            continue
    return routes


class ApiListLaneMiddleware:
    enabled = True

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.routes: dict | None = None
        self.rows: dict = {}

    def __call__(self, request):
        match = self.route(request)
        if match is None:
            return self.get_response(request)
        request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it
        request.resolver_match = match
        request.user = AnonymousUser()
        rows = self.rows.get(request.path_info)
        response = None if rows is None else answer_from_rows(request, rows)
        if response is None:
            response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        patch_vary_headers(response, ("Cookie",))
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response

    def route(self, request):
        if (
            not ApiListLaneMiddleware.enabled
            or request.method not in LANE_METHODS
            or settings.DISALLOWED_USER_AGENTS
        ):
            return None
        meta = request.META
        if getattr(request, "urlconf", None) is not None:  # a middleware chose other routes
            return None
        if any(meta.get(name) for name in LANE_REFUSES):
            return None
        if meta.get("HTTP_ACCEPT", "*/*") not in ContentNegotiation.plain:
            return None
        if self.routes is None:
            self.routes = list_routes()
            self.rows = {path: RowRoute.of(match) for path, match in self.routes.items()}
        match = self.routes.get(request.path_info)
        if match is None or api_settings.URL_FORMAT_OVERRIDE in request.GET:
            return None
        return match


class RowRoute:
    """What answering a list route from rows takes that is the same for every request, worked
    out once per process from a view the route makes: the viewset's handlers per method (as
    the router's view function sets them up, for `Allow`), its JSON renderer and its default
    response headers. None of these hold anything of a request."""

    def __init__(self, match) -> None:
        self.view_class, self.initkwargs = match.func.cls, match.func.initkwargs
        self.args, self.kwargs = match.args, match.kwargs
        self.action_map = dict(match.func.actions)
        if "get" in self.action_map:
            self.action_map.setdefault("head", self.action_map["get"])
        view = self.view()
        renderer = view.get_renderers()[0]
        self.renderer = renderer if renderer.format == "json" else None
        self.headers = view.default_response_headers

    @classmethod
    def of(cls, match) -> "RowRoute | None":
        if getattr(match.func.cls, "row_list", None) is None:
            return None
        return cls(match)

    def view(self):
        view = self.view_class(**self.initkwargs)
        view.action_map = self.action_map
        for method, action in self.action_map.items():
            setattr(view, method, getattr(view, action))
        return view


def answer_from_rows(request, route: RowRoute):
    """A plain page of a list with a SQL read path (`cms.api_rows`), answered by the view's own
    parts without DRF's dispatch: the view's throttles, the API cache, its paginator and row
    list, its renderer, its response headers and the validators of `ConditionalMixin`, in the
    order DRF's dispatch and the view's mixins apply them. An exception (a throttled client,
    a bad cursor or page size) gets the view's own handling, as in DRF's dispatch. None when
    the request is not such a page (a filter, HEAD): the view answers it in full.

    What this leaves out is what DRF's dispatch would spend on a request already known to be
    anonymous and to want JSON: its authenticators, parsers, content negotiation and
    permissions (a read is allowed to anyone), then its `Response` and the finalizing of it.
    Measured from the client against the bench's gunicorn, a page of 50 people took about
    4.45 ms through the view's dispatch and 4.0 ms this way (the floor: 2.0–2.2 ms)."""
    renderer = route.renderer
    if renderer is None or request.method != "GET":
        return None
    view = route.view()
    drf_request = Request(request)  # no authenticators: it carries no credentials
    if not drf_request.authenticators:  # (the test client's forced credentials are one)
        drf_request.user, drf_request.auth = request.user, None  # what authenticating finds
    drf_request.accepted_renderer, drf_request.accepted_media_type = renderer, renderer.media_type
    if not view.answers_from_rows(drf_request):  # a filter, a search: the view's whole way
        return None
    view.request, view.args, view.kwargs = drf_request, route.args, dict(route.kwargs)
    view.format_kwarg, view.action = None, "list"
    view.headers = dict(route.headers)  # finalizing takes `Vary` out of it
    try:
        view.check_throttles(drf_request)
        key = api_read_key(drf_request)
        if key is not None:
            hit = cached_response(request, key)
            if hit is not None:
                return view.finalize_response(drf_request, hit)
        paginator = view.paginator
        page = paginator.paginate_queryset(view.row_list.query(drf_request), drf_request, view=view)
        data = paginator.page_data(view.row_list.represent(page, drf_request))
    except Exception as exc:
        return view.finalize_response(drf_request, view.handle_exception(exc))
    content = renderer.render(data, renderer.media_type, view.get_renderer_context())
    # The view's headers (Allow, Vary): DRF's finalizing of a plain response adds just those.
    response = view.finalize_response(
        drf_request, HttpResponse(content, content_type=renderer.media_type)
    )
    response = with_validators(request, response)
    if key is not None and storable(response):
        store(key, response)
    return response
