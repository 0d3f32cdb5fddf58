from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "dangvu.rules"
    label = "rules"
    verbose_name = "Quy tắc và tham số"
