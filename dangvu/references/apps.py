from django.apps import AppConfig


class ReferencesConfig(AppConfig):
    name = "dangvu.references"
    label = "references"
    verbose_name = "Danh mục"
