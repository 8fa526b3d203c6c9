"""The one DRF router of the project, mounted under /api/v1/, with the token endpoint, the
OpenAPI schema and its documentation (served from our own static files; Swagger UI's
settings script comes from a URL, not inline, so it runs under the site's CSP)."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from articles.api import ArticleViewSet, AuthorViewSet, SectionViewSet, TagViewSet
from cms.api_auth import TokenView
from images.api import ImageViewSet
from quotes.api import (
    CharacterViewSet,
    FilmViewSet,
    FranchiseViewSet,
    OutletViewSet,
    PersonViewSet,
    QuoteViewSet,
    SourceViewSet,
)

# No `.json` suffix routes: `?format=` and `Accept` choose the format, and the suffix routes
# passed a `format` argument no custom action takes (`/api/v1/quotes/random.json` was a 500).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("quotes", QuoteViewSet, basename="quote")
router.register("people", PersonViewSet, basename="person")
router.register("characters", CharacterViewSet, basename="character")
router.register("films", FilmViewSet, basename="film")
router.register("franchises", FranchiseViewSet, basename="franchise")
router.register("outlets", OutletViewSet, basename="outlet")
router.register("sources", SourceViewSet, basename="source")
router.register("articles", ArticleViewSet, basename="article")
router.register("sections", SectionViewSet, basename="section")
router.register("tags", TagViewSet, basename="tag")
router.register("authors", AuthorViewSet, basename="author")
router.register("images", ImageViewSet, basename="image")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
