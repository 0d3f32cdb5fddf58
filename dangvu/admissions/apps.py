from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "dangvu.admissions"
    label = "admissions"
    verbose_name = "Kết nạp và dự bị"

    def ready(self):
        from django.utils.translation import pgettext_lazy

        from dangvu.audit.models import AuditEntry

        AuditEntry.ACTION_LABELS.update({
            "admissions.create": pgettext_lazy("audit action", "Tạo mới"),
            "admissions.update": pgettext_lazy("audit action", "Sửa"),
            "admissions.certificate": pgettext_lazy("audit action", "Ghi giấy chứng nhận lớp nhận thức về Đảng"),
            "admissions.application": pgettext_lazy("audit action", "Ghi đơn xin vào Đảng"),
            "admissions.background": pgettext_lazy("audit action", "Ghi lý lịch người xin vào Đảng"),
            "admissions.verification": pgettext_lazy("audit action", "Ghi kết quả thẩm tra lý lịch"),
            "admissions.introducers": pgettext_lazy("audit action", "Ghi người giới thiệu"),
            "admissions.cell_vote": pgettext_lazy("audit action", "Ghi nghị quyết chi bộ đề nghị kết nạp"),
            "admissions.committee_vote": pgettext_lazy("audit action", "Ghi biểu quyết của đảng ủy cơ sở"),
            "admissions.decision": pgettext_lazy("audit action", "Ghi quyết định kết nạp"),
            "admissions.ceremony": pgettext_lazy("audit action", "Ghi lễ kết nạp"),
            "admissions.withdraw": pgettext_lazy("audit action", "Dừng xem xét kết nạp"),
            "admissions.probation_vote": pgettext_lazy("audit action", "Ghi biểu quyết của chi bộ về đảng viên dự bị"),
        })
