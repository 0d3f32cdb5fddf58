from django.apps import AppConfig


class ResidenceConfig(AppConfig):
    name = "dangvu.residence"
    label = "residence"
    verbose_name = "Giữ mối liên hệ với nơi cư trú"
