"""`cms.api.ContentNegotiation` answers the common case early, and always as DRF's own would."""

import pytest
from django.http import Http404
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from cms.api import ContentNegotiation, JSONRenderer
from quotes.api import QuoteViewSet

ACCEPTS = [
    None,
    "*/*",
    "application/json",
    "application/json; indent=4",
    "application/*",
    "text/html",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "application/xml",
]


def choice(negotiation, accept, query):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(APIRequestFactory().get("/api/v1/quotes/", query, **headers))
    renderers = [renderer() for renderer in QuoteViewSet.renderer_classes]
    try:
        renderer, media_type = negotiation.select_renderer(request, renderers)
    except (exceptions.NotAcceptable, Http404) as error:
        return type(error)
    return type(renderer), media_type


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("query", [{}, {"format": "json"}, {"format": "api"}, {"format": "xml"}])
def test_the_choice_is_drf_s(accept, query):
    assert choice(ContentNegotiation(), accept, query) == choice(
        DefaultContentNegotiation(), accept, query
    )


def test_a_plain_request_gets_json_without_parsing_the_header(monkeypatch):
    monkeypatch.setattr(
        DefaultContentNegotiation, "get_accept_list", lambda *args: pytest.fail("parsed")
    )
    assert choice(ContentNegotiation(), "*/*", {}) == (JSONRenderer, "application/json")
