"""The import of training classes (lớp bồi dưỡng, đào tạo) and of their learners' results and certificates, old years
included.

A class is matched by its natural key, the organization that opened it + its name (compared without case or
diacritics) + its opening day (the model has no class code), and goes through `training.services.create_class`;
a class already recorded with other details (kind, organizer, closing day, venue) is corrected through
`update_class`, as its page allows (the kind of a class with learners stays locked there and here).

A learner row names its class by the same key and the learner as the other kinds do (kinds_awards.member_named:
CCCD, else a card number held): a member of the register for every kind of class; for the awareness class, a
candidate for admission found by CCCD among the open admission files (the training app enrols candidates from the
pipeline, and the CCCD is how one is told apart). It goes through `training.services.enrol` and `record_result`,
so a certificate feeds the records as from the class page (`_feed_records`: the member's dated political theory
level, the candidate's admission step). A row already recorded identically is unchanged; a learner whose result is
already recorded otherwise is refused (a certificate is final: it has fed the records), never overwritten.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from dangvu.admissions.models import Candidate
from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold
from dangvu.imports import cells
from dangvu.imports.kinds import CHANGED, NEW, UNCHANGED, Column, ImportKind, Outcome, RowError, _card, _shown, _text, org_in_scope
from dangvu.imports.kinds_awards import MEMBER_COLUMNS, member_named
from dangvu.organizations.models import Organization
from dangvu.training import services as training_services
from dangvu.training.kinds import ClassKind, Organizer, Result
from dangvu.training.models import Enrolment, TrainingClass
from dangvu.training.querysets import MANAGE

ORGANIZATION_HELP = ("Mã của tổ chức đảng mở lớp cho các tổ chức trực thuộc: tổ chức được chọn khi nhập hoặc tổ chức cấp "
                     "dưới của nó, trong phạm vi quyền của bạn.")
NAME_HELP = "Tên lớp (so khớp không phân biệt hoa thường, dấu). Cùng tổ chức, cùng tên, cùng ngày khai giảng là một lớp."
CLASS_EXAMPLE = ("99.001.001", "Lớp trung cấp lý luận chính trị khóa 12", "02/02/2026")


def _find_class(org: Organization, name: str, start) -> TrainingClass | None:
    """The class of the natural key: the same name as written first, else the same name folded."""
    same_day = list(TrainingClass.objects.filter(organization=org, start_date=start).select_related("organization"))
    return (next((c for c in same_day if c.name == name), None)
            or next((c for c in same_day if fold(c.name) == fold(name)), None))


def _key_text(code: str, name: str, start) -> str:
    return f"“{name}” của {code} khai giảng {cells.vn_date(start)}"


def _remapped(exc: RuleViolation, fields: dict[str, str]) -> RuleViolation:
    """The service's violations named by the file's columns (the form's field → the kind's column key)."""
    return RuleViolation([replace(v, field=fields.get(v.field, v.field)) for v in exc.violations])


# ---------------------------------------------------------------------------- classes

class TrainingClassesKind(ImportKind):
    code = "training_classes"
    label = _("Lớp bồi dưỡng, đào tạo")
    sheet_name = "Lop boi duong"
    columns = [
        Column("organization", "Mã tổ chức mở lớp", _text, ORGANIZATION_HELP, CLASS_EXAMPLE[0], True),
        Column("name", "Tên lớp", _text, NAME_HELP, CLASS_EXAMPLE[1], True),
        Column("kind", "Loại lớp", lambda r: cells.choice(r, ClassKind, label="Loại lớp"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in ClassKind.choices) + ".",
               str(ClassKind.THEORY_INTERMEDIATE.label), True),
        Column("organizer_kind", "Đơn vị tổ chức", lambda r: cells.choice(r, Organizer, label="Đơn vị tổ chức"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in Organizer.choices) + ".", str(Organizer.SCHOOL.label), True),
        Column("organizer_name", "Tên đơn vị tổ chức", _text, "Tên trung tâm, trường hoặc cấp ủy tổ chức lớp; là nơi cấp giấy "
               "chứng nhận khi tệp kết quả không ghi.", "Trường Chính trị tỉnh Thử Nghiệm", True),
        Column("start_date", "Ngày khai giảng", cells.date, "dd/mm/yyyy.", CLASS_EXAMPLE[2], True),
        Column("end_date", "Ngày bế giảng", cells.date, "dd/mm/yyyy; không trước ngày khai giảng.", "30/10/2026", True),
        Column("venue", "Địa điểm", _text, "Không bắt buộc.", "Hội trường Trường Chính trị tỉnh"),
    ]
    CORRECTABLE = ("kind", "organizer_kind", "organizer_name", "end_date", "venue")

    def row_key(self, values):
        if values.get("organization") and values.get("name") and values.get("start_date"):
            return ("name", _key_text(values["organization"], values["name"], values["start_date"]))
        return None

    def apply_row(self, values, *, by, root):
        org = org_in_scope(values["organization"], root=root, by=by, column="organization", action=MANAGE)
        fields = {k: values.get(k) or "" for k in training_services.CLASS_FIELDS}
        label = f"{values['name']} ({org.code}, {cells.vn_date(values['start_date'])})"
        existing = _find_class(org, values["name"], values["start_date"])
        if existing is None:
            training_services.create_class(by=by, organization=org, **fields)
            return Outcome(NEW, label)
        changes = {k: fields[k] for k in self.CORRECTABLE if fields[k] != getattr(existing, k)}
        if not changes:
            return Outcome(UNCHANGED, label)
        diff = [(self.header_of(k), self._shown(k, getattr(existing, k)), self._shown(k, v)) for k, v in changes.items()]
        training_services.update_class(by=by, training_class=existing, expected_version=None, **changes)
        return Outcome(CHANGED, label, diff)

    @staticmethod
    def _shown(key, value) -> str:
        choices = {"kind": ClassKind, "organizer_kind": Organizer}.get(key)
        return str(choices(value).label) if choices and value else _shown(value)

    def export_rows(self, root, on):
        classes = (TrainingClass.objects.filter(organization__path__tree_prefix=root.path).select_related("organization")
                   .order_by("start_date", "organization__path", "name", "id"))
        if on is not None:
            classes = classes.filter(start_date__lte=on)
        for c in classes:
            yield {"organization": c.organization.code, "name": c.name, "kind": str(ClassKind(c.kind).label),
                   "organizer_kind": str(Organizer(c.organizer_kind).label), "organizer_name": c.organizer_name,
                   "start_date": c.start_date, "end_date": c.end_date, "venue": c.venue}


# ---------------------------------------------------------------------------- learners' results and certificates

class TrainingResultsKind(ImportKind):
    code = "training_results"
    label = _("Kết quả học tập, chứng chỉ")
    sheet_name = "Ket qua hoc tap"
    columns = [
        Column("class_organization", "Mã tổ chức mở lớp", _text, "Lớp của học viên: mã tổ chức mở lớp, tên lớp và ngày khai "
               "giảng như trong tệp lớp bồi dưỡng (nhập tệp lớp trước).", CLASS_EXAMPLE[0], True),
        Column("class_name", "Tên lớp", _text, NAME_HELP, CLASS_EXAMPLE[1], True),
        Column("class_start", "Ngày khai giảng", cells.date, "dd/mm/yyyy.", CLASS_EXAMPLE[2], True),
        Column("citizen_id", "Số CCCD", cells.citizen_id, "Số CCCD của học viên. Đảng viên: để trống thì tìm theo số thẻ. Lớp bồi dưỡng "
               "nhận thức về Đảng: quần chúng ưu tú đang có hồ sơ kết nạp, tìm theo Số CCCD (bắt buộc).", "'001185012345"),
        MEMBER_COLUMNS[1],
        Column("party_card_number", "Số thẻ đảng viên", _card, "Dùng khi không có Số CCCD (đảng viên).", ""),
        Column("attended", "Tham gia đầy đủ", lambda r: cells.yes_no(r, label="Tham gia đầy đủ"),
               "Có hoặc Không; để trống: Có khi kết quả đạt, chưa ghi trong trường hợp khác.", "Có"),
        Column("result", "Kết quả", lambda r: cells.choice(r, Result, label="Kết quả"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in Result.choices) + ".", str(Result.PASSED.label), True),
        Column("certificate_number", "Số giấy chứng nhận", _text, "Không bắt buộc; chỉ ghi cùng ngày cấp.", "125/GCN-TCT"),
        Column("certificate_date", "Ngày cấp giấy chứng nhận", cells.date, "dd/mm/yyyy; chỉ với kết quả đạt, không trước ngày "
               "khai giảng, không sau hôm nay. Giấy chứng nhận lớp lý luận chính trị được ghi vào lịch sử trình độ lý luận "
               "chính trị của đảng viên; lớp nhận thức về Đảng vào hồ sơ kết nạp.", "30/10/2026"),
        Column("certificate_issuer", "Nơi cấp", _text, "Để trống: đơn vị tổ chức lớp.", "Trường Chính trị tỉnh Thử Nghiệm"),
    ]
    COMPARED = ("attended", "result", "certificate_number", "certificate_date", "certificate_issuer")
    # the services' fields → this file's columns
    FIELDS = {"members": "citizen_id", "candidates": "citizen_id", "obtained_on": "certificate_date", "level": "class_name"}

    def row_key(self, values):
        who = values.get("citizen_id") or values.get("party_card_number")
        if who and values.get("class_organization") and values.get("class_name") and values.get("class_start"):
            return ("citizen_id", f"{who} trong lớp "
                                  f"{_key_text(values['class_organization'], values['class_name'], values['class_start'])}")
        return None

    def apply_row(self, values, *, by, root):
        org = org_in_scope(values["class_organization"], root=root, by=by, column="class_organization", action=MANAGE)
        klass = _find_class(org, values["class_name"], values["class_start"])
        if klass is None:
            raise RowError("class_name", f"Không có lớp {_key_text(org.code, values['class_name'], values['class_start'])}: "
                           "nhập lớp (tệp Lớp bồi dưỡng, đào tạo) hoặc mở lớp trên trang Bồi dưỡng trước.")
        learner, enrolment = self._candidate(values, klass, by=by) if klass.is_awareness else self._member(values, klass, by=by)
        given = self._given(values, klass)
        label = f"{learner.full_name}: {klass.name} ({cells.vn_date(klass.start_date)}), {Result(given['result']).label}"
        if enrolment is not None:
            wrote = {k: getattr(enrolment, k) for k in self.COMPARED}
            if wrote == given:
                return Outcome(UNCHANGED, label)
            diff = [(self.header_of(k), self._shown(k, wrote[k]), self._shown(k, given[k])) for k in self.COMPARED
                    if wrote[k] != given[k]]
            if enrolment.result != Result.PENDING or enrolment.attended is not None or enrolment.certificate_date:
                raise RowError("result", f"{learner.full_name} đã có kết quả lớp “{klass.name}” khác tệp ("
                               + "; ".join(f"{h}: đã ghi “{a}”, tệp ghi “{b}”" for h, a, b in diff)
                               + "); sửa trên trang lớp bồi dưỡng, không sửa qua tệp.")
            self._record(enrolment, given, by=by)
            return Outcome(CHANGED, label, diff)
        try:
            people = {"candidates" if klass.is_awareness else "members": [learner]}
            enrolment = training_services.enrol(by=by, training_class=klass, **people)[0]
        except RuleViolation as exc:
            raise _remapped(exc, self.FIELDS) from exc
        if given["result"] != Result.PENDING or given["attended"] is not None or given["certificate_date"]:
            self._record(enrolment, given, by=by)
        return Outcome(NEW, label)

    def _record(self, enrolment, given, *, by):
        try:
            training_services.record_result(by=by, enrolment=enrolment, result=given["result"], attended=given["attended"],
                                            certificate_number=given["certificate_number"],
                                            certificate_date=given["certificate_date"], issuer=given["certificate_issuer"])
        except RuleViolation as exc:
            raise _remapped(exc, self.FIELDS) from exc

    @staticmethod
    def _given(values, klass) -> dict:
        """The row as record_result would leave the enrolment (attended Có for a pass, the organizer as issuer)."""
        dated = values.get("certificate_date")
        if not dated and (values.get("certificate_number") or values.get("certificate_issuer")):
            raise RowError("certificate_date", "Ngày cấp giấy chứng nhận: bắt buộc khi ghi số giấy chứng nhận hoặc nơi cấp.")
        attended = values.get("attended")
        return {"attended": True if attended is None and values["result"] == Result.PASSED else attended,
                "result": values["result"], "certificate_number": values.get("certificate_number") or "",
                "certificate_date": dated, "certificate_issuer": (values.get("certificate_issuer") or klass.organizer_name)
                if dated else ""}

    @staticmethod
    def _shown(key, value) -> str:
        if key == "result":
            return str(Result(value).label)
        if key == "attended":
            return "" if value is None else ("Có" if value else "Không")
        return _shown(value)

    @staticmethod
    def _member(values, klass, *, by):
        member = member_named(values, by=by)
        return member, Enrolment.objects.filter(training_class=klass, member=member).first()

    @staticmethod
    def _candidate(values, klass, *, by):
        """A learner of the awareness class: the candidate enrolled with that CCCD, else the open admission file."""
        cid = values.get("citizen_id")
        if not cid:
            raise RowError("citizen_id", "Số CCCD: bắt buộc với học viên lớp bồi dưỡng nhận thức về Đảng (quần chúng ưu tú "
                           "được tìm theo số CCCD).")
        enrolment = (Enrolment.objects.filter(training_class=klass, candidate__citizen_id=cid).select_related("candidate")
                     .first())
        candidate = enrolment.candidate if enrolment is not None else (
            Candidate.objects.visible_to(by).filter(citizen_id=cid, withdrawn_on__isnull=True, member__isnull=True).first())
        if candidate is None:
            raise RowError("citizen_id", f"Không có quần chúng ưu tú số CCCD {cid} đang có hồ sơ kết nạp trong phạm vi quyền "
                           "của bạn (lớp bồi dưỡng nhận thức về Đảng chỉ ghi danh quần chúng ưu tú).")
        if values.get("full_name") and fold(values["full_name"]) != fold(candidate.full_name):
            raise RowError("full_name", f"Họ và tên “{values['full_name']}” không khớp hồ sơ số {cid} "
                           f"(“{candidate.full_name}”).")
        return candidate, enrolment

    def export_rows(self, root, on):
        enrolments = (Enrolment.objects.filter(training_class__organization__path__tree_prefix=root.path)
                      .select_related("training_class__organization", "member", "candidate")
                      .order_by("training_class__start_date", "training_class__organization__path", "training_class__name",
                                "training_class_id", "full_name", "id"))
        if on is not None:
            enrolments = enrolments.filter(training_class__start_date__lte=on)
        for e in enrolments:
            c, person = e.training_class, e.member or e.candidate
            yield {"class_organization": c.organization.code, "class_name": c.name, "class_start": c.start_date,
                   "citizen_id": person.citizen_id or "", "full_name": person.full_name,
                   "party_card_number": "" if person.citizen_id or e.member is None else e.member.party_card_number or "",
                   "attended": self._shown("attended", e.attended), "result": str(Result(e.result).label),
                   "certificate_number": e.certificate_number, "certificate_date": e.certificate_date,
                   "certificate_issuer": e.certificate_issuer}


KINDS = (TrainingClassesKind(), TrainingResultsKind())
