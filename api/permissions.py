from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.exceptions import PermissionDenied

from api.access import get_access

# What each write asks of the client's rights; any other action (a transition) changes the record.
ACTIONS = {"create": "add", "update": "change", "partial_update": "change", "destroy": "delete"}


class ConveneApiPermission(permissions.BasePermission):
    """Anyone reads what is visible to them; writing needs the write scope, or the model permission of a user."""

    message = _("This API key does not have the write scope.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        model = getattr(view, "model", None)
        if model is None:
            # Views without a model (schedule.json, the schema) only read: the method itself gets its 405.
            return True
        access = get_access(request)
        if access.is_anonymous:
            self.message = _("Writing needs an API key with the write scope: send “Authorization: Bearer <key>”.")
            return False
        if access.kind == "user":
            self.message = PermissionDenied.default_detail
        action = ACTIONS.get(getattr(view, "action", None), "change")
        return access.may(action, model)
