from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The base layer: shared base classes, roles, PDF fonts, time zones; no models, and no import of the apps."""

    name = "core"
    verbose_name = _("Convene")

    def ready(self):
        from core.languages import require_one_language

        require_one_language()
