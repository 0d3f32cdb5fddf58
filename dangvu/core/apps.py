from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from dangvu.core import (  # noqa: F401
            integrity,
            lookups,  # registers the tree_prefix lookup
            security,  # registers the deploy checks
        )

        integrity.connect()  # the text and date policy, checked before every save
        _vietnamese_base_messages()


def _vietnamese_base_messages() -> None:
    """Django's validator of null characters in Vietnamese (its catalogue leaves it English), set once
    on the class every form field's validator is an instance of. (DRF's fields: dangvu.api.apps.)"""
    from django.core import validators

    validators.ProhibitNullCharactersValidator.message = "Giá trị không được chứa ký tự điều khiển (U+0000)."
