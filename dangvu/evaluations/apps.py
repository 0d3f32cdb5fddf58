from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "dangvu.evaluations"
    label = "evaluations"
    verbose_name = "Kiểm điểm, đánh giá, xếp loại chất lượng"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry
        from dangvu.discipline import hooks
        from dangvu.evaluations.services import on_penalty_decided

        hooks.subscribe(on_penalty_decided)

        AuditEntry.ACTION_LABELS.update({
            "evaluations.open": pgettext_lazy("audit action", "Mở đợt đánh giá, xếp loại"),
            "evaluations.self": pgettext_lazy("audit action", "Tự đánh giá, xếp loại"),
            "evaluations.propose": pgettext_lazy("audit action", "Chi bộ đề xuất xếp loại"),
            "evaluations.decide": pgettext_lazy("audit action", "Quyết định xếp loại"),
            "evaluations.disqualify": pgettext_lazy("audit action", "Ghi điều kiện không hoàn thành nhiệm vụ"),
            "evaluations.regrade": pgettext_lazy("audit action", "Hủy kết quả, xếp loại lại"),
            "evaluations.org_self": pgettext_lazy("audit action", "Tổ chức đảng tự đánh giá"),
            "evaluations.org_decide": pgettext_lazy("audit action", "Quyết định xếp loại tổ chức đảng"),
            "evaluations.docx": pgettext_lazy("audit action", "Tải văn bản đánh giá, xếp loại (DOCX)"),
            "evaluations.commend": pgettext_lazy("audit action", "Khen thưởng"),
            "evaluations.commendation_cancel": pgettext_lazy("audit action", "Hủy khen thưởng"),
            "evaluations.quota_groups": pgettext_lazy("audit action", "Nhóm tính tỷ lệ xuất sắc"),
        })
