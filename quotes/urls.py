from django.urls import path

from core.pages import public_lists

from . import feeds, views
from .models import Quote

FEED_CACHE = public_lists(Quote)

app_name = "quotes"

urlpatterns = [
    path("quotes/", views.QuoteListView.as_view(), name="quote-list"),
    path("quotes/random/", views.RandomQuoteView.as_view(), name="quote-random"),
    path("quotes/feed/", FEED_CACHE(feeds.LatestQuotesFeed()), name="quote-feed"),
    path("quotes/<int:pk>/", views.QuoteDetailView.as_view(), name="quote-detail"),
    path("quotes/<int:pk>/embed/", views.QuoteEmbedView.as_view(), name="quote-embed"),
    path("oembed", views.OEmbedView.as_view(), name="oembed"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path(
        "people/<slug:slug>/feed/", FEED_CACHE(feeds.PersonQuotesFeed()), name="person-quote-feed"
    ),
    path("characters/<slug:slug>/", views.CharacterDetailView.as_view(), name="character-detail"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="film-detail"),
    path("films/<slug:slug>/feed/", FEED_CACHE(feeds.FilmQuotesFeed()), name="film-quote-feed"),
    path("outlets/<slug:slug>/", views.OutletDetailView.as_view(), name="outlet-detail"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
]
