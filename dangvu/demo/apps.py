from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`manage.py seed_demo`, `manage.py demo_logins`): the top layer, above every
    app it fills; no app imports it."""

    name = "dangvu.demo"
    verbose_name = "Dữ liệu dùng thử"
