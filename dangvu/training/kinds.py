"""Vocabulary of training classes (names from shared/domain.md)."""

from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices


class ClassKind(TranslatedTextChoices):
    AWARENESS = "awareness", _("Bồi dưỡng nhận thức về Đảng")
    NEW_MEMBER = "new_member", _("Đảng viên mới")
    THEORY_ELEMENTARY = "theory_elementary", _("Sơ cấp lý luận chính trị")
    THEORY_INTERMEDIATE = "theory_intermediate", _("Trung cấp lý luận chính trị")
    THEORY_ADVANCED = "theory_advanced", _("Cao cấp lý luận chính trị")
    THEORY_BACHELOR = "theory_bachelor", _("Cử nhân lý luận chính trị")
    PARTY_WORK = "party_work", _("Bồi dưỡng nghiệp vụ công tác đảng (bí thư, cấp ủy viên)")
    REFRESHER = "refresher", _("Bồi dưỡng, cập nhật kiến thức")


# The political theory level (references list "theory_level") a passed class gives.
THEORY_LEVEL_OF = {
    ClassKind.THEORY_ELEMENTARY: "elementary", ClassKind.THEORY_INTERMEDIATE: "intermediate",
    ClassKind.THEORY_ADVANCED: "advanced", ClassKind.THEORY_BACHELOR: "bachelor",
}
# Who may learn in a class of each kind: candidates only in the awareness class, members in every other.
FOR_CANDIDATES = frozenset({ClassKind.AWARENESS})


class Organizer(TranslatedTextChoices):
    POLITICAL_CENTRE = "political_centre", _("Trung tâm chính trị")
    COMMITTEE = "committee", _("Cấp ủy")
    SCHOOL = "school", _("Trường chính trị")


class Result(TranslatedTextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Đạt")
    FAILED = "failed", _("Không đạt")
    ABSENT = "absent", _("Không tham gia")
