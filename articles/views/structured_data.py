"""schema.org descriptions of editorial content, for the pages' JSON-LD."""

from django.templatetags.static import static

from core.pages import PageMetaMixin, absolute_url
from images.presentation import image_ld
from quotes.views.structured_data import correction_ld, person_ld

SITE_NAME = PageMetaMixin.site_name
LOGO = "img/logo.png"
LOGO_SIZE = 112


def publisher_ld() -> dict:
    """The desk as publisher, with the logo search engines show beside its articles."""
    return {
        "@type": "Organization",
        "@id": absolute_url("/#publisher"),
        "name": SITE_NAME,
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def author_ld(author) -> dict:
    """A byline's author: a Person with their page, or the desk itself as an Organization."""
    return {
        "@type": "Organization" if author.is_organization else "Person",
        "name": author.name,
        "url": absolute_url(author.get_absolute_url()),
    }


def article_ld(article, *, films, people, authors, tags, corrections) -> dict:
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "publisher": publisher_ld(),
    }
    if article.standfirst:
        data["description"] = article.standfirst
    if article.lead_image_id:
        data["image"] = image_ld(article.lead_image)
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
        data["dateModified"] = max(article.updated_at, article.published_at).isoformat()
    if authors:
        data["author"] = [author_ld(author) for author in authors]
    if article.section_id:
        data["articleSection"] = article.section.name
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if films:
        data["about"] = [
            {"@type": "Movie", "name": film.title, "url": absolute_url(film.get_absolute_url())}
            for film in films
        ]
    if people:
        data["mentions"] = [person_ld(person) for person in people]
    if corrections:
        data["correction"] = [correction_ld(correction) for correction in corrections]
    return data


def author_page_ld(author) -> dict:
    data = {"@context": "https://schema.org", **author_ld(author)}
    if author.bio:
        data["description"] = author.bio
    if author.role and not author.is_organization:
        data["jobTitle"] = author.role
    return data
