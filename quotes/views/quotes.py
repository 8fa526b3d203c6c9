"""The quote pages: the filtered list, a random quote, and a quote's permalink."""

from functools import cached_property
from urllib.parse import urlencode

from django.db import models
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from core import compiled
from core.pages import KeptObjectMixin, absolute_url

from ..citations import citations, share_links
from ..filters import QuoteFilterSet
from ..models import Character, Film, Franchise, Outlet, Person, Quote
from ..querysets import (
    QUOTE_CARD_RELATIONS,
    QUOTE_CARD_SHAPE,
    SOURCE_CARD_COLUMNS,
    load_films,
    sample_ids,
)
from ..search import search_terms
from .common import (
    RELATED_LIMIT,
    SITE_NAME,
    PageMeta,
    PageMetaMixin,
    PublicDetailMixin,
    PublicPageMixin,
    paginate,
    published_articles,
    published_corrections,
    quote_cards,
)
from .embeds import embed_code
from .structured_data import quote_ld

# The filter form offers the speakers, films and outlets most quoted among the newest published
# quotes (the window), not all of them: at a million quotes full lists are 33,000 options, 2 MB.
FILTER_WINDOW = 2000
FILTER_OPTIONS = 50

# What the filter form calls each parameter, and the id of its control; a form error names the
# field as the reader sees it, not the parameter. The last five come only from links.
FILTER_LABELS = {
    "search": ("Words", "f-search"),
    "speaker": ("Speaker", "f-speaker"),
    "character": ("Character", "f-character"),
    "film": ("Film", "f-film"),
    "franchise": ("Franchise", "f-franchise"),
    "outlet": ("First said to", "f-outlet"),
    "status": ("Verification", "f-status"),
    "said_after": ("Said on or after", "f-after"),
    "said_before": ("Said on or before", "f-before"),
    "via": ("Reached us via", None),
    "source": ("Source", None),
    "article": ("Article", None),
    "nested": ("Nested lines", None),
    "ordering": ("Order", None),
}


def most_quoted(
    model: type[models.Model], selected: models.Model | None, quotes: str = "quotes"
) -> QuerySet:
    """Up to `FILTER_OPTIONS` rows of `model` (reaching its quotes through the `quotes` path)
    most quoted in the window, the most recently quoted first among equals, plus the `selected`
    row, so that a shared link still shows its choice. Only the window's rows are counted,
    whatever the size of the database: the newest published quotes come off the newest-first
    index."""
    window = Quote.objects.published().newest_first().values("pk")[:FILTER_WINDOW]
    top = (
        model.objects.filter(**{f"{quotes}__in": window})
        .annotate(count=Count(quotes), latest=Max(quotes))
        .order_by("-count", "-latest")
        .values("pk")[:FILTER_OPTIONS]
    )
    shown = Q(pk__in=top)
    if selected is not None:
        shown |= Q(pk=selected.pk)
    return model.objects.filter(shown)


def quote_filter_choices(selected: dict[str, models.Model]) -> dict[str, list[tuple[str, str]]]:
    """The filter form's options, one query per list whatever the database holds. Speakers,
    films and outlets are the most quoted lately (`most_quoted()`), so the form never names
    someone without a published quote unless a link chose them; franchises are few (about one
    for six films) and all listed.
    `selected` holds the rows the filter parameters named (the filterset's cleaned data)."""
    return {
        "speakers": list(
            most_quoted(Person, selected.get("speaker"))
            .order_by("sort_name", "name")
            .values_list("slug", "name")
        ),
        "characters": list(
            most_quoted(Character, selected.get("character"))
            .order_by("name")
            .values_list("slug", "name")
        ),
        "films": list(
            most_quoted(Film, selected.get("film")).order_by("title").values_list("slug", "title")
        ),
        "franchises": list(Franchise.objects.order_by("name").values_list("slug", "name")),
        "outlets": list(
            most_quoted(Outlet, selected.get("outlet"), quotes="sources__quotes")
            .order_by("name")
            .values_list("slug", "name")
        ),
        "statuses": list(Quote.Verification.choices),
    }


def date_label(value) -> str:
    return f"{value.day} {value:%B %Y}"


def filters_heading(cleaned: dict, quotes: list[Quote]) -> str:
    """What a filtered list is, in words: "Verified quotes by Len Wiseman about Ballerina".

    `cleaned` is the filterset's cleaned data. Every record named is public (people, films,
    outlets, and articles through `visible_articles`), except a source, which may not be: its
    title is read from a quote shown (so from a published source), never from the filter."""
    words = ["Lines quoted within quotes" if cleaned.get("nested") is True else "Quotes"]
    speaker = cleaned.get("speaker") or cleaned.get("character")
    if speaker:
        words.append(f"by {speaker.name}")
    if cleaned.get("film"):
        words.append(f"about {cleaned['film'].title}")
    if cleaned.get("franchise"):
        words.append(f"about the {cleaned['franchise'].name} films")
    if cleaned.get("outlet"):
        words.append(f"first said to {cleaned['outlet'].name}")
    if cleaned.get("via"):
        words.append(f"via {cleaned['via'].name}")
    if cleaned.get("source"):
        words.append(f"from “{quotes[0].source.title}”" if quotes else "from one source")
    if cleaned.get("article"):
        words.append(f"in “{cleaned['article'].title}”")
    after, before = cleaned.get("said_after"), cleaned.get("said_before")
    if after and before:
        words.append(f"said between {date_label(after)} and {date_label(before)}")
    elif after:
        words.append(f"said on or after {date_label(after)}")
    elif before:
        words.append(f"said on or before {date_label(before)}")
    if cleaned.get("search"):
        words.append(f"matching “{cleaned['search']}”")
    heading = " ".join(words)
    if cleaned.get("status"):
        heading += f", {Quote.Verification(cleaned['status']).label.lower()}"
    return heading


class QuoteListView(PageMetaMixin, PublicPageMixin, ListView):
    """Every published quote, filtered with the API's own `QuoteFilterSet` and its parameters."""

    template_name = "quotes/quote_list.html"
    context_object_name = "quotes"
    paginate_by = 20
    listed_models = (Quote,)

    def get(self, request, *args, **kwargs):
        # Not strict about unknown parameters: a shared link may carry tracking parameters.
        self.filterset = QuoteFilterSet(
            request.GET,
            queryset=Quote.objects.published().for_list().newest_first(),
            request=request,
            strict=False,
        )
        self.object_list = self.filterset.qs
        context = self.get_context_data()
        status = 400 if self.filterset.errors else 200
        return self.render_to_response(context, status=status)

    @cached_property
    def page(self):
        """The page shown, loaded once; None on bad filters."""
        if self.filterset.errors:
            return None
        return quote_cards(paginate(self.request, self.object_list, self.paginate_by))

    def shown(self) -> list:
        return [self.page]

    def paginate_queryset(self, queryset, page_size):
        page = self.page
        if page is None:
            return super().paginate_queryset(queryset.none(), page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        context["labels"] = {name: label for name, (label, _) in FILTER_LABELS.items()}
        context["filter_errors"] = [
            (*FILTER_LABELS.get(name, (name, None)), message)
            for name, messages in self.filterset.errors.items()
            for message in messages
        ]
        context["filter_data"] = self.filterset.form.data
        context["terms"] = search_terms(self.request.GET.get("search", ""))
        context["choices"] = quote_filter_choices(getattr(self.filterset.form, "cleaned_data", {}))
        context["is_filtered"] = any(
            value for name, value in self.request.GET.items() if name != "page"
        )
        context["heading"] = self.heading
        return context

    @cached_property
    def heading(self) -> str:
        if self.page is None:
            return "Quotes"
        return filters_heading(self.filterset.form.cleaned_data, self.page.object_list)

    def get_page_meta(self):
        return PageMeta(
            title=f"{self.heading} · {SITE_NAME}",
            description="Every published quote with who said it, where, and whether it has "
            "been verified against its source.",
        )


@method_decorator(never_cache, name="dispatch")
class RandomQuoteView(View):
    """A random published quote (within the list's filters): never cached, a new one each time."""

    def get(self, request, *args, **kwargs):
        filterset = QuoteFilterSet(
            request.GET, queryset=Quote.objects.published(), request=request, strict=False
        )
        if filterset.errors:
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
            return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")
        # Drawn as the API draws (`sample_ids`): counting the matches took a second at 1M.
        chosen = sample_ids(filterset.qs, 1)
        if not chosen:
            return HttpResponseRedirect(reverse("quotes:quote-list"))
        return HttpResponseRedirect(reverse("quotes:quote-detail", kwargs={"pk": chosen[0]}))


class QuoteDetailView(PageMetaMixin, PublicDetailMixin, KeptObjectMixin, DetailView):
    model = Quote
    template_name = "quotes/quote_detail.html"
    context_object_name = "quote"
    object_related = (
        *QUOTE_CARD_RELATIONS,
        "parent__source", "parent__source__outlet", "speaker_person__photo",
    )  # fmt: skip
    # A source's stored text (a whole article, for the check) is not shown.
    object_related_columns = {"source": SOURCE_CARD_COLUMNS, "parent__source": SOURCE_CARD_COLUMNS}
    object_prefetch = ("speaker_person__photo__renditions",)

    def get_queryset(self):
        return Quote.objects.published()

    def get_object(self, queryset=None):
        quote = super().get_object(queryset)
        quote_cards([quote, quote.parent] if quote.parent_id else [quote])
        load_films([quote])
        return quote

    @cached_property
    def nested_quotes(self) -> list[Quote]:
        nested = compiled.instances(
            "quote page lines",
            Quote,
            lambda keys: Quote.objects.published().filter(parent__in=keys).order_by("pk"),
            [self.object.pk],
            **QUOTE_CARD_SHAPE,
        )
        return quote_cards(nested)

    @cached_property
    def articles(self) -> list:
        return published_articles().newest_teasers("featuring", self.object, RELATED_LIMIT)

    @cached_property
    def corrections(self) -> list:
        return compiled.instances(
            "quote page corrections",
            published_corrections().model,
            lambda keys: (
                published_corrections().filter(quote__in=keys).order_by("published_at", "id")
            ),
            [self.object.pk],
        )

    def also_shown(self) -> list:
        return [self.nested_quotes, self.articles, self.corrections]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source_chain"] = self.object.source.chain()
        context["date"], context["dated_by"] = self.object.dated_by()
        context["citations"] = citations(self.object, SITE_NAME)
        context["share_links"] = share_links(self.object)
        context["embed_code"] = embed_code(self.object)
        context["oembed_url"] = (
            absolute_url(reverse("quotes:oembed"))
            + "?"
            + urlencode({"url": absolute_url(self.object.get_absolute_url()), "format": "json"})
        )
        context["nested_quotes"] = self.nested_quotes
        context["articles"] = self.articles
        context["corrections"] = self.corrections
        return context

    def get_page_meta(self):
        quote = self.object
        words = quote.text if len(quote.text) <= 70 else quote.text[:67].rstrip() + "…"
        said = "quoted" if quote.quoted_by else "said"
        return PageMeta(
            title=f"{quote.headline(70)} · {SITE_NAME}",
            description=f"{quote.attribution()}: “{quote.text}” — {said} to "
            f"{quote.source.outlet.name}. {quote.get_verification_status_display()}.",
            og_type="article",
            image=quote.speaker_person.photo if quote.speaker_person_id else None,
            trail=(
                (quote.speaker.name, quote.speaker.get_absolute_url()),
                (f"“{words}”", quote.get_absolute_url()),
            ),
        )

    def get_structured_data(self):
        return quote_ld(self.object, corrections=self.corrections)
