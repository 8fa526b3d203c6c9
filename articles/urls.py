from django.urls import path

from core.pages import public_lists

from . import feeds, previews, views
from .models import Article, Correction

# Article feeds show each article's corrections too.
FEED_CACHE = public_lists(Article, Correction)
CORRECTIONS_FEED_CACHE = public_lists(Correction)

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/feed/", FEED_CACHE(feeds.LatestArticlesFeed()), name="article-feed"),
    path(
        "articles/feed/atom/", FEED_CACHE(feeds.LatestArticlesAtomFeed()), name="article-feed-atom"
    ),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("sections/<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path(
        "sections/<slug:slug>/feed/", FEED_CACHE(feeds.SectionArticlesFeed()), name="section-feed"
    ),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("tags/<slug:slug>/feed/", FEED_CACHE(feeds.TagArticlesFeed()), name="tag-feed"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("authors/<slug:slug>/feed/", FEED_CACHE(feeds.AuthorArticlesFeed()), name="author-feed"),
    path("corrections/", views.CorrectionListView.as_view(), name="correction-list"),
    path(
        "corrections/feed/",
        CORRECTIONS_FEED_CACHE(feeds.CorrectionsFeed()),
        name="correction-feed",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<str:token>/", previews.shared_preview, name="shared-preview"),
]
