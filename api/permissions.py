from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from api.access import get_access


class ConveneApiPermission(permissions.BasePermission):
    """Anyone reads published data; writing needs a key with the write scope, or a staff session."""

    message = _("This API key does not have the write scope.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.auth is None and not request.user.is_authenticated:
            self.message = _("Writing needs an API key with the write scope: send “Authorization: Bearer <key>”.")
            return False
        return get_access(request).can_write
