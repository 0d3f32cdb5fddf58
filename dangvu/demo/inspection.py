"""Demo inspection and supervision: a year of the inspection commission of the ward that holds Chi bộ khu phố 1
(phường Sơn Hà since 1/7/2025, whose inspection officer is the demo user `kiemtra.sonha`), written through the
services with `by=SYSTEM` after the register exists. Dates follow today (the last twelve months, never before the
ward existed), so the demo always shows:

- the programme of the year: thematic supervision of four cells and of members, one inspection of party finances;
- thematic supervisions of several cells, concluded (one with a remedy done, one with a remedy due soon);
- thematic supervisions of members of Chi bộ khu phố 1 (the coverage of K18 counts them);
- an inspection on signs of violation of one member (prompted by a signed denunciation), concluded "vi phạm đến mức
  phải xem xét kỷ luật", which opens a discipline proceeding proposing a warning (the discipline demo may decide it);
- an open supervision with a step of its timeline due soon (a to-do item);
- one anonymous denunciation not handled (K15), one signed denunciation to handle (a to-do item).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangvu.accounts.system import SYSTEM
from dangvu.core.dates import today
from dangvu.demo.organizations import KHU_PHO_1_CODE
from dangvu.discipline.services import ViolationInput
from dangvu.inspection import services
from dangvu.meetings.kinds import CELL_KINDS
from dangvu.members import selectors as member_selectors
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization

COMMISSION = "commission"
TEAM = "Đ/c Nguyễn Văn Kiên, Ủy viên Ủy ban Kiểm tra, trưởng đoàn\nĐ/c Lê Thị Minh, cán bộ Ủy ban Kiểm tra"


@dataclass
class InspectionResult:
    cases: int = 0
    denunciations: int = 0

    def summary_lines(self) -> list[str]:
        if not self.cases:
            return ["Kiểm tra, giám sát: không tạo (thiếu chi bộ mẫu)."]
        return [f"Kiểm tra, giám sát: {self.cases} cuộc, {self.denunciations} đơn tố cáo."]


def _ward(cell: Organization) -> Organization | None:
    return (Organization.objects.filter(kind=Kind.COMMUNE_COMMITTEE, ended_on__isnull=True)
            .filter(pk__in=cell.ancestor_ids()).first())


def seed_inspection(log=None) -> InspectionResult:
    result = InspectionResult()
    cell = Organization.objects.filter(code=KHU_PHO_1_CODE, ended_on__isnull=True).first()
    ward = _ward(cell) if cell is not None else None
    if ward is None:
        if log:
            log(result.summary_lines()[0])
        return result
    on = today()
    start = max(on - dt.timedelta(days=330), ward.established_on or on)

    def day(n: int) -> dt.date:
        """The n-th twentieth of the span from `start` to today (0 → start, 20 → today)."""
        return start + dt.timedelta(days=(on - start).days * n // 20)

    cells = list(Organization.objects.filter(kind__in=CELL_KINDS, ended_on__isnull=True, path__startswith=ward.path)
                 .exclude(pk=cell.pk).order_by("path")[:4])
    # Members in the cell over the whole span (one who arrived by transfer during it stood elsewhere when a case or a
    # denunciation about them was received).
    members = [m for m in Member.objects.filter(organization=cell, status__in=IN_PARTY).order_by("pk")
               if getattr(member_selectors.state_on(m, start), "organization_id", None) == cell.pk][:6]
    programme = services.create_programme(
        by=SYSTEM, organization=ward, body_kind=COMMISSION, year=day(0).year, adopted_on=day(0),
        title=f"Chương trình kiểm tra, giám sát năm {day(0).year} của Ủy ban Kiểm tra Đảng ủy {ward.name.split(' ', 2)[-1]}",
        topics="Giám sát chuyên đề việc thực hiện nghị quyết, quy định nêu gương; kiểm tra tài chính đảng.",
        decision_number="01-CTr/UBKT")
    for i, org in enumerate(cells):
        services.add_programme_item(by=SYSTEM, programme=programme, kind="thematic_supervision", subject_organization=org,
                                    topic="Lãnh đạo thực hiện nghị quyết của chi bộ", planned_from=day(1 + 3 * i),
                                    planned_to=day(3 + 3 * i))
    services.add_programme_item(by=SYSTEM, programme=programme, kind="finance", subject_organization=cell,
                                topic="Thu, nộp, quản lý đảng phí", planned_from=day(14), planned_to=day(18))
    for i, org in enumerate(cells):
        case = services.open_case(
            by=SYSTEM, body=ward, body_kind=COMMISSION, kind="thematic_supervision", subject_organization=org,
            topic="Lãnh đạo thực hiện nghị quyết của chi bộ", decision_number=f"{10 + i}-QĐ/UBKT", decision_date=day(1 + 3 * i),
            due_on=day(3 + 3 * i), team=TEAM, programme=programme,
            steps=[("Chi bộ báo cáo tự kiểm điểm", day(2 + 3 * i))])
        result.cases += 1
        services.record_session(by=SYSTEM, case=case, held_on=day(2 + 3 * i), participants=f"Đoàn giám sát, chi ủy {org.name}",
                                content="Nghe chi bộ báo cáo, đối chiếu sổ nghị quyết và biên bản sinh hoạt.")
        if i == 3 and day(3 + 3 * i) >= on - dt.timedelta(days=10):
            continue  # the last one is still running: its step is a to-do item
        case = services.conclude_case(
            by=SYSTEM, case=case, concluded_on=day(3 + 3 * i), findings="Chi bộ ban hành nghị quyết tháng đầy đủ.",
            conclusion="Chi bộ lãnh đạo thực hiện nghị quyết nghiêm túc." if i % 2 == 0 else
            "Chi bộ còn chậm đôn đốc thực hiện một số nhiệm vụ.", result="good" if i % 2 == 0 else "shortcomings",
            recommendations="" if i % 2 == 0 else "Rà soát, bổ sung sổ theo dõi thực hiện nghị quyết.")
        services.notify_subject(by=SYSTEM, case=case, notified_on=day(3 + 3 * i))
        if i % 2:
            remedy = services.add_remedy(by=SYSTEM, case=case, description="Bổ sung sổ theo dõi thực hiện nghị quyết",
                                         due_on=on + dt.timedelta(days=7) if i == 3 else day(5 + 3 * i))
            if i == 1:
                services.complete_remedy(by=SYSTEM, remedy=remedy, done_on=day(5 + 3 * i), result="Đã bổ sung")
    for i, member in enumerate(members[:4]):
        case = services.open_case(
            by=SYSTEM, body=ward, body_kind=COMMISSION, kind="thematic_supervision", subject_member=member,
            topic="Thực hiện quy định về trách nhiệm nêu gương", decision_number=f"{20 + i}-QĐ/UBKT",
            decision_date=day(6 + i), due_on=day(9 + i), team=TEAM, programme=programme)
        result.cases += 1
        case = services.conclude_case(by=SYSTEM, case=case, concluded_on=day(9 + i), conclusion="Đồng chí thực hiện tốt.",
                                      result="good")
        services.notify_subject(by=SYSTEM, case=case, notified_on=day(9 + i))
    anonymous = services.receive_denunciation(
        by=SYSTEM, body=ward, received_on=day(10), subject_member=members[4] if len(members) > 4 else None,
        subject_organization=None if len(members) > 4 else cell, specific=False,
        content="Đơn không ký tên phản ánh chung chung về lối sống của đảng viên.")
    signed = services.receive_denunciation(
        by=SYSTEM, body=ward, received_on=day(12), subject_member=members[-1], denouncer_name="Trần Văn Chính",
        denouncer_contact="Khu phố 1", signed=True, specific=True, with_evidence=True,
        content="Tố cáo đảng viên vi phạm quy định về những điều đảng viên không được làm, kèm tài liệu.")
    result.denunciations += 2
    violation = services.open_case(
        by=SYSTEM, body=ward, body_kind=COMMISSION, kind="signs_of_violation", subject_member=members[-1],
        topic="Dấu hiệu vi phạm những điều đảng viên không được làm", decision_number="30-QĐ/UBKT", decision_date=day(13),
        due_on=day(17), team=TEAM, steps=[("Đảng viên giải trình", day(14)), ("Thẩm tra, xác minh", day(16))],
        denunciation=signed)
    result.cases += 1
    services.record_session(by=SYSTEM, case=violation, held_on=day(14), participants="Đoàn kiểm tra và đảng viên",
                            content="Đảng viên giải trình; đoàn làm rõ các nội dung tố cáo.")
    violation = services.conclude_case(
        by=SYSTEM, case=violation, concluded_on=day(17), findings="Nội dung tố cáo đúng một phần.",
        conclusion="Đảng viên vi phạm những điều đảng viên không được làm; đề nghị chi bộ xem xét, xử lý kỷ luật.",
        result="discipline", recommendations="Chi bộ tổ chức kiểm điểm, xem xét kỷ luật theo thẩm quyền.")
    services.notify_subject(by=SYSTEM, case=violation, notified_on=day(17))
    # The conclusion proposes a warning: the proceeding is opened through the discipline services (the discipline demo
    # may decide it: Case "30-QĐ/UBKT".proceeding).
    services.propose_discipline(by=SYSTEM, case=violation, opened_on=day(18), proposed_form="warning",
                                summary="Vi phạm những điều đảng viên không được làm (kết luận kiểm tra 30-QĐ/UBKT).",
                                violations=[ViolationInput("ordinary", day(8), "Vi phạm những điều đảng viên không được làm")])
    services.settle_denunciation(by=SYSTEM, denunciation=signed,
                                 outcome="Tố cáo đúng một phần; đã kiểm tra và đề nghị xử lý kỷ luật.")
    assert anonymous.status == "not_handled"
    if log:
        for line in result.summary_lines():
            log(line)
    return result

