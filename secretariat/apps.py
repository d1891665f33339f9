from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    """The secretariat's back office: the meeting workspace in the admin, dashboard, check-in desk, imports, exports,
    badges, reports and "prepare the next meeting"; its one model is the Job of the work run by the worker."""

    name = "secretariat"
    verbose_name = _("Secretariat")

    def ready(self):
        # The kinds of job register their runners when their modules load: the worker needs them all.
        from secretariat import badges, exports  # noqa: F401
        from secretariat.importing import jobs  # noqa: F401
