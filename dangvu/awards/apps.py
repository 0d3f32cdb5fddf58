from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "dangvu.awards"
    label = "awards"
    verbose_name = "Huy hiệu Đảng và thẻ đảng viên"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry
        from dangvu.awards import card_numbers

        post_migrate.connect(card_numbers.reinstall_after_migrate, sender=self,
                             dispatch_uid="awards.card_number_trigger")

        AuditEntry.ACTION_LABELS.update({
            "awards.badge": pgettext_lazy("audit action", "Tặng Huy hiệu Đảng"),
            "awards.card": pgettext_lazy("audit action", "Cấp thẻ đảng viên"),
            "awards.exchange": pgettext_lazy("audit action", "Đổi thẻ đảng viên theo đợt"),
        })
        # The card register's numbers are the member's card numbers: masked in every history like the record's.
        from dangvu.audit import masking

        masking.register("awards.card", number=masking.NUMBER, previous_number=masking.NUMBER)
