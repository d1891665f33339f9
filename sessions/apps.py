from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingSessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "working_sessions"
    verbose_name = _("Sessions")
