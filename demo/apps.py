from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo meeting (no models): its data in YAML, the loader and the load_demo / ensure_demo_account commands."""

    name = "demo"
