from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "dangvu.awards"
    label = "awards"
    verbose_name = "Huy hiệu Đảng và thẻ đảng viên"
