"""How the API picks its renderer: DRF's content negotiation, with a `format` parameter that no
renderer offers refused as the bad parameter it is."""

from rest_framework import exceptions, negotiation


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        """DRF's answered `?format=xml` with a 404 "Not found." for a list or record that is
        there; every other bad parameter is a 400 naming it (`core.filters`), and so is this."""
        found = [renderer for renderer in renderers if renderer.format == format]
        if not found:
            # The schema offers two renderers (media types) for each of its formats.
            offered = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
            raise exceptions.ValidationError({"format": [f"Give one of: {offered}."]})
        return found
