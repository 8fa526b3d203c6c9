"""The pages readers move through the news by: a section, a tag, an author, and the
corrections. Each lists `Article.objects.published()` (or `Correction.objects.published()`)
only, a page at a time."""

from functools import cached_property

from django.views.generic import DetailView, TemplateView

from core.pages import PageMeta, PageMetaMixin, PublicDetailMixin, PublicPageMixin, paginate

from ..models import Article, Author, Correction, Section, Tag
from .structured_data import SITE_NAME, author_page_ld

PER_PAGE = 20


class ArticleStreamMixin(PageMetaMixin, PublicDetailMixin):
    """A record's page listing its published articles, newest first, a page at a time; a new
    article may join the list, so the page names the articles' list key."""

    template_name = "articles/article_stream.html"
    listed_models = (Article,)
    feed_url_name = ""

    def articles(self):
        raise NotImplementedError

    @cached_property
    def page(self):
        return paginate(self.request, self.articles().for_list(), PER_PAGE)

    def also_shown(self) -> list:
        return [self.page]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = self.page
        context["articles"] = self.page.object_list
        context["feed_url_name"] = self.feed_url_name
        return context


class SectionDetailView(ArticleStreamMixin, DetailView):
    model = Section
    context_object_name = "section"
    feed_url_name = "articles:section-feed"

    def articles(self):
        return Article.objects.published().in_section(self.object)

    def get_page_meta(self):
        section = self.object
        return PageMeta(
            title=f"{section.name} · {SITE_NAME}",
            description=section.description or f"The latest {section.name} news.",
        )


class TagDetailView(ArticleStreamMixin, DetailView):
    context_object_name = "tag"
    feed_url_name = "articles:tag-feed"

    def get_queryset(self):
        return Tag.objects.published()

    def articles(self):
        return Article.objects.published().tagged(self.object)

    def get_page_meta(self):
        return PageMeta(
            title=f"{self.object.name} · {SITE_NAME}",
            description=f"Every article about {self.object.name}, newest first.",
        )


class AuthorDetailView(ArticleStreamMixin, DetailView):
    model = Author
    template_name = "articles/author_detail.html"
    context_object_name = "author"
    feed_url_name = "articles:author-feed"

    def articles(self):
        return Article.objects.published().by_author(self.object)

    def get_page_meta(self):
        author = self.object
        return PageMeta(
            title=f"{author.name} · {SITE_NAME}",
            description=author.bio or f"Articles by {author.name}.",
            og_type="website" if author.is_organization else "profile",
        )

    def get_structured_data(self):
        return author_page_ld(self.object)


class CorrectionListView(PageMetaMixin, PublicPageMixin, TemplateView):
    """Every public correction and clarification, newest first."""

    template_name = "articles/correction_list.html"
    listed_models = (Correction,)

    @cached_property
    def page(self):
        corrections = Correction.objects.published().for_list().newest_first()
        return paginate(self.request, corrections, PER_PAGE)

    def shown(self) -> list:
        return [self.page]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = self.page
        context["corrections"] = self.page.object_list
        return context

    def get_page_meta(self):
        return PageMeta(
            title=f"Corrections and clarifications · {SITE_NAME}",
            description="Every correction and clarification we have published, newest first.",
        )
