from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "dangvu.admissions"
    label = "admissions"
    verbose_name = "Kết nạp và dự bị"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "admission.certificate": pgettext_lazy("audit action", "Ghi giấy chứng nhận lớp nhận thức về Đảng"),
            "admission.application": pgettext_lazy("audit action", "Ghi đơn xin vào Đảng"),
            "admission.background": pgettext_lazy("audit action", "Ghi lý lịch người xin vào Đảng"),
            "admission.verification": pgettext_lazy("audit action", "Ghi kết quả thẩm tra lý lịch"),
            "admission.introducers": pgettext_lazy("audit action", "Ghi người giới thiệu"),
            "admission.cell_vote": pgettext_lazy("audit action", "Ghi nghị quyết chi bộ đề nghị kết nạp"),
            "admission.committee_vote": pgettext_lazy("audit action", "Ghi biểu quyết của đảng ủy cơ sở"),
            "admission.decision": pgettext_lazy("audit action", "Ghi quyết định kết nạp"),
            "admission.ceremony": pgettext_lazy("audit action", "Ghi lễ kết nạp"),
            "admission.withdraw": pgettext_lazy("audit action", "Dừng xem xét kết nạp"),
            "probation.vote": pgettext_lazy("audit action", "Ghi biểu quyết của chi bộ về đảng viên dự bị"),
        })
