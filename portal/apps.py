from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public pages (no models): views, URLs, template tags, search, conditional GET, iCalendar files."""

    name = "portal"
