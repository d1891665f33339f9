"""The permission groups of the secretariat."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

SECRETARIAT_GROUP = "Secretariat"
# Every model the secretariat keeps, by app label; it may view, add, change and delete them all.
SECRETARIAT_APPS = ("meetings", "participants", "working_sessions", "agreements", "api")


@transaction.atomic
def ensure_secretariat_group() -> Group:
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    group.permissions.set(permissions)
    return group


def requires_second_factor(user) -> bool:
    """The Secretariat role and superusers give a TOTP code after their password (core/two_factor.py)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=SECRETARIAT_GROUP).exists()


def second_factor_pending(user) -> bool:
    """Signed in with a password in this request's session, without the code the user's role requires.

    Only a request's user knows (django-otp's OTPMiddleware gives it ``is_verified``); a user outside a request
    (a command, a service) has nothing pending.
    """
    is_verified = getattr(user, "is_verified", None)
    return is_verified is not None and user.is_authenticated and not is_verified() and requires_second_factor(user)
