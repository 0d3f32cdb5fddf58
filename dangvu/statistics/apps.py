from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "dangvu.statistics"
    label = "statistics"
    verbose_name = "Thống kê"
