"""The rules of training classes: pure functions that return violations or dates; no database writes.

TR1 (UNCONFIRMED): a new member attends the class for new members within "training.new_member_class_months"
months of the ceremony. TR2: a passed theory class gives its political theory level with the certificate's
date. The awareness certificate's validity (A3) is the admission rules' (admissions.rules.certificate_expires).
"""

import datetime as dt
from collections.abc import Mapping

from dangvu.core.dates import add_months, vn_date
from dangvu.core.errors import Violation
from dangvu.training.kinds import FOR_CANDIDATES, THEORY_LEVEL_OF, ClassKind, Organizer, Result

SRC_NEW_MEMBER = ("Chương trình bồi dưỡng lý luận chính trị dành cho đảng viên mới của Ban Tuyên giáo Trung ương "
                  "(thời hạn: tham số chưa xác nhận)")


def new_member_class_due(ceremony: dt.date, params: Mapping[str, int]) -> dt.date:
    """TR1: the last day a new member should have passed the class for new members."""
    return add_months(ceremony, params["training.new_member_class_months"])


def theory_level_code(kind: str) -> str | None:
    """TR2: the political theory level (references "theory_level" code) a passed class of this kind gives."""
    return THEORY_LEVEL_OF.get(kind)


def check_class(fields: Mapping, today: dt.date) -> list[Violation]:
    v: list[Violation] = []
    if fields.get("kind") not in ClassKind.values:
        v.append(Violation("training.kind", "Loại lớp: chọn một loại trong danh sách.", "kind"))
    if not (fields.get("name") or "").strip():
        v.append(Violation("training.name", "Tên lớp: không được để trống.", "name"))
    if fields.get("organizer_kind") not in Organizer.values:
        v.append(Violation("training.organizer_kind", "Đơn vị tổ chức: chọn trung tâm chính trị, trường chính trị hoặc cấp ủy.",
                           "organizer_kind"))
    if not (fields.get("organizer_name") or "").strip():
        v.append(Violation("training.organizer_name", "Tên đơn vị tổ chức: không được để trống.", "organizer_name"))
    start, end = fields.get("start_date"), fields.get("end_date")
    if start is None:
        v.append(Violation("training.start", "Ngày khai giảng: bắt buộc nhập.", "start_date"))
    if end is None:
        v.append(Violation("training.end", "Ngày bế giảng: bắt buộc nhập.", "end_date"))
    if start and end and end < start:
        v.append(Violation("training.dates", f"Ngày bế giảng {vn_date(end)} trước ngày khai giảng {vn_date(start)}.", "end_date"))
    return v


def check_learner(kind: str, *, is_candidate: bool, name: str) -> list[Violation]:
    """Candidates learn only in the awareness class; members in every other kind."""
    label = ClassKind(kind).label
    if is_candidate and kind not in FOR_CANDIDATES:
        return [Violation("training.learner_candidate", f"{name} chưa là đảng viên: chỉ ghi danh vào lớp bồi dưỡng nhận thức "
                          f"về Đảng, không vào lớp “{label}”.", "candidates")]
    if not is_candidate and kind in FOR_CANDIDATES:
        return [Violation("training.learner_member", f"{name} đã là đảng viên: lớp bồi dưỡng nhận thức về Đảng dành cho "
                          "quần chúng ưu tú.", "members")]
    return []


def check_result(result: str, *, attended: bool | None, certificate_date: dt.date | None, class_start: dt.date,
                 today: dt.date, name: str) -> list[Violation]:
    v: list[Violation] = []
    if result not in Result.values:
        return [Violation("training.result", "Kết quả: chọn một kết quả trong danh sách.", "result")]
    if result == Result.PASSED and attended is False:
        v.append(Violation("training.passed_absent", f"{name}: không tham gia đầy đủ thì không thể ghi kết quả đạt.", "attended"))
    if result != Result.PASSED and certificate_date is not None:
        v.append(Violation("training.certificate_not_passed", f"{name}: chỉ cấp giấy chứng nhận cho học viên có kết quả đạt.",
                           "certificate_date"))
    if certificate_date is not None:
        if certificate_date < class_start:
            v.append(Violation("training.certificate_before_class", f"{name}: ngày cấp giấy chứng nhận {vn_date(certificate_date)} "
                               f"trước ngày khai giảng {vn_date(class_start)}.", "certificate_date"))
        if certificate_date > today:
            v.append(Violation("training.certificate_future", f"{name}: ngày cấp giấy chứng nhận {vn_date(certificate_date)} "
                               "sau ngày hôm nay.", "certificate_date"))
    return v
