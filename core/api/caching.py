"""What of the API the HTTP cache in front may keep: the reads anyone may make."""

from django.utils.cache import patch_cache_control

from core.surrogate import add_lists


class PublicReadMixin:
    """A viewset's `list` and `retrieve` answers are marked public; `SharedCacheMiddleware`
    decides per request whether a shared cache may keep them (anonymous, no cookie) and names
    the records the serializers showed. A list also names its kind, which a new record joins."""

    public_actions = ("list", "retrieve")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and getattr(self, "action", None) in self.public_actions
        ):
            if self.action == "list":
                add_lists(self.get_serializer_class().Meta.model)
            patch_cache_control(response, public=True)
        return response
