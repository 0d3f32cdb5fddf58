"""Demo residence contacts for thị xã Sơn Hà and huyện Đông Hà (see dangvu/demo/organizations.py and
dangvu/demo/members.py): written through the services with `by=SYSTEM` (the system), after the
organizations and members exist. Dates follow today, so the demo always shows, since 1/7/2025,
under the wards and communes 38.701–38.705:

- about 30 working members introduced in the second half of last year to the ward or commune where
  they live, received and assigned to its residential cells (several to "Chi bộ khu phố 1", whose
  secretary is the demo user `bithu.khupho1`); a few introduced in the last weeks and still awaiting
  receipt; two army members in barracks and one in full-time study (introduced, no periodic
  meetings or comments, HD 33 điểm 1.1); a police member not introduced at all (HD 33 điểm 1.2);
  one residence written down outside the system; one contact ended when the member moved;
- the cells' meetings for working members, about every six months, with attendance (some cells have
  had none in the last six months);
- the comments of last year for everyone asked, one of them late; this year's comments for most,
  a few still missing as the due date (15/12 by default) approaches.
"""

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.accounts.system import SYSTEM
from dangvu.demo.organizations import KHU_PHO_1_CODE

COMMUNE_CODES = ("38.701", "38.702", "38.703", "38.704", "38.705")
DISTRICT_OF = {"38.701": "A", "38.702": "A", "38.703": "A", "38.704": "B", "38.705": "B"}
TARGET = 30
AWAITING = 4
FIRST_DAY = dt.date(2025, 7, 15)  # after the 1/7/2025 restructuring, when the wards exist
SIGNERS = (("Lê Văn Hùng", "Phó Bí thư Đảng ủy"), ("Nguyễn Thị Mai", "Bí thư Chi bộ"), ("Trịnh Văn Lâm", "Phó Bí thư Đảng ủy"),
           ("Phạm Thị Thu", "Bí thư Đảng ủy"))
SECRETARIES = ("Phạm Văn Thắng", "Lê Thị Hạnh", "Nguyễn Văn Tài", "Đỗ Thị Yến", "Hoàng Văn Sáng", "Bùi Thị Loan")
MEETING_CONTENT = (
    "Thông báo tình hình kinh tế – xã hội, quốc phòng – an ninh của phường; lấy ý kiến về xây dựng tổ dân phố văn minh.",
    "Phổ biến kế hoạch vệ sinh môi trường, phòng chống thiên tai; đảng viên đang công tác đăng ký việc làm cụ thể ở khu dân cư.",
    "Lấy ý kiến góp ý dự thảo văn kiện; thông báo tình hình an ninh trật tự, phòng chống ma túy trên địa bàn.",
    "Chuyên đề xây dựng khu dân cư an toàn; đảng viên đang công tác tham gia vận động nhân dân hiến đất mở rộng đường ngõ.",
)
GOOD_COMMENTS = (
    "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương; tham gia đầy đủ "
    "sinh hoạt với chi bộ nơi cư trú; gia đình thực hiện tốt nếp sống văn hóa, có quan hệ tốt với nhân dân.",
    "Thường xuyên giữ mối liên hệ với chi ủy, chi bộ; tích cực tham gia các phong trào ở tổ dân phố; bản thân và gia đình "
    "gương mẫu, được nhân dân tín nhiệm.",
    "Thực hiện tốt trách nhiệm đảng viên ở nơi cư trú; đóng góp ý kiến xây dựng chi bộ, tham gia vận động nhân dân thực hiện "
    "các chủ trương của phường.",
)
WEAK_COMMENT = ("Ít tham gia sinh hoạt với chi bộ nơi cư trú (vắng không lý do), chưa tham gia các hoạt động của khu dân cư; "
                "đề nghị cơ quan nhắc nhở đồng chí.")


@dataclass
class ResidenceResult:
    introduced: int = 0
    awaiting: int = 0
    assigned: int = 0
    exempt: int = 0
    meetings: int = 0
    comments: int = 0
    missing: int = 0

    def summary_lines(self) -> list[str]:
        if not self.introduced:
            return ["Giữ mối liên hệ với nơi cư trú: không tạo (thiếu xã, phường hoặc đảng viên đang công tác)."]
        return [f"Giữ mối liên hệ với nơi cư trú: {self.introduced} đảng viên được giới thiệu ({self.awaiting} chờ tiếp nhận, "
                f"{self.assigned} đã phân công về chi bộ), {self.exempt} không thuộc diện giới thiệu, {self.meetings} buổi sinh "
                f"hoạt, {self.comments} nhận xét, {self.missing} nhận xét năm nay còn thiếu."]


def _weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def _day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return _weekday(start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0))))


def _place(org) -> str:
    return org.short_name or org.name.removeprefix("Đảng bộ ")


def seed_residence(rng: random.Random, log=None) -> ResidenceResult:
    """Residence contacts, meetings and comments in the demo (call inside the seed's transaction,
    after seed_members; independent of the other lifecycle demos)."""
    from dangvu.core.dates import today
    from dangvu.members.kinds import IN_PARTY
    from dangvu.members.models import Member
    from dangvu.organizations import tree
    from dangvu.organizations.kinds import Kind, UnitType
    from dangvu.organizations.models import Organization
    from dangvu.residence import rules, services
    from dangvu.residence.kinds import (
        WORKING_UNIT_TYPES,
        AttendanceMark,
        CommentAssessment,
        CommentOccasion,
        ContactEndReason,
        IntroductionExemption,
        MeetingExemption,
        MeetingType,
    )
    from dangvu.residence.models import ResidenceContact
    from dangvu.residence.selectors import year_params

    on = today()
    result = ResidenceResult()
    communes = {o.code: o for o in Organization.objects.filter(code__in=COMMUNE_CODES, ended_on__isnull=True)}
    window_start = max(FIRST_DAY, dt.date(on.year - 1, 7, 15))
    window_end = min(window_start + dt.timedelta(days=100), on - dt.timedelta(days=40))
    if not communes or window_end < window_start:
        return result
    cells_of = {code: list(Organization.objects.active().filter(path__tree_prefix=c.path, unit_type=UnitType.RESIDENTIAL,
                                                                 kind__in=["cell", "grassroots_cell"]).order_by("code"))
                for code, c in communes.items()}
    cells_of = {code: cells for code, cells in cells_of.items() if cells}
    if not cells_of:
        return result
    khu_pho_1 = Organization.objects.filter(code=KHU_PHO_1_CODE, ended_on__isnull=True, unit_type=UnitType.RESIDENTIAL).first()

    # Since 1/7/2025 the town's police, hospital, court… are in the province's committees: their members work
    # in Sơn Hà and live in its wards (the first of them, the town centre).
    blocs = list(Organization.objects.filter(kind=Kind.BLOC_COMMITTEE, ended_on__isnull=True))
    town_centre = COMMUNE_CODES[0]

    def commune_of(org):
        found = next((code for code, c in communes.items() if org.path.startswith(c.path)), None)
        if found is None and any(org.path.startswith(b.path) for b in blocs):
            return town_centre
        return found

    candidates = [m for m in Member.objects.filter(status__in=IN_PARTY, is_exempted=False, is_suspended=False,
                                                   organization__unit_type__in=WORKING_UNIT_TYPES)
                  .select_related("organization").order_by("pk")
                  if commune_of(m.organization) in cells_of
                  and not ResidenceContact.objects.filter(member=m, is_open=True).exists()
                  and (m.events.order_by("-effective_date").values_list("effective_date", flat=True).first()
                       or dt.date.min) < window_start]
    if not candidates:
        return result
    armed = [m for m in candidates if m.organization.unit_type == UnitType.ARMED_FORCES]
    police = next((m for m in armed if m.is_police), None)
    chosen = rng.sample(candidates, min(TARGET + AWAITING, len(candidates)))
    if police is not None and police in chosen:
        chosen.remove(police)
    barracks = [m for m in chosen if m.organization.unit_type == UnitType.ARMED_FORCES and m.is_army][:2]

    numbers: dict[int, int] = {}

    def number_for(contact_org, year) -> str:
        numbers[contact_org.pk] = numbers.get(contact_org.pk, rng.randint(5, 40)) + rng.randint(1, 4)
        return f"{numbers[contact_org.pk]}-GGT/ĐU"

    # 1. Introductions: the first ones to Chi bộ khu phố 1, the last AWAITING ones recently (awaiting receipt).
    plans = []
    for index, member in enumerate(chosen):
        recent = index >= len(chosen) - AWAITING
        if index < 5 and khu_pho_1 is not None and commune_of(khu_pho_1) in cells_of:
            code, cell = commune_of(khu_pho_1), khu_pho_1
        else:
            own = commune_of(member.organization)
            same = [c for c in cells_of if DISTRICT_OF[c] == DISTRICT_OF[own]]
            code = own if rng.random() < 0.7 or len(same) < 2 else rng.choice(same)
            cell = rng.choice(cells_of[code])
        letter_date = (_day_between(rng, on - dt.timedelta(days=25), on - dt.timedelta(days=3)) if recent
                       else _day_between(rng, window_start, window_end))
        exemption = ""
        if member in barracks:
            exemption = MeetingExemption.BARRACKS
        elif index == 7:
            exemption = MeetingExemption.FULL_TIME_STUDY
        plans.append((member, code, cell, letter_date, exemption, recent))
    plans.sort(key=lambda x: (x[3], x[0].pk))
    contacts = []
    for member, code, cell, letter_date, exemption, recent in plans:
        introducer = tree.grassroots_today(member.organization)
        signer, title = rng.choice(SIGNERS)
        outside = not recent and not contacts and len(plans) > 10  # the first one: a residence outside the system
        contact = services.introduce(
            by=SYSTEM, member=member, letter_number=number_for(introducer, letter_date.year), letter_date=letter_date,
            residence_address=f"Số {rng.randint(2, 180)}, {cell.name.removeprefix('Chi bộ ')}, {_place(communes[code])}, "
                              "tỉnh Thanh Hóa" if not outside else f"Số {rng.randint(2, 90)} đường Trần Phú, phường Điện Biên, "
                                                                   "tỉnh Thanh Hóa",
            receiving_organization=None if outside else communes[code],
            receiving_text="Đảng ủy phường Điện Biên, tỉnh Thanh Hóa" if outside else "", meeting_exemption=exemption,
            signer_name=signer, signer_title=title)
        result.introduced += 1
        if recent or outside:
            result.awaiting += int(recent)
        else:
            received = min(_weekday(letter_date + dt.timedelta(days=rng.randint(5, 20))), on)
            services.receive(by=SYSTEM, contact=contact, received_on=received, residence_cell=cell)
            result.assigned += 1
        contacts.append(contact)
    if police is not None:
        services.exempt_from_introduction(by=SYSTEM, member=police, introduction_exemption=IntroductionExemption.SPECIAL_DUTY,
                                          decided_on=_day_between(rng, window_start, window_end),
                                          exemption_note="Làm nhiệm vụ trinh sát")
        result.exempt += 1

    assigned = [ResidenceContact.objects.select_related("member", "residence_cell").get(pk=c.pk) for c in contacts]
    assigned = [c for c in assigned if c.residence_cell_id is not None]
    by_cell: dict[int, list] = {}
    for c in assigned:
        by_cell.setdefault(c.residence_cell_id, []).append(c)
    weak = {c.pk for c in rng.sample(assigned, min(1, len(assigned)))}

    def meet(cell_id: int, held_on: dt.date) -> None:
        if held_on >= on:
            return
        members = [c for c in by_cell[cell_id] if c.assigned_on <= held_on and (c.ended_on is None or c.ended_on > held_on)]
        marks = []
        for c in members:
            if c.meeting_exemption:
                continue
            roll = rng.random()
            if c.pk in weak or roll > 0.95:
                marks.append((c.pk, AttendanceMark.UNEXCUSED, ""))
            elif roll > 0.85:
                marks.append((c.pk, AttendanceMark.EXCUSED, rng.choice(("Đi công tác", "Ốm", "Trực cơ quan"))))
            else:
                marks.append((c.pk, AttendanceMark.PRESENT, ""))
        services.record_meeting(by=SYSTEM, cell=Organization.objects.get(pk=cell_id), held_on=held_on,
                                meeting_type=MeetingType.PERIODIC, content=rng.choice(MEETING_CONTENT), attendance=marks)
        result.meetings += 1

    def comment(c, year: int, commented_on: dt.date) -> None:
        if commented_on >= on:
            return
        services.record_comment(
            by=SYSTEM, contact=c, year=year, comment_occasion=CommentOccasion.ANNUAL,
            text=WEAK_COMMENT if c.pk in weak else rng.choice(GOOD_COMMENTS),
            comment_assessment=CommentAssessment.NOT_FULFILLED if c.pk in weak else CommentAssessment.FULFILLED,
            commented_on=commented_on, signer_name=rng.choice(SECRETARIES), signer_title="Bí thư Chi bộ")
        result.comments += 1

    previous, current = window_start.year, window_start.year + 1
    cell_ids = sorted(by_cell, key=lambda pk: by_cell[pk][0].residence_cell.path)
    quiet = set(cell_ids[1::3])  # no meeting in the last six months
    for cell_id in cell_ids:
        meet(cell_id, _weekday(dt.date(previous, 11, rng.randint(15, 28))))
    # Last year's comments for everyone asked (one late), before anything ends.
    p = year_params(previous)
    due = rules.comment_due(previous, p)
    asked = [c for c in assigned if rules.comment_expected(year=previous, start_on=c.assigned_on, ended_on=None,
                                                           meeting_exemption=c.meeting_exemption, p=p)]
    for i, c in enumerate(asked):
        commented = _day_between(rng, due - dt.timedelta(days=14), due) if i else _weekday(due + dt.timedelta(days=8))
        comment(c, previous, max(commented, c.assigned_on))
    # One member moved in the spring.
    movable = [c for c in assigned if c.residence_cell.code != KHU_PHO_1_CODE and not c.meeting_exemption]
    moved_on = _weekday(dt.date(current, 3, 10))
    if movable and moved_on < on:
        moved = movable[-1]
        services.end_contact(by=SYSTEM, contact=moved, contact_end_reason=ContactEndReason.MOVED, ended_on=moved_on,
                             end_note="Chuyển đến ở phường khác; cơ quan giới thiệu lại khi có địa chỉ mới")
        moved.ended_on = moved_on
    for cell_id in cell_ids:
        if cell_id in quiet:
            meet(cell_id, _weekday(dt.date(current, 4, rng.randint(1, 20))))
        else:
            meet(cell_id, _weekday(dt.date(current, 5, rng.randint(12, 26))))
            meet(cell_id, _weekday(dt.date(current, 11, rng.randint(2, 12))))
    # This year's comments: most recorded in November, a few (one in Chi bộ khu phố 1) still missing.
    p = year_params(current)
    first_day = dt.date(current, 11, 1)
    if on > first_day:
        open_ = [c for c in assigned if c.ended_on is None and rules.comment_expected(
            year=current, start_on=c.assigned_on, ended_on=None, meeting_exemption=c.meeting_exemption, p=p)]
        in_khu_pho_1 = [c for c in open_ if c.residence_cell.code == KHU_PHO_1_CODE]
        missing = {c.pk for c in rng.sample(open_, min(3, len(open_)))} | {c.pk for c in in_khu_pho_1[:1]}
        for c in open_:
            if c.pk in missing:
                result.missing += 1
                continue
            comment(c, current, _day_between(rng, first_day, min(on - dt.timedelta(days=1), rules.comment_due(current, p))))
    if log is not None:
        log(f"  … {result.introduced} đảng viên giữ mối liên hệ với nơi cư trú, {result.meetings} buổi sinh hoạt, "
            f"{result.comments} nhận xét")
    return result
