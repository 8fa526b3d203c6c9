"""Quotes on other sites: a small card for their iframes, and the oEmbed endpoint that hands
out the iframe code (https://oembed.com/, JSON only).

Only published quotes are embeddable: both start from `Quote.objects.published()`, so a quote
that is withdrawn disappears from every page embedding it (its card answers 404, and the purge
of its surrogate keys drops the cached card).
"""

import math
from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.http.request import split_domain_port, validate_host
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView

from core.numbers import whole_number
from core.pages import absolute_url, shown_records
from core.surrogate import add_records

from ..cards import source_chain_text
from ..models import Quote
from ..querysets import complete_cards
from .common import SITE_NAME, PublicDetailMixin

EMBED_WIDTH = 560
MIN_WIDTH = 280
# The card's height without the words, and a line of words, in CSS pixels (css/embed.css).
CARD_CHROME = 150
LINE_HEIGHT = 27
AVERAGE_CHARACTER = 9


def embeddable_quotes():
    """Published quotes with what a card shows from their rows."""
    return Quote.objects.published().select_related(
        "speaker_person",
        "speaker_character",
        "source__outlet",
        "parent__speaker_person",
        "parent__speaker_character",
    )


def card_height(quote: Quote, width: int) -> int:
    """The iframe height that shows the whole card at `width` without scrolling: an iframe
    cannot size itself without script on the embedding page."""
    per_line = max(1, (width - 48) // AVERAGE_CHARACTER)
    return CARD_CHROME + LINE_HEIGHT * math.ceil(len(quote.text) / per_line)


# Any site may frame the card (and only the card): its own frame policy replaces the site's
# `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
@method_decorator(xframe_options_exempt, name="dispatch")
@method_decorator(csp_replace({"frame-ancestors": ["*"]}), name="dispatch")
class QuoteEmbedView(PublicDetailMixin, DetailView):
    """The card: speaker, words, source chain and a link back, on a page of its own with its own
    small stylesheet. It sets no cookie (no form, no session), so it is the same for everyone
    and cached like any public page."""

    template_name = "quotes/quote_embed.html"
    context_object_name = "quote"

    def get_queryset(self):
        return embeddable_quotes()

    def get_object(self, queryset=None):
        quote = super().get_object(queryset)
        complete_cards([quote])
        return quote

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source_line"] = source_chain_text(
            self.object.source.chain(), quoted_by=self.object.quoted_by
        )
        context["date"], context["dated_by"] = self.object.dated_by()
        context["site_name"] = SITE_NAME
        return context


class OEmbedError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def positive(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    pixels = whole_number(value)
    if pixels is None or pixels < 1:
        raise OEmbedError(400, f"{name} must be a positive whole number of pixels.")
    return pixels


def quote_of_url(url: str) -> Quote:
    """The published quote whose page (or card) `url` is, on any host this site answers to."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed host, such as an unclosed IPv6 bracket
        raise OEmbedError(404, "Not a URL of this site.") from None
    host, _ = split_domain_port(parts.netloc)
    site_host, _ = split_domain_port(urlsplit(settings.SITE_URL).netloc)
    if parts.scheme not in ("http", "https") or not host:
        raise OEmbedError(404, "Not a URL of this site.")
    if host != site_host and not validate_host(host, settings.ALLOWED_HOSTS):
        raise OEmbedError(404, "Not a URL of this site.")
    try:
        match = resolve(parts.path)
    except Resolver404:
        raise OEmbedError(404, "Not the URL of a quote.") from None
    if match.view_name not in ("quotes:quote-detail", "quotes:quote-embed"):
        raise OEmbedError(404, "Not the URL of a quote.")
    quote = embeddable_quotes().filter(pk=match.kwargs["pk"]).first()
    if quote is None:
        raise OEmbedError(404, "No published quote at this URL.")
    return quote


class OEmbedView(View):
    """`/oembed?url=<a quote's URL>&format=json[&maxwidth=&maxheight=]`: a `rich` answer whose
    HTML is an iframe of the quote's card. Errors as the specification says: 404 for a URL
    with nothing to embed, 501 for a format other than JSON, 400 for a missing or malformed
    parameter."""

    def get(self, request, *args, **kwargs):
        try:
            data, quote = self.answer(request.GET)
        except OEmbedError as error:
            return HttpResponse(
                str(error), status=error.status, content_type="text/plain; charset=utf-8"
            )
        add_records(shown_records([quote]))
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        patch_cache_control(response, public=True)
        return response

    def answer(self, params) -> tuple[dict, Quote]:
        if params.get("format", "json") != "json":
            raise OEmbedError(501, "Only format=json is offered.")
        url = params.get("url", "").strip()
        if not url:
            raise OEmbedError(400, "url is required: the URL of a quote on this site.")
        max_width = positive(params.get("maxwidth"), "maxwidth")
        max_height = positive(params.get("maxheight"), "maxheight")
        quote = quote_of_url(url)
        width = min(EMBED_WIDTH, max_width or EMBED_WIDTH)
        if width < MIN_WIDTH:
            raise OEmbedError(404, f"The card needs at least {MIN_WIDTH} pixels of width.")
        height = card_height(quote, width)
        if max_height:
            height = min(height, max_height)
        return self.rich(quote, width, height), quote

    def rich(self, quote: Quote, width: int, height: int) -> dict:
        speaker = quote.speaker
        return {
            "version": "1.0",
            "type": "rich",
            "provider_name": SITE_NAME,
            "provider_url": absolute_url("/"),
            "title": quote.headline(),
            "author_name": speaker.name,
            "author_url": absolute_url(speaker.get_absolute_url()),
            "cache_age": settings.CMS_CACHE_SECONDS,
            "width": width,
            "height": height,
            "html": embed_code(quote, width, height),
        }


def embed_code(quote: Quote, width: int = EMBED_WIDTH, height: int | None = None) -> str:
    """The iframe HTML another site pastes (or gets from oEmbed)."""
    return render_to_string(
        "quotes/_embed_code.html",
        {
            "src": absolute_url(reverse("quotes:quote-embed", kwargs={"pk": quote.pk})),
            "quote": quote,
            "width": width,
            "height": height or card_height(quote, width),
        },
    ).strip()
