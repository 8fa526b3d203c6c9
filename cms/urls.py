from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.models import Article, Author, Section, Tag
from articles.sitemaps import (
    ArticleSitemap,
    AuthorSitemap,
    SectionSitemap,
    StaticPageSitemap,
    TagSitemap,
)
from articles.views import RobotsView
from cms.views import healthz
from core.pages import public_lists
from quotes.models import Character, Film, Outlet, Person, Quote, Source
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
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
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
        public_lists(Article, Section, Tag, Author, Quote, Person, Character, Film, Outlet, Source)(
            sitemap
        ),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("", include("images.urls")),
    path("", include("articles.urls")),
    path("", include("quotes.urls")),
]
