"""Demo data of Party badges and party cards, written through the services only.

`seed_awards(rng, log=None)` runs after the demo members exist (seed_demo calls it inside its
transaction). For the members of the demo register it records:
- the badges of the milestones they reached in the party, presented at the presentation date that
  followed (3/2, 19/5, 2/9, 7/11), for everyone up to the last presentation date before today, where a
  few are left unrecorded (as a real register that has not caught up yet: they show as "chậm" on the
  badges-due page and in the to-do list, as of the last presentation date, not since 2017); the next
  presentation date is left to the user;
- a first card for about half of the full members without a card number, a reissue for a lost
  card and a replacement of a damaged card for a handful of members.
Deterministic for a given generator state.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.accounts.system import SYSTEM
from dangvu.awards import rules

DECIDING_BODY = "Ban Thường vụ Thị ủy Sơn Hà"
LOST_REASONS = ["Mất thẻ trong đợt lũ tháng 10/2024", "Thất lạc khi chuyển nhà", "Bị mất ví có thẻ đảng viên"]
DAMAGED_REASONS = ["Thẻ bị rách, mờ ảnh", "Thẻ bị ngấm nước, không đọc được"]


@dataclass
class AwardsResult:
    badges: int
    cards: int

    def summary_lines(self) -> list[str]:
        return [f"Huy hiệu Đảng mẫu: {self.badges} lần tặng; thẻ đảng viên mẫu: {self.cards} lần cấp."]


def seed_awards(rng: random.Random, log=None) -> AwardsResult:
    from dangvu.awards import services
    from dangvu.core.dates import today
    from dangvu.members.kinds import IN_PARTY, Status
    from dangvu.members.models import Member, MemberState

    on = today()
    last = rules.previous_presentation_date(on)
    numbers: dict[tuple[int, int], int] = {}
    badges = cards = 0
    members = list(Member.objects.filter(first_admission_date__isnull=False,
                                         first_admission_date__lte=rules.member_rules.add_months(last, -12 * rules.MILESTONES[0]))
                   .select_related("organization").order_by("pk"))
    states: dict[int, list] = {}
    for state in MemberState.objects.filter(member__in=[m.pk for m in members]).order_by("member_id", "valid_from"):
        states.setdefault(state.member_id, []).append(state)
    for member in members:
        for milestone in rules.MILESTONES:
            reached = rules.reach_date(member.first_admission_date, member.days_outside or 0, milestone)
            presentation = rules.next_presentation_date(reached)
            if presentation > last:
                break
            if not _in_party_on(states.get(member.pk, []), presentation, IN_PARTY) or (presentation == last
                                                                                       and rng.random() < 0.2):
                continue
            decided = presentation - dt.timedelta(days=rng.randint(8, 25))
            key = (presentation.year, presentation.month)
            numbers[key] = numbers.get(key, rng.randint(20, 300)) + 1
            services.record_award(by=SYSTEM, member=member, milestone=milestone, presentation_on=presentation,
                                  decision_number=f"{numbers[key]}-QĐ/TU", decision_date=decided,
                                  deciding_body=DECIDING_BODY, badge_number=f"{rng.randint(100000, 999999)}")
            badges += 1
        if log is not None and badges and badges % 500 == 0:
            log(f"  … {badges} lần tặng Huy hiệu")
    taken = set(Member.objects.exclude(party_card_number=None).values_list("party_card_number", flat=True))

    def new_number() -> str:
        while True:
            number = f"{rng.randint(10_000_000, 99_999_999)}"
            if number not in taken:
                taken.add(number)
                return number

    full = list(Member.objects.filter(status=Status.FULL).order_by("pk"))
    for member in full:
        recognized = member.recognition_date or member.first_admission_date
        if recognized is None or recognized >= on:
            continue
        issued = min(recognized + dt.timedelta(days=rng.randint(60, 240)), on - dt.timedelta(days=1))
        if not member.party_card_number:
            if rng.random() < 0.5:
                services.issue_card(by=SYSTEM, member=member, number=new_number(), kind=rules.CardKind.ISSUE, issued_on=issued,
                                    decision_number=f"{rng.randint(100, 999)}-QĐ/TU", decision_date=issued)
                cards += 1
        elif rng.random() < 0.01:
            lost = rng.random() < 0.6
            when = on - dt.timedelta(days=rng.randint(30, 700))
            if when < recognized:
                continue
            services.issue_card(by=SYSTEM, member=member, number=new_number(),
                                kind=rules.CardKind.REISSUE_LOST if lost else rules.CardKind.REPLACE_DAMAGED, issued_on=when,
                                decision_number=f"{rng.randint(100, 999)}-QĐ/TU", decision_date=when,
                                reason=rng.choice(LOST_REASONS if lost else DAMAGED_REASONS))
            cards += 1
    result = AwardsResult(badges, cards)
    if log is not None:
        for line in result.summary_lines():
            log(line)
    return result


def _in_party_on(states, on: dt.date, in_party) -> bool:
    return any(s.valid_from <= on and (s.valid_to is None or s.valid_to > on) and s.status in in_party and not s.is_suspended
               for s in states)
