from django.urls import path

from core.pages import public_lists

from . import feeds, views
from .models import Article

FEED_CACHE = public_lists(Article)

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/feed/", FEED_CACHE(feeds.LatestArticlesFeed()), name="article-feed"),
    path(
        "articles/feed/atom/", FEED_CACHE(feeds.LatestArticlesAtomFeed()), name="article-feed-atom"
    ),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
]
