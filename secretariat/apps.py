from django.apps import AppConfig


class SecretariatConfig(AppConfig):
    """The secretariat's back office (no models): the meeting workspace in the admin, dashboard, check-in desk,
    imports, exports, badges, reports and "prepare the next meeting"."""

    name = "secretariat"
