from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The base layer: shared base classes, roles, PDF fonts, time zones; no models, and no import of the apps."""

    name = "core"
    verbose_name = _("Convene")

    def ready(self):
        from core import translation_querysets
        from core.languages import require_one_language
        from core.text import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="convene_normalize")
        translation_querysets.install()
        require_one_language()
