from django.contrib import admin
from django.contrib.auth import views as auth_views
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
from core.sitemaps import index as sitemap_index
from images.models import Image
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
# What the sitemap lists: a change to any of them purges its index and its pages.
SITEMAP_LISTS = (
    Article,
    Section,
    Tag,
    Author,
    Quote,
    Person,
    Character,
    Film,
    Outlet,
    Source,
    Image,
)

# Password reset by email, with Django's views and the admin's templates (the login page
# links to `admin_password_reset`).
PASSWORD_RESET = [
    ("admin/password_reset/", auth_views.PasswordResetView, "admin_password_reset"),
    ("admin/password_reset/done/", auth_views.PasswordResetDoneView, "password_reset_done"),
    ("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView, "password_reset_confirm"),
    ("reset/done/", auth_views.PasswordResetCompleteView, "password_reset_complete"),
]

handler404 = "cms.views.not_found"

urlpatterns = [
    *(path(route, view.as_view(), name=name) for route, view, name in PASSWORD_RESET),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("cms.api_urls")),
    # An index of the sections' pages, each page at most `core.sitemaps.Sitemap.limit` URLs.
    path(
        "sitemap.xml",
        public_lists(*SITEMAP_LISTS)(sitemap_index),
        {"sitemaps": sitemaps, "section_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        public_lists(*SITEMAP_LISTS)(sitemap),
        # Django's template with Google's image extension (`images.sitemaps`).
        {"sitemaps": sitemaps, "template_name": "images/sitemap.xml"},
        name="sitemap-section",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("", include("images.urls")),
    path("", include("articles.urls")),
    path("", include("quotes.urls")),
]
