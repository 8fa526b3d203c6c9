from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_control

from articles.sitemaps import ArticleSitemap, StaticPageSitemap
from articles.views import RobotsView
from cms.views import healthz
from quotes.sitemaps import (
    CharacterSitemap,
    FilmSitemap,
    OutletSitemap,
    PersonSitemap,
    QuoteSitemap,
    SourceSitemap,
)

sitemaps = {
    "pages": StaticPageSitemap,
    "articles": ArticleSitemap,
    "quotes": QuoteSitemap,
    "people": PersonSitemap,
    "characters": CharacterSitemap,
    "films": FilmSitemap,
    "outlets": OutletSitemap,
    "sources": SourceSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("cms.api_urls")),
    path(
        "sitemap.xml",
        cache_control(public=True, max_age=3600)(sitemap),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("", include("articles.urls")),
    path("", include("quotes.urls")),
]
