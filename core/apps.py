from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Project-wide commands (roles, demo data) and shared base classes; no models of its own."""

    name = "core"
    verbose_name = _("Convene")
