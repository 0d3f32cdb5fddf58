from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "dangvu.transfers"
    label = "transfers"
    verbose_name = "Chuyển sinh hoạt đảng"
