from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Partner API")

    def ready(self):
        from api import authentication, cors, schema  # noqa: F401  (registers the OpenAPI extensions)

        cors.connect()
