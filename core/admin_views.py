"""Checks shared by the secretariat's extra admin pages (check-in, import, exports, reports, dashboard)."""

from django.core.exceptions import PermissionDenied


def staff_view_check(request, model_admin, obj=None):
    """The page is wrapped in admin_site.admin_view (staff login); it also needs the model's change permission."""
    if not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
