from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "dangvu.imports"
    label = "imports"
    verbose_name = "Nhập và xuất dữ liệu hàng loạt"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry
        from dangvu.imports import kinds, kinds_awards, kinds_discipline, kinds_dues, kinds_evaluations, kinds_training

        # the kinds of the other apps' records, each group in its module
        for kind in (*kinds_awards.KINDS, *kinds_dues.KINDS, *kinds_evaluations.KINDS, *kinds_training.KINDS,
                     *kinds_discipline.KINDS):
            kinds.KINDS.setdefault(kind.code, kind)

        AuditEntry.ACTION_LABELS.update({
            "imports.preview": pgettext_lazy("audit action", "Kiểm tra tệp nhập dữ liệu"),
            "imports.apply": pgettext_lazy("audit action", "Nhập dữ liệu từ tệp"),
            "imports.rejected": pgettext_lazy("audit action", "Nhập dữ liệu bị từ chối"),
        })
