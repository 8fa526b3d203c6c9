"""Who may do what through the API: Django's model permissions, reads open to everyone."""

from rest_framework import permissions


class ModelPermissionsOrAnonReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """DRF's, without building the view's queryset for a read. A safe method needs no model
    permission (its `perms_map` entry is empty), yet DRF built the whole list queryset, with
    its joins and prefetches, on every GET only to learn which model it is about."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS and not self.perms_map.get(request.method):
            return True
        # A method the address does not offer (DELETE anywhere) is the view's 405 for everyone:
        # judged by model permission first, it was a 403 for a writer and a 401 for a stranger,
        # as if someone else could delete there.
        if request.method not in view.allowed_methods:
            return True
        return super().has_permission(request, view)


class CanChange(permissions.DjangoModelPermissions):
    """For workflow actions (POST on a record): the change permission, whatever the method."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        model = view.get_queryset().model
        return request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
