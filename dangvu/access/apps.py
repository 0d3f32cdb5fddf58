from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Accounts managed in the app (pages and API over accounts.administration) and each role's home."""

    name = "dangvu.access"
    label = "access"
    verbose_name = "Quản lý tài khoản"
