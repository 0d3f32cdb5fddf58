"""Demo discipline, written through the services only (`by=SYSTEM`) after the register, badges and meetings exist.
Dates follow today, so the demo always shows:

- a warning decided by a cell about six weeks ago for a member whose Party badge is due at the next presentation
  date: the penalty in force blocks it (the badges-due page says why); the member appealed in time and the appeal
  waits for its decision (a to-do item);
- an expulsion proposed by a cell (2/3 of its members, base from the register) and decided by the standing committee
  above it: the member leaves the register through the lifecycle (an "expelled" event with its ground);
- a reprimand of the demo member `dangvien.khupho1` announced some sixteen months ago, lapsed since (she sees it on
  her own page of decisions);
- a notification from a ward People's Committee about the warned member, received late (K12).

Small and deterministic for a given generator state: a handful of service calls.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.accounts.system import SYSTEM


@dataclass
class DisciplineResult:
    warned: str = ""
    expelled: str = ""
    lapsed: str = ""

    def summary_lines(self) -> list[str]:
        if not self.warned:
            return []
        return [f"Kỷ luật mẫu: cảnh cáo {self.warned} (chặn Huy hiệu dịp tới, đang khiếu nại), khai trừ {self.expelled}, "
                f"khiển trách đã hết hiệu lực {self.lapsed}."]


def _cell_vote(cell, on: dt.date) -> tuple[int, int]:
    from dangvu.members.selectors import vote_base

    base = vote_base(cell, on).minimum
    return base // 2 + 1, base


def _decide_in_cell(services, member, *, form: str, opened: dt.date, decided: dt.date, announced: dt.date, number: str,
                    summary: str, violation: str):
    p = services.open_proceeding(by=SYSTEM, member=member, opened_on=opened, summary=summary, proposed_form=form,
                                 violations=[services.ViolationInput("ordinary", opened - dt.timedelta(days=30), violation)],
                                 case_reference="Kiểm tra khi có dấu hiệu vi phạm")
    services.record_hearing(by=SYSTEM, proceeding=p, heard_on=decided - dt.timedelta(days=5))
    votes, base = _cell_vote(member.organization, decided)
    return services.decide(by=SYSTEM, proceeding=p, form=form, body_kind="cell", deciding_organization=member.organization,
                           decided_on=decided, votes_for=votes, vote_base=base, decision_number=number, announced_on=announced)


def seed_discipline(rng: random.Random, log=None) -> DisciplineResult:
    from dangvu.awards import rules as badge_rules
    from dangvu.awards import services as awards
    from dangvu.core.dates import today
    from dangvu.discipline import services
    from dangvu.dues.models import DuesPayment
    from dangvu.evaluations.models import MemberReview
    from dangvu.meetings.models import Meeting
    from dangvu.members.kinds import Status
    from dangvu.members.models import Member
    from dangvu.organizations.models import Organization
    from dangvu.organizations.tree import CELL_KINDS, path_ids

    on = today()
    result = DisciplineResult()
    taken: set[int] = set()
    thuy = Member.objects.filter(user__username="dangvien.khupho1").select_related("organization").first()
    if thuy is not None and thuy.organization is not None:
        start = on - dt.timedelta(days=500)
        _decide_in_cell(services, thuy, form="reprimand", opened=start, decided=start + dt.timedelta(days=20),
                        announced=start + dt.timedelta(days=22), number="02-QĐ/CB",
                        summary="Không thực hiện nhiệm vụ chi bộ phân công", violation="Không tham gia trực bầu cử theo phân "
                        "công của chi bộ")
        result.lapsed = thuy.full_name
        taken.add(thuy.pk)
    reserved = set(Member.objects.exclude(user=None).values_list("pk", flat=True))
    due = [r for r in awards.due_list(SYSTEM, badge_rules.next_presentation_date(on))
           if not r.posthumous and not r.blocked and r.member.pk not in reserved | taken
           and r.member.organization.kind in CELL_KINDS and _cell_vote(r.member.organization, on)[1] >= 3]
    if due:
        member = due[rng.randrange(min(len(due), 10))].member
        p = _decide_in_cell(services, member, form="warning", opened=on - dt.timedelta(days=60),
                            decided=on - dt.timedelta(days=40), announced=on - dt.timedelta(days=38), number="05-QĐ/CB",
                            summary="Vi phạm quy định những điều đảng viên không được làm",
                            violation="Tham gia kinh doanh trái quy định khi đang công tác")
        services.receive_appeal(by=SYSTEM, proceeding=p, appellant=member.full_name,
                                decision_received_on=on - dt.timedelta(days=37), received_on=on - dt.timedelta(days=20),
                                content="Đề nghị xem xét lại hình thức kỷ luật", handling_body="Ủy ban Kiểm tra cấp trên")
        services.record_notification(by=SYSTEM, member=member, body_kind="state", body_name="Ủy ban nhân dân phường",
                                     measure="Khiển trách (kỷ luật viên chức)", decision_number="112/QĐ-UBND",
                                     decision_date=on - dt.timedelta(days=30), received_on=on - dt.timedelta(days=21))
        result.warned = member.full_name
        taken.add(member.pk)
    # Preferably not in a cell whose meetings or dues the demo keeps (an expelled member attends and pays no more),
    # nor reviewed this year.
    busy = set(Meeting.objects.values_list("cell_id", flat=True)) | set(
        DuesPayment.objects.values_list("member__organization_id", flat=True))
    reviewed = set(MemberReview.objects.filter(campaign__year=on.year).values_list("member_id", flat=True))
    pool = [m for m in Member.objects.filter(status=Status.FULL, organization__kind__in=CELL_KINDS,
                                             first_admission_date__lte=on - dt.timedelta(days=3650))
            .exclude(pk__in=reserved | taken).select_related("organization").order_by("pk")]
    pool.sort(key=lambda m: (m.organization_id in busy, m.pk in reviewed, m.pk))
    candidates = [m for m in pool[:200] if _cell_vote(m.organization, on - dt.timedelta(days=75))[1] >= 3]
    if candidates:
        member = candidates[rng.randrange(len(candidates))]
        cell = member.organization
        p = services.open_proceeding(by=SYSTEM, member=member, opened_on=on - dt.timedelta(days=90),
                                     summary="Bị kết án về tội tham ô tài sản", proposed_form="expulsion",
                                     violations=[services.ViolationInput("expulsion_level", on - dt.timedelta(days=400),
                                                                         "Tham ô tài sản của đơn vị")],
                                     case_reference="Bản án hình sự đã có hiệu lực")
        proposal_on = on - dt.timedelta(days=75)
        base = _cell_vote(cell, proposal_on)[1]
        services.record_proposal(by=SYSTEM, proceeding=p, proposal_body=cell, proposal_on=proposal_on,
                                 votes_for=-(-2 * base // 3), vote_base=base)
        services.record_hearing(by=SYSTEM, proceeding=p, heard_on=on - dt.timedelta(days=74))
        above = Organization.objects.get(pk=path_ids(cell.path)[-2])
        services.decide(by=SYSTEM, proceeding=p, form="expulsion", body_kind="standing_committee",
                        deciding_organization=above, decided_on=on - dt.timedelta(days=70), votes_for=7, vote_base=9,
                        decision_number="41-QĐ/ĐU", expulsion_ground="corruption", announced_on=on - dt.timedelta(days=68))
        result.expelled = member.full_name
    if log is not None:
        for line in result.summary_lines():
            log(line)
    return result
