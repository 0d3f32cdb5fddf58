"""Demo admissions (called by seed_demo after the members): about fifteen candidates at every stage
in the cells of thị xã Sơn Hà (today the wards phường Sơn Hà, Hải Sơn and Nam Sơn), and the
probations that follow from them.

Written through the public services only (`by=SYSTEM`, the system), so every rule of every step
holds: candidates on the list, with the awareness class, an application, a background
statement, verification, introducers (full members of the same grassroots organization who have
known them for years), the cell's vote, the committee's vote, a decision and a ceremony; one
decision and one ceremony overdue; one candidate not admitted. Four probationary members end
their 12 months within the next 30 days, one is overdue for the cell's proposal, and one has
been recognized through the whole workflow (votes, decision).

Dates are relative to today, so the to-do list always has something to show.
"""

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.accounts.system import SYSTEM
from dangvu.admissions.kinds import STEP_ORDER, Stage, Step, VoteProposal, WithdrawalKind
from dangvu.core.dates import add_months
from dangvu.demo.training import certify_candidate

# Days from the cell's vote to each step (the pipeline of one candidate).
OFFSETS = {
    Step.CERTIFICATE: -120, Step.APPLICATION: -90, Step.BACKGROUND: -83, Step.VERIFICATION: -38, Step.INTRODUCERS: -10,
    Step.CELL_VOTE: 0, Step.COMMITTEE_VOTE: 12, Step.DECISION: 26, Step.CEREMONY: 46,
}
MALE_NAMES = ("Nguyễn Văn Khải", "Lê Minh Tuấn", "Trần Đức Anh", "Phạm Quang Huy", "Hoàng Văn Nam", "Đỗ Mạnh Cường",
              "Bùi Văn Toàn", "Trịnh Xuân Bách", "Lương Văn Thái", "Cao Đức Thịnh")
FEMALE_NAMES = ("Lê Thị Ngọc Ánh", "Nguyễn Thị Thu Trang", "Mai Thị Hồng Nhung", "Phạm Thị Quỳnh", "Vũ Thị Thanh Tâm",
                "Đặng Thị Huyền", "Trịnh Thị Mai Anh", "Ngô Thị Bích Ngọc", "Tống Thị Lan Hương", "Hà Thị Thu Hiền")
WORKPLACES = ("Trường THCS Bắc Sơn", "Trạm Y tế phường", "Công ty TNHH May Hải Hà", "Hợp tác xã Nông nghiệp Đông Tiến",
              "Đoàn Thanh niên phường", "Công ty Cổ phần Xi măng Sơn Hà", "Hội Liên hiệp Phụ nữ phường")
WOMEN_ONLY_WORKPLACES = ("Hội Liên hiệp Phụ nữ phường",)  # no man works at the Women's Union (issue 10 §8)


def workplace_for(rng: random.Random, sex: str) -> str:
    return rng.choice([w for w in WORKPLACES if sex == "female" or w not in WOMEN_ONLY_WORKPLACES])


@dataclass(frozen=True)
class Planned:
    """One demo candidate: the stage to reach and the date of the cell's vote that anchors its steps."""

    stage: str
    vote: dt.date
    note: str = ""


def plan(today: dt.date) -> list[Planned]:
    a_year_ago = add_months(today, -12)
    ceremony_anchor = OFFSETS[Step.CEREMONY]
    plans = [
        Planned(Stage.PROPOSED, today), Planned(Stage.PROPOSED, today),
        Planned(Stage.CERTIFIED, today + dt.timedelta(days=60)),
        Planned(Stage.APPLIED, today + dt.timedelta(days=50)),
        Planned(Stage.STATEMENT, today + dt.timedelta(days=45)),
        Planned(Stage.VERIFIED, today + dt.timedelta(days=20)),
        Planned(Stage.INTRODUCED, today + dt.timedelta(days=5)),
        Planned(Stage.CELL_APPROVED, today - dt.timedelta(days=8)),
        Planned(Stage.COMMITTEE_APPROVED, today - dt.timedelta(days=110), "decision_overdue"),
        Planned(Stage.DECIDED, today - dt.timedelta(days=30)),
        Planned(Stage.DECIDED, today - dt.timedelta(days=90), "ceremony_overdue"),
        Planned(Stage.WITHDRAWN, today - dt.timedelta(days=40), "rejected"),
    ]
    # Probationary members whose 12 months end within the next 30 days …
    for days in (4, 11, 19, 27):
        plans.append(Planned(Stage.ADMITTED, a_year_ago + dt.timedelta(days=days - ceremony_anchor), "ending"))
    # … one overdue (ended two months ago, the cell has not proposed), one recognized.
    plans.append(Planned(Stage.ADMITTED, a_year_ago - dt.timedelta(days=60 + ceremony_anchor), "overdue"))
    plans.append(Planned(Stage.ADMITTED, a_year_ago - dt.timedelta(days=80 + ceremony_anchor), "recognized"))
    return plans


def _steps_until(stage: str) -> list[str]:
    from dangvu.admissions.kinds import STAGE_AFTER

    if stage in (Stage.PROPOSED, Stage.WITHDRAWN):
        return []
    steps = []
    for step in STEP_ORDER:
        steps.append(step)
        if STAGE_AFTER[step] == stage:
            return steps
    raise ValueError(stage)


def _cells():
    """Cells of the Sơn Hà wards today with at least four full members (introducers and a quorum)."""
    from django.db.models import Count, Q

    from dangvu.demo.organizations import A_WARD_CODES, KHU_PHO_1_CODE
    from dangvu.members.kinds import Status
    from dangvu.organizations.kinds import Kind
    from dangvu.organizations.models import Organization

    wards = Organization.objects.filter(code__in=A_WARD_CODES)
    q = Q(pk__in=[])
    for ward in wards:
        q |= Q(path__tree_prefix=ward.path)
    cells = (Organization.objects.filter(q).active().filter(kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL])
             .annotate(full=Count("members", filter=Q(members__status=Status.FULL))).filter(full__gte=4).order_by("code"))
    cells = list(cells)
    first = [c for c in cells if c.code == KHU_PHO_1_CODE]
    return first + [c for c in cells if c.code != KHU_PHO_1_CODE]


def _with_quorum(cells, preferred, on: dt.date):
    """`preferred`, or the first cell after it that had the full members to vote on `on` (O1)."""
    from dangvu.members.selectors import vote_base
    from dangvu.rules.parameters import params_on

    minimum = params_on(on)["organization.cell_min_full_members"]
    start = cells.index(preferred)
    for cell in cells[start:] + cells[:start]:
        if vote_base(cell, on).full_count >= minimum:
            return cell
    return preferred


def _introducers(cell, on: dt.date, rng: random.Random):
    from dangvu.members.kinds import Status
    from dangvu.members.models import MemberState

    states = list(MemberState.objects.valid_on(on).filter(organization=cell, status=Status.FULL)
                  .select_related("member").order_by("member__name_key", "member_id")[:12])
    rng.shuffle(states)
    return [s.member for s in states[:2]]


def _youth_union_introduction(c, cell, on: dt.date) -> dict:
    """A9: an applicant of youth age in a unit with a Youth Union organization is introduced by the
    Youth Union's grassroots executive ("Ban Chấp hành Đoàn phường …") and the first member."""
    from dangvu.admissions import rules
    from dangvu.organizations.tree import grassroots_today
    from dangvu.rules.parameters import params_on

    grassroots = grassroots_today(cell) or cell
    if not rules.is_youth_age(c.date_of_birth, on, params_on(on)) or not (cell.has_youth_union and grassroots.has_youth_union):
        return {}
    place = grassroots.name.removeprefix("Đảng bộ ").removeprefix("Chi bộ ")
    return {"introducing_organization": "youth_union", "introducing_organization_name": f"Ban Chấp hành Đoàn {place}",
            "introducer_2": None, "introducer_2_since": None}


def _citizen_id(rng: random.Random, sex: str, born: dt.date) -> str:
    digit = (0 if born.year < 2000 else 2) + (0 if sex == "male" else 1)
    return f"038{digit}{born.year % 100:02d}{rng.randint(0, 999_999):06d}"


def seed_admissions(rng: random.Random, log=None) -> dict:
    """Write the demo candidates and probations (inside the seed's transaction, after the members)."""
    from dangvu.admissions import services
    from dangvu.admissions.models import Candidate
    from dangvu.core.dates import today
    from dangvu.members.models import Member
    from dangvu.references.models import ReferenceItem

    on = today()
    cells = _cells()
    if len(cells) < 3:
        if log:
            log("Người vào Đảng mẫu: bỏ qua (chưa có chi bộ đủ đảng viên chính thức ở thị xã Sơn Hà).")
        return {"candidates": 0}
    refs = {(i.list_code, i.name): i for i in ReferenceItem.objects.filter(name__in=["Kinh", "Không", "Trung học phổ thông",
                                                                                     "Viên chức", "Người lao động trong doanh nghiệp",
                                                                                     "Học sinh, sinh viên"])}
    used_ids = set(Member.objects.exclude(citizen_id=None).values_list("citizen_id", flat=True))
    names = {"male": list(MALE_NAMES), "female": list(FEMALE_NAMES)}
    counts = {"candidates": 0, "admitted": 0, "recognized": 0}
    for i, p in enumerate(plan(on)):
        cell = _with_quorum(cells, cells[0] if i in (0, 7, 12) else cells[1 + (i % (len(cells) - 1))], p.vote)
        sex = "female" if i % 2 else "male"
        name = names[sex].pop(0)
        born = dt.date(p.vote.year - rng.randint(20, 34), rng.randint(1, 12), rng.randint(1, 28))
        cid = _citizen_id(rng, sex, born)
        while cid in used_ids:
            cid = _citizen_id(rng, sex, born)
        used_ids.add(cid)
        occupation = refs.get(("occupation", rng.choice(["Viên chức", "Người lao động trong doanh nghiệp"])))
        c = services.create_candidate(
            by=SYSTEM, organization=cell, full_name=name, sex=sex, date_of_birth=born, citizen_id=cid,
            home_town=rng.choice(["xã Hải Hà, thị xã Sơn Hà", "phường Bắc Sơn, thị xã Sơn Hà", "xã Đông Ninh, huyện Đông Hà"]),
            place_of_birth="Thanh Hóa", ethnicity=refs.get(("ethnicity", "Kinh")), religion=refs.get(("religion", "Không")),
            general_education=refs.get(("general_education", "Trung học phổ thông")), occupation=occupation,
            workplace=workplace_for(rng, sex), youth_union_date=dt.date(born.year + 15, 3, 26))
        counts["candidates"] += 1
        steps = _steps_until(p.stage)
        if p.note == "rejected":
            steps = _steps_until(Stage.INTRODUCED)
        for step in steps:
            day = p.vote + dt.timedelta(days=OFFSETS[step])
            if step == Step.COMMITTEE_VOTE and not c.needs_committee_vote:
                continue
            if step == Step.CERTIFICATE:  # from the awareness class the candidate passed (dangvu.demo.training)
                c = certify_candidate(c, day, rng)
                continue
            data = _step_data(step, day, c, cell, rng)
            if data is None:
                break
            c = services.record_step(by=SYSTEM, candidate=c, step=step, data=data)
        if p.note == "rejected":
            vote_day = p.vote
            c = services.withdraw(by=SYSTEM, candidate=c, on=vote_day, kind=WithdrawalKind.REJECTED,
                                  reason="Chi bộ xét: số tán thành chưa đạt 2/3 đảng viên chính thức; tiếp tục bồi dưỡng, xem xét sau.")
        if c.member_id:
            counts["admitted"] += 1
            if p.note == "recognized":
                _recognize(c, rng)
                counts["recognized"] += 1
    if log:
        log(f"Người vào Đảng mẫu: {counts['candidates']} người ({counts['admitted']} đã kết nạp, "
            f"{counts['recognized']} đã công nhận chính thức).")
    assert Candidate.objects.count() >= counts["candidates"]
    return counts


def _step_data(step: str, day: dt.date, c, cell, rng: random.Random) -> dict | None:
    from dangvu.admissions import services

    if step == Step.APPLICATION:
        return {"application_date": day}
    if step == Step.BACKGROUND:
        return {"background_statement_date": day}
    if step == Step.VERIFICATION:
        return {"verification_completed_date": day, "verification_note": "Lý lịch khai đúng, đủ; gia đình chấp hành tốt chủ "
                                                                        "trương của Đảng, pháp luật của Nhà nước."}
    if step == Step.INTRODUCERS:
        people = _introducers(cell, day, rng)
        if len(people) < 2:
            return None
        since = day - dt.timedelta(days=rng.randint(500, 2000))
        data = {"introduction_date": day, "introducer_1": people[0], "introducer_1_since": since, "introducer_2": people[1],
                "introducer_2_since": since + dt.timedelta(days=rng.randint(0, 90))}
        return data | _youth_union_introduction(c, cell, day)
    if step == Step.CELL_VOTE:
        full = services.vote_base_on(cell.pk, day)
        return {"cell_meeting_date": day, "full_members": full, "votes_for": full - (1 if full >= 6 else 0),
                "cell_resolution_number": f"{rng.randint(1, 30):02d}-NQ/CB"}
    if step == Step.COMMITTEE_VOTE:
        n = services.committee_members_on(cell, day) or rng.randint(7, 15)
        return {"committee_meeting_date": day, "committee_members": n, "votes_for": n}
    if step == Step.DECISION:
        return {"decision_number": f"{rng.randint(100, 990)}-QĐ/ĐU", "decision_date": day}
    if step == Step.CEREMONY:
        return {"ceremony_date": day}
    raise ValueError(step)


def _recognize(c, rng: random.Random) -> None:
    """Take an admitted candidate's probation to full membership: the cell's vote, the decision."""
    from dangvu.admissions import services

    member = c.member
    p = services.probation_of(member)
    vote_day = p.end + dt.timedelta(days=7)
    full = services.vote_base_on(member.organization_id, vote_day)
    services.record_probation_vote(by=SYSTEM, member=member, meeting_date=vote_day, proposal=VoteProposal.RECOGNIZE,
                                   full_members=full, votes_for=full, resolution_number=f"{rng.randint(1, 30):02d}-NQ/CB")
    services.recognize(by=SYSTEM, member=member, decision_number=f"{rng.randint(100, 990)}-QĐ/ĐU",
                       decision_date=vote_day + dt.timedelta(days=10))
