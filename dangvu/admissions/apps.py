from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "dangvu.admissions"
    label = "admissions"
    verbose_name = "Kết nạp và dự bị"
