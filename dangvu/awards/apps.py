from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "dangvu.awards"
    label = "awards"
    verbose_name = "Huy hiệu Đảng và thẻ đảng viên"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "awards.badge": pgettext_lazy("audit action", "Tặng Huy hiệu Đảng"),
            "awards.card": pgettext_lazy("audit action", "Cấp thẻ đảng viên"),
            "awards.exchange": pgettext_lazy("audit action", "Đổi thẻ đảng viên theo đợt"),
        })
        # The card register's numbers are the member's card numbers: masked in every history like the record's.
        from dangvu.audit import masking

        masking.register("awards.card", number=masking.NUMBER, previous_number=masking.NUMBER)
