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
