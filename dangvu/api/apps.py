from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dangvu.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from dangvu.api.serializers import date_policy, vietnamese_defaults

        vietnamese_defaults()
        date_policy()
