"""Demo cell meetings: two years of monthly meetings for a dozen demo cells (Chi bộ khu phố 1, whose secretary is
the demo user `bithu.khupho1`, first), written through the services with `by=SYSTEM` after the register exists.
Dates follow today, so the demo always shows:

- a regular meeting every month for 24 months up to last month, on a weekday near the 10th, 90–150 minutes, with
  the attendance of the members in the cell that day (mostly present, some excused, a few unexcused);
- thematic topics held with the regular meeting of the quarter's last month, except in some cells and quarters;
- realistic gaps: a few months without a meeting in some cells, some meetings shorter than the minimum;
- one member of Chi bộ khu phố 1 absent without reason in two months of the last twelve (heading for G8);
- minutes and the four-part resolution for every meeting but the last one of each cell (held, minutes to write),
  with a task or two assigned, some still open;
- this month's meeting of Chi bộ khu phố 1 planned for today (or the last weekday before it), ready to be recorded;
- the party groups' members (G6) of the demo cell that has party groups (the one with the most members): everyone in the
  cell six months ago placed in its groups from the first day of that month, in turn by name, through assign_groups as
  its secretary would (a member arriving since is in no group: the groups page and the to-do say so); and, when the cell
  reaches the G6 threshold in force, last month's regular meeting held by its first group with that group's members.
  Fixed choices, no draw: the rest of the demo is unchanged.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.accounts.system import SYSTEM
from dangvu.demo.organizations import KHU_PHO_1_CODE

CELLS = 12
MONTHS = 24
TOPICS = ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Chuyển đổi số trong công tác đảng",
          "Xây dựng khu dân cư văn minh, an toàn", "Phòng, chống tham nhũng, tiêu cực", "Công tác cải cách hành chính",
          "Bảo vệ nền tảng tư tưởng của Đảng")
AGENDA = ("Đánh giá kết quả thực hiện nhiệm vụ tháng, triển khai nhiệm vụ tháng tới; thông báo thời sự.",
          "Kiểm điểm việc thực hiện nghị quyết tháng trước; phổ biến văn bản mới của cấp trên; sinh hoạt tư tưởng.")
TASKS = ("Vận động đảng viên đóng đảng phí đúng hạn", "Rà soát, cập nhật hồ sơ đảng viên", "Tổ chức ra quân vệ sinh môi trường",
         "Thăm hỏi đảng viên ốm đau", "Hoàn thành báo cáo sơ kết quý")
REASONS = ("Đi công tác", "Ốm", "Việc gia đình", "Trực cơ quan")


@dataclass
class MeetingsResult:
    meetings: int = 0
    cells: int = 0
    heading: str = ""
    groups: str = ""  # what the party groups' part did, in a line

    def summary_lines(self) -> list[str]:
        if not self.meetings:
            return ["Sinh hoạt chi bộ: không tạo (không có chi bộ có đảng viên)."]
        line = f"Sinh hoạt chi bộ: {self.meetings} buổi của {self.cells} chi bộ trong {MONTHS} tháng"
        return [line + (f"; {self.heading} vắng không lý do 2 tháng trong 12 tháng." if self.heading else ".")] + (
            [self.groups] if self.groups else [])


def _weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def _month(today: dt.date, back: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _assign_follower(cell) -> bool:
    """A member of the committee just above the cell follows it (G3), from when both the seat and the cell stood."""
    from dangvu.core.errors import RuleViolation
    from dangvu.organizations import committees
    from dangvu.organizations import tree as org_tree
    from dangvu.organizations.models import CommitteeMember, OrganizationVersion

    for above in reversed(org_tree.chain_today(cell)[:-1]):
        seats = (CommitteeMember.objects.filter(term__organization=above, end_date__isnull=True)
                 .order_by("-position", "start_date", "id"))
        # From when both the seat and the cell stood, else from when the cell came under its present superior (a cell
        # moved into a province committee on 1/7/2025 had another committee above it before).
        placed = OrganizationVersion.objects.filter(organization=cell, valid_to__isnull=True).values_list(
            "valid_from", flat=True).first()
        for seat in seats[:3]:
            for start in dict.fromkeys(d for d in (max(seat.start_date, cell.established_on),
                                                   max(seat.start_date, placed or cell.established_on))):
                try:
                    committees.assign_follower(by=SYSTEM, cell=cell, seat=seat, start_date=start,
                                               note="Phân công theo dõi chi bộ")
                    return True
                except RuleViolation:
                    continue
    return False


GROUPS_MONTHS_BACK = 6  # the groups' members are recorded from the first day of the month six months back


def _seed_party_groups(on: dt.date) -> str:
    """G6 in the demo: the party groups' members of the cell with party groups that has the most members, and a meeting
    by its first group last month when the cell may meet by group (module docstring). Returns the summary line."""
    from dangvu.core.dates import vn_date
    from dangvu.meetings import selectors, services
    from dangvu.meetings.kinds import CELL_KINDS
    from dangvu.organizations.models import Organization
    from dangvu.rules.parameters import params_on

    start = _month(on, GROUPS_MONTHS_BACK)
    found = []
    for cell in Organization.objects.filter(kind__in=CELL_KINDS, ended_on__isnull=True).order_by("path"):
        groups = sorted(selectors.party_groups(cell, start))
        if groups and set(groups) <= set(selectors.party_groups(cell, on)):
            found.append((len(selectors.expected(cell, start)), cell, groups))
    found = [f for f in found if f[0]]
    if not found:
        return ""
    _, cell, groups = max(found, key=lambda f: f[0])  # the first of the largest, in the tree's order
    people = selectors.expected(cell, start)
    services.assign_groups(by=SYSTEM, cell=cell, on=start,
                           assignments=[(e.member_id, groups[i % len(groups)]) for i, e in enumerate(people)])
    line = (f"Tổ đảng: {len(people)} đảng viên của {cell.name} được ghi vào {len(groups)} tổ đảng từ ngày "
            f"{vn_date(start)}")
    day = _weekday(_month(on, 1).replace(day=20))
    members = sum(1 for e in selectors.expected(cell, day) if not e.hosted)
    least = params_on(day, cell)["meetings.group_min_members"]
    if members < least:
        return line + f"; không ghi sinh hoạt theo tổ đảng (chi bộ có {members} đảng viên, chưa đủ {least} theo G6)."
    meeting = services.schedule_meeting(by=SYSTEM, cell=cell, date=day, party_group=Organization.objects.get(pk=groups[0]),
                                        starts_at=dt.time(8, 0), place=f"Hội trường {cell.short_name or cell.name}",
                                        agenda=AGENDA[0], materials_sent_on=day - dt.timedelta(days=3))
    expected, _ = selectors.expected_at(meeting)
    services.record_held(by=SYSTEM, meeting=meeting, ends_at=dt.time(9, 40),
                         attendance=[(e.member_id, "excused" if e.optional else "present",
                                      "Được miễn sinh hoạt" if e.exempted else "Sinh hoạt tạm thời nơi khác" if e.away else "")
                                     for e in expected])
    return line + f"; buổi sinh hoạt thường kỳ ngày {vn_date(day)} theo tổ đảng ({len(expected)} đảng viên của tổ)."


def seed_meetings(rng: random.Random, log=None) -> MeetingsResult:
    from django.db.models import Count, Q

    from dangvu.core.dates import today
    from dangvu.meetings import selectors, services
    from dangvu.meetings.kinds import CELL_KINDS, MeetingKind
    from dangvu.members.kinds import IN_PARTY
    from dangvu.members.models import Member
    from dangvu.organizations.models import Organization

    result = MeetingsResult()
    on = today()
    cells = list(Organization.objects.filter(kind__in=CELL_KINDS, ended_on__isnull=True)
                 .annotate(n=Count("members", filter=Q(members__status__in=IN_PARTY))).filter(n__gte=3)
                 .order_by("path"))
    first = [c for c in cells if c.code == KHU_PHO_1_CODE]
    chosen = first + [c for c in cells if c.code != KHU_PHO_1_CODE][:CELLS - len(first)]
    heading_member = None
    for index, cell in enumerate(chosen):
        skip_thematic = index % 4 == 3  # some cells miss thematic meetings
        follows = _assign_follower(cell)
        held_any = False
        for back in range(MONTHS, 0, -1):
            month = _month(on, back)
            day = _weekday(month.replace(day=rng.randint(8, 14)))
            if day < cell.established_on or (index % 5 == 2 and rng.random() < 0.08):
                continue  # before the cell existed, or a month the cell did not meet
            quarter_end = month.month % 3 == 0
            combined = quarter_end and not (skip_thematic and rng.random() < 0.6)
            meeting = services.schedule_meeting(
                by=SYSTEM, cell=cell, date=day, kind=MeetingKind.COMBINED if combined else MeetingKind.REGULAR,
                topic=rng.choice(TOPICS) if combined else "", starts_at=dt.time(rng.choice((8, 14)), 0),
                place=f"Hội trường {cell.short_name or cell.name}", agenda=rng.choice(AGENDA),
                materials_sent_on=day - dt.timedelta(days=rng.choice((0, 2, 3, 5))),
                # G3: the notice to the superior committee member following the cell, own draws (rng untouched).
                superior_notified_on=(day - dt.timedelta(days=random.Random(f"{cell.code} {day} G3").choice((0, 1, 2, 3, 3)))
                                      if follows else None))
            expected = selectors.expected(cell, day)
            if heading_member is None and index == 0:
                regular = [e for e in expected if not e.optional and not e.hosted]
                heading_member = regular[-1].member_id if regular else None
            marks = []
            for e in expected:
                roll = rng.random()
                if e.optional:
                    marks.append((e.member_id, "excused", "Sinh hoạt tạm thời nơi khác" if e.away else "Được miễn sinh hoạt"))
                elif e.member_id == heading_member and back in (2, 5):
                    marks.append((e.member_id, "unexcused", ""))
                elif e.member_id != heading_member and roll > 0.985 and back > 12:
                    marks.append((e.member_id, "unexcused", ""))
                elif roll > 0.88:
                    marks.append((e.member_id, "excused", rng.choice(REASONS)))
                else:
                    marks.append((e.member_id, "present", ""))
            length = rng.choice((80, 95, 105, 120, 130, 150)) if not combined else rng.choice((100, 125, 140))
            start = meeting.starts_at
            ends = dt.time(start.hour + length // 60, length % 60)
            meeting = services.record_held(by=SYSTEM, meeting=meeting, ends_at=ends, attendance=marks)
            result.meetings += 1
            held_any = True
            if back > 1:
                present = sum(1 for _, m, _ in marks if m == "present")
                services.record_minutes(
                    by=SYSTEM, meeting=meeting, minutes=f"Chi bộ họp ngày {day:%d/%m/%Y}, có mặt {present}/{len(marks)} đảng viên.",
                    results="Hoàn thành các nhiệm vụ chính của tháng.", next_tasks=rng.choice(TASKS) + ".",
                    assignment="Chi ủy phân công đảng viên phụ trách từng việc.",
                    self_assessment=rng.choice(("Buổi sinh hoạt đạt chất lượng tốt.", "Buổi sinh hoạt đạt yêu cầu.")),
                    votes_for=meeting.vote_base, votes_against=0, votes_abstain=0, complete=True)
                if back <= 12:  # the last year's meetings scored on the province's sheet (G7), own draws: rng untouched
                    scorer = random.Random(f"{cell.code} {day}")
                    sheet = services.quality_sheet(meeting)
                    services.assess_quality(by=SYSTEM, meeting=meeting, scores={
                        key: max(most - scorer.choice((0, 0, 0, 1, 2, 3, 5)), 0) for key, _, most in sheet})
            if back <= 3 and expected:
                owner = rng.choice([e for e in expected if not e.optional] or expected).member_id
                task = services.add_task(by=SYSTEM, meeting=meeting, description=rng.choice(TASKS),
                                         owner=Member.objects.get(pk=owner), due_on=day + dt.timedelta(days=rng.choice((20, 40))))
                if back == 3:
                    services.complete_task(by=SYSTEM, task=task, done_on=min(task.due_on, on))
        if held_any:
            result.cells += 1
        if index == 0:
            services.schedule_meeting(by=SYSTEM, cell=cell, date=_weekday(on) if _weekday(on).month == on.month else on,
                                      starts_at=dt.time(14, 0), place=f"Hội trường {cell.short_name or cell.name}",
                                      agenda=AGENDA[0], materials_sent_on=_weekday(on) - dt.timedelta(days=2))
    if heading_member is not None:
        result.heading = Member.objects.get(pk=heading_member).full_name
    result.groups = _seed_party_groups(on)
    if log:
        for line in result.summary_lines():
            log(line)
    return result
