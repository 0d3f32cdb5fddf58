"""Vocabulary of resolution study (học tập, quán triệt, triển khai nghị quyết), shared/domain.md."""

from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices


class DocumentKind(TranslatedTextChoices):
    RESOLUTION = "resolution", _("Nghị quyết")
    DIRECTIVE = "directive", _("Chỉ thị")
    CONCLUSION = "conclusion", _("Kết luận")
    REGULATION = "regulation", _("Quy định")


# The abbreviation of each kind in a number ("57-NQ/TW"), Hướng dẫn 36-HD/VPTW (thể thức văn bản của Đảng).
ABBREVIATIONS = {"NQ": DocumentKind.RESOLUTION, "CT": DocumentKind.DIRECTIVE, "KL": DocumentKind.CONCLUSION,
                 "QĐ": DocumentKind.REGULATION}


class StudyLevel(TranslatedTextChoices):
    ALL = "all", _("Toàn thể cán bộ, đảng viên")
    KEY_CADRES = "key_cadres", _("Cán bộ chủ chốt các cấp")
    COMMITTEES = "committees", _("Cấp ủy viên các cấp")


class SessionForm(TranslatedTextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    COMBINED = "combined", _("Trực tiếp kết hợp trực tuyến")


class SessionStatus(TranslatedTextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    HELD = "held", _("Đã tổ chức, đã ghi danh sách tham dự")


class PlanKind(TranslatedTextChoices):
    PLAN = "plan", _("Kế hoạch")
    PROGRAMME = "programme", _("Chương trình hành động")


class PlanStatus(TranslatedTextChoices):
    DRAFTING = "drafting", _("Đang xây dựng")
    ISSUED = "issued", _("Đã ban hành, đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
