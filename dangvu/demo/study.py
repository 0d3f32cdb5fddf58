"""Demo resolution study: four waves of study of real central documents of 2021–2025 across thị xã Sơn Hà (each
grassroots organization of the district on the day holds a session for its subtree), participation in the high
nineties, make-ups for about half of the absent, and follow-up plans (57-NQ/TW done; 68-NQ/TW due soon: to-do).
Written through the services with `by=SYSTEM` after the register exists (one expected-members query and one bulk
insert of attendance per session)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.accounts.system import SYSTEM

D = dt.date
DISTRICT_CODE = "38.168"  # thị xã Sơn Hà
# (numbers covered, day, form)
WAVES = [(("21-KL/TW", "37-QĐ/TW"), D(2021, 12, 14), "in_person"), (("27-NQ/TW",), D(2023, 1, 12), "combined"),
         (("57-NQ/TW",), D(2025, 2, 18), "combined"), (("66-NQ/TW", "68-NQ/TW"), D(2025, 6, 10), "online")]
REASONS = ("Ốm", "Đi công tác", "Việc gia đình", "Nằm viện")


@dataclass
class StudyResult:
    sessions: int = 0
    expected: int = 0
    absent: int = 0
    made_up: int = 0
    plans: int = 0

    def summary_lines(self) -> list[str]:
        if not self.sessions:
            return []
        return [f"Học tập nghị quyết: {self.sessions} buổi, {self.expected} lượt đảng viên phải học, {self.absent} lượt vắng, "
                f"{self.made_up} lượt học bù; {self.plans} kế hoạch, chương trình hành động."]


def seed_study(rng: random.Random, log=None) -> StudyResult:
    from dangvu.core.dates import today
    from dangvu.organizations.kinds import GRASSROOTS_KINDS
    from dangvu.organizations.models import Organization
    from dangvu.organizations.tree import subtree_ids_on
    from dangvu.study import selectors, services
    from dangvu.study.models import StudyDocument

    result = StudyResult()
    district = Organization.objects.filter(code=DISTRICT_CODE).first()
    if district is None:
        return result
    on = today()
    docs = {d.number: d for d in StudyDocument.objects.all()}
    first_sessions = []
    for numbers, day, form in WAVES:
        if day > on or not all(n in docs for n in numbers):
            continue
        organizers = Organization.objects.filter(pk__in=subtree_ids_on(district, day), kind__in=GRASSROOTS_KINDS,
                                                 established_on__lte=day).order_by("path")
        for org in organizers:
            expected = [mid for mid, _org in selectors.expected(org, day)]
            if not expected:
                continue
            session = services.schedule_session(by=SYSTEM, organization=org, date=day, documents=[docs[n] for n in numbers],
                                                form=form, place=f"Hội trường {org.short_name or org.name}")
            absent = {mid: rng.choice(REASONS) for mid in expected if rng.random() < 0.025}
            services.record_attendance(by=SYSTEM, session=session, absent=absent)
            made_up = sorted(mid for mid in absent if rng.random() < 0.5)
            if made_up:
                services.record_makeup(by=SYSTEM, session=session, date=day + dt.timedelta(days=rng.choice((7, 10, 14))),
                                       members=made_up)
            result.sessions += 1
            result.expected += len(expected)
            result.absent += len(absent)
            result.made_up += len(made_up)
            if numbers == ("57-NQ/TW",):
                first_sessions.append(org)
    for index, org in enumerate(first_sessions[:3]):
        plan = services.add_plan(by=SYSTEM, document=docs["57-NQ/TW"], organization=org, kind="programme",
                                 title="Chương trình hành động thực hiện Nghị quyết 57-NQ/TW", due_on=D(2025, 3, 31))
        services.set_plan_status(by=SYSTEM, plan=plan, status="done", done_on=D(2025, 3, 25 + index))
        result.plans += 1
    if first_sessions and "68-NQ/TW" in docs:
        services.add_plan(by=SYSTEM, document=docs["68-NQ/TW"], organization=first_sessions[0], kind="plan",
                          title="Kế hoạch sơ kết việc thực hiện Nghị quyết 68-NQ/TW", due_on=on + dt.timedelta(days=10))
        result.plans += 1
    if log is not None:
        for line in result.summary_lines():
            log(f"  … {line}")
    return result
