import pytest
from django.db import IntegrityError, transaction

from tests.factories import ArticleFactory, FeaturedQuoteFactory

pytestmark = pytest.mark.django_db


def assert_rejected(write) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_article_slug_is_unique():
    ArticleFactory(slug="ballerina")
    assert_rejected(lambda: ArticleFactory(slug="ballerina"))


def test_article_status_must_be_a_choice():
    assert_rejected(lambda: ArticleFactory(status="live"))


def test_published_article_needs_a_published_at():
    assert_rejected(lambda: ArticleFactory(status="published", published_at=None))


def test_scheduled_article_needs_a_published_at():
    assert_rejected(lambda: ArticleFactory(status="scheduled", published_at=None))


def test_a_quote_is_featured_once_per_article():
    featured = FeaturedQuoteFactory()
    assert_rejected(lambda: FeaturedQuoteFactory(article=featured.article, quote=featured.quote))


def test_body_is_rendered_and_sanitised_on_save():
    article = ArticleFactory(
        body="Hello *there* <script>alert(1)</script> [x](javascript:alert(1)) "
        '<b onclick="x()">b</b>'
    )
    assert "<em>there</em>" in article.body_html
    assert "<script" not in article.body_html
    assert "javascript:" not in article.body_html
    assert "onclick" not in article.body_html


def test_a_correction_corrects_exactly_one_article_or_quote():
    from tests.factories import CorrectionFactory, QuoteFactory

    article, quote = ArticleFactory(), QuoteFactory()
    assert_rejected(lambda: CorrectionFactory(article=None, quote=None))
    assert_rejected(lambda: CorrectionFactory(article=article, quote=quote))
    CorrectionFactory(article=article)
    CorrectionFactory(article=None, quote=quote)


def test_a_correction_has_a_known_kind_and_some_text():
    from tests.factories import CorrectionFactory

    assert_rejected(lambda: CorrectionFactory(kind="retraction"))
    assert_rejected(lambda: CorrectionFactory(text=""))


def test_an_author_appears_once_in_a_byline():
    from tests.factories import AuthorFactory, BylineFactory

    article, author = ArticleFactory(), AuthorFactory()
    BylineFactory(article=article, author=author, position=0)
    assert_rejected(lambda: BylineFactory(article=article, author=author, position=1))


def test_section_and_tag_names_and_slugs_are_unique():
    from tests.factories import SectionFactory, TagFactory

    SectionFactory(name="Film", slug="film")
    assert_rejected(lambda: SectionFactory(name="Film", slug="film-2"))
    assert_rejected(lambda: SectionFactory(name="Films", slug="film"))
    TagFactory(name="Ballerina", slug="ballerina")
    assert_rejected(lambda: TagFactory(name="Ballerina", slug="ballerina-2"))


def test_a_former_slug_belongs_to_one_record_of_a_kind():
    from django.contrib.contenttypes.models import ContentType

    from core.models import FormerSlug

    first, second = ArticleFactory(), ArticleFactory()
    kind = ContentType.objects.get_for_model(first)
    FormerSlug.objects.create(content_type=kind, object_id=first.pk, slug="old")
    assert_rejected(
        lambda: FormerSlug.objects.create(content_type=kind, object_id=second.pk, slug="old")
    )
