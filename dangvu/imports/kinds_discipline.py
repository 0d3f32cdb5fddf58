"""The import of discipline decisions taken before the application (quyết định kỷ luật đảng viên, tổ chức đảng),
old years included.

Each row names a member already in the register (by citizen ID, else by a card number they hold or held) or an
organization by code, and is applied by `discipline.services.record_past_decision`, the discipline app's one path
for a decision taken outside the application: the proceeding is created decided (and announced when the file gives
the announcement day), with the consequences of `decide`/`announce` (the lapse date, the hooks evaluations listens
to, an expulsion's removal from the register). An expulsion takes the "expelled" event the membership events import
already recorded on its announcement day as its removal, or records it; never two removals (see the service).

The natural key is the subject + the decision number + the decision day: a row already recorded identically is
unchanged (importing twice writes nothing); a row telling that decision differently is refused, never overwritten.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dangvu.discipline import services as discipline_services
from dangvu.discipline.kinds import BodyKind, Form, Status
from dangvu.discipline.models import Proceeding
from dangvu.discipline.querysets import DECIDE
from dangvu.discipline.rules import form_label
from dangvu.imports import cells
from dangvu.imports.kinds import NEW, UNCHANGED, Column, ImportKind, Outcome, RowError, _card, _shown, _text, org_in_scope
from dangvu.imports.kinds_awards import MEMBER_COLUMNS, member_named
from dangvu.members.kinds import GROUNDS_FOR, EventType, RemovalGround
from dangvu.organizations.models import Organization


def _ground(raw) -> str:
    value = cells.choice(raw, RemovalGround, label="Căn cứ khai trừ")
    if value and value not in GROUNDS_FOR[EventType.EXPELLED]:
        raise cells.CellError(f"Căn cứ khai trừ “{cells.text(raw)}”: không phải căn cứ khai trừ ("
                              + "; ".join(str(RemovalGround(g).label) for g in GROUNDS_FOR[EventType.EXPELLED]) + ").")
    return value


class DisciplineKind(ImportKind):
    """Discipline decisions of members (reprimand, warning, removal from post, expulsion) and organizations
    (reprimand, warning, dissolution), each checked against K1–K3 on its decision day."""

    code = "discipline"
    label = _("Quyết định kỷ luật")
    sheet_name = "Ky luat"
    columns = [
        *MEMBER_COLUMNS,
        Column("party_card_number", "Số thẻ đảng viên", _card, "Dùng khi không có Số CCCD.", ""),
        Column("organization", "Mã tổ chức bị kỷ luật", _text, "Với kỷ luật tổ chức đảng: mã của tổ chức (để trống các cột "
               "đảng viên).", ""),
        Column("decided_form", "Hình thức kỷ luật", lambda r: cells.choice(r, Form, label="Hình thức kỷ luật"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in Form.choices) + ". Đảng viên dự bị: khiển trách, cảnh cáo; "
               "tổ chức đảng: khiển trách, cảnh cáo, giải tán.", str(Form.WARNING.label), True),
        Column("summary", "Nội dung vi phạm", _text, "Tóm tắt vi phạm.", "Vi phạm quy định những điều đảng viên không được "
               "làm", True),
        Column("committed_on", "Ngày vi phạm", cells.date, "dd/mm/yyyy, không bắt buộc; dùng để xếp loại lại năm vi phạm.",
               "15/08/2018"),
        Column("body_kind", "Cơ quan quyết định", lambda r: cells.choice(r, BodyKind, label="Cơ quan quyết định"),
               "Một trong: " + "; ".join(str(lbl) for v, lbl in BodyKind.choices if v != BodyKind.CELL_COMMITTEE) + ".",
               str(BodyKind.CELL.label), True),
        Column("deciding_organization", "Mã tổ chức quyết định", _text, "Mã của chi bộ nơi đảng viên sinh hoạt hoặc của tổ "
               "chức đảng cấp trên (ngày quyết định).", "99.001.001.000.001", True),
        Column("decision_number", "Số quyết định", _text, "Cùng với người bị kỷ luật và ngày quyết định để nhận ra quyết định "
               "khi nhập lại.", "01-QĐ/CB", True),
        Column("decided_on", "Ngày quyết định", cells.date, "dd/mm/yyyy; không sau hôm nay.", "10/10/2018", True),
        Column("announced_on", "Ngày công bố", cells.date, "dd/mm/yyyy, ngày quyết định có hiệu lực; để trống nếu chưa công "
               "bố. Khai trừ: đúng ngày khai trừ trong sổ đảng viên (nếu đã nhập ở Sự kiện của đảng viên).", "12/10/2018"),
        Column("post", "Chức vụ bị cách", _text, "Với cách chức: chức vụ trong cấp ủy bị cách.", ""),
        Column("expulsion_ground", "Căn cứ khai trừ", _ground, "Với khai trừ: một trong "
               + "; ".join(str(RemovalGround(g).label) for g in GROUNDS_FOR[EventType.EXPELLED]) + ".", ""),
    ]
    # the fields compared with a decision already recorded under the same key
    COMPARED = ("decided_form", "summary", "committed_on", "body_kind", "deciding_organization", "announced_on", "post",
                "expulsion_ground")
    # the services' field names that are not columns of this file
    ALIASES = {"member": "citizen_id", "subject_organization": "organization", "effective_date": "announced_on"}

    def header_of(self, field_name):
        return super().header_of(self.ALIASES.get(field_name, field_name))

    def row_key(self, values):
        who = values.get("citizen_id") or values.get("party_card_number") or values.get("organization")
        if who and values.get("decision_number") and values.get("decided_on"):
            return ("decision_number", f"{values['decision_number']} ngày {cells.vn_date(values['decided_on'])} về {who}")
        return None

    def apply_row(self, values, *, by, root):
        member, subject = None, None
        if values.get("organization"):
            if values.get("citizen_id") or values.get("party_card_number"):
                raise RowError("organization", "Mã tổ chức bị kỷ luật: ghi hoặc đảng viên (Số CCCD, số thẻ) hoặc tổ chức đảng, "
                               "không ghi cả hai.")
            subject = org_in_scope(values["organization"], root=root, by=by, column="organization", action=DECIDE)
            name = subject.name
        else:
            member = member_named(values, by=by)
            name = member.full_name
        label = (f"{name}: {form_label(values['decided_form'])}, quyết định {values['decision_number']} ngày "
                 f"{cells.vn_date(values['decided_on'])}")
        same = (Proceeding.objects.filter(member=member, subject_organization=subject, decided_on=values["decided_on"],
                                          decision_number=values["decision_number"]).select_related("deciding_organization")
                .prefetch_related("violations").first())
        if same is not None:
            return self._unchanged(same, values, label)
        # the deciding body is the subject's cell or above it: under the chosen organization, or one of its ancestors
        deciding = Organization.objects.filter(code=values["deciding_organization"]).first()
        if deciding is None or not (deciding.path.startswith(root.path) or root.path.startswith(deciding.path)):
            raise RowError("deciding_organization", f"Mã tổ chức quyết định “{values['deciding_organization']}”: không có "
                           f"trong {root.name} hay các tổ chức cấp trên của nó.")
        discipline_services.record_past_decision(
            by=by, member=member, subject_organization=subject, form=values["decided_form"], summary=values["summary"],
            committed_on=values.get("committed_on"), body_kind=values["body_kind"], deciding_organization=deciding,
            decision_number=values["decision_number"], decided_on=values["decided_on"], announced_on=values.get("announced_on"),
            post=values.get("post") or "", expulsion_ground=values.get("expulsion_ground") or "")
        return Outcome(NEW, label)

    def _unchanged(self, p: Proceeding, values: dict, label: str) -> Outcome:
        wrote = {k: v or None for k, v in _row_of(p).items()}
        given = {k: values.get(k) or None for k in self.COMPARED}
        if not given["expulsion_ground"]:
            given["expulsion_ground"] = wrote["expulsion_ground"]  # taken from the register's removal when left blank
        if wrote == given:
            return Outcome(UNCHANGED, label)
        diff = "; ".join(f"{self.header_of(k)}: đã ghi “{_shown(_label(k, wrote[k]))}”, tệp ghi “{_shown(_label(k, given[k]))}”"
                         for k in self.COMPARED if wrote[k] != given[k])
        raise RowError("decision_number", f"Quyết định {p.decision_number} ngày {cells.vn_date(p.decided_on)} về "
                       f"{p.subject_name} đã được ghi với nội dung khác ({diff}); sửa trên trang Kỷ luật đảng, không sửa qua "
                       "tệp.")

    def export_rows(self, root, on):
        """The decisions that stand as decided (an appeal's change or cancellation is not in this file), where
        the proceeding sat under `root`; with `on`, those decided by that day, as known that day."""
        proceedings = (Proceeding.objects.filter(organization__path__tree_prefix=root.path,
                                                 status__in=(Status.DECIDED, Status.ANNOUNCED))
                       .exclude(appeals__outcome__in=("change", "cancel"))
                       .select_related("member", "subject_organization", "deciding_organization")
                       .prefetch_related("violations").order_by("decided_on", "decision_number", "id"))
        if on is not None:
            proceedings = proceedings.filter(decided_on__lte=on)
        for p in proceedings:
            row = _row_of(p)
            if on is not None and row["announced_on"] and row["announced_on"] > on:
                row["announced_on"] = None
            who = ({"citizen_id": p.member.citizen_id or "", "full_name": p.member.full_name,
                    "party_card_number": "" if p.member.citizen_id else p.member.party_card_number or ""}
                   if p.member_id else {"organization": p.subject_organization.code})
            yield who | {k: _label(k, v) for k, v in row.items()} | {"decision_number": p.decision_number,
                                                                     "decided_on": p.decided_on}


def _row_of(p: Proceeding) -> dict:
    """The proceeding's decision as the file's columns hold it (choices as values)."""
    committed = min((v.committed_on for v in p.violations.all()), default=None)
    return {"decided_form": p.decided_form, "summary": p.summary, "committed_on": committed, "body_kind": p.body_kind,
            "deciding_organization": p.deciding_organization.code if p.deciding_organization_id else "",
            "announced_on": p.announced_on, "post": p.post, "expulsion_ground": p.expulsion_ground}


def _label(key: str, value):
    """A choice as the file writes it (its Vietnamese label)."""
    choices = {"decided_form": Form, "body_kind": BodyKind, "expulsion_ground": RemovalGround}.get(key)
    return str(choices(value).label) if choices is not None and value else value


KINDS = (DisciplineKind(),)
