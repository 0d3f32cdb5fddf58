from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from dangvu.core import (
            lookups,  # noqa: F401  (registers the tree_prefix lookup)
            security,  # noqa: F401  (registers the deploy checks)
        )
