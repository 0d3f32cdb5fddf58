"""Use cases of Party badges and party cards: the only code that writes this app's tables (and a
member's card number).

Each one: permission first ("awards.change" over the member's cell, refused with
PermissionDeniedInScope), then every rule (all violations at once, rules.py), then one
transaction that writes the rows and the audit entry on the member's record.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.awards import rules
from dangvu.awards.models import BadgeAward, CardExchangeCampaign, CardKind, CardNumber, PartyCard
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import lock_for_update
from dangvu.discipline import selectors as discipline
from dangvu.members import rules as member_rules
from dangvu.members.kinds import IN_PARTY, EventType, Status
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on
from dangvu.rules.regimes import BY_CODE

CHANGE = "awards.change"
CT51_DIRECTIVE = f"Chỉ thị {BY_CODE['ct51'].number} ngày 8/8/2025 của {BY_CODE['ct51'].issuer}"
CT51_DATE = BY_CODE["ct51"].issued  # the one table of regimes (dangvu.rules.regimes, chain "cards")


def _user(by):
    return by if getattr(by, "pk", None) else None


def _require_member(by, member: Member) -> None:
    if not permissions.may_change_member(by, member, CHANGE):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi Huy hiệu Đảng, thẻ đảng viên của {member.full_name}.")


def require_org_change(by, org: Organization) -> None:
    if permissions.is_system_admin(by):
        return
    if not permissions.can(by, CHANGE, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền đổi thẻ đảng viên của “{org.name}”.")


def died_on(member: Member) -> dt.date | None:
    if member.status != Status.DECEASED:
        return None
    return (MembershipEvent.objects.filter(member=member, event_type=EventType.DECEASED)
            .order_by("-effective_date").values_list("effective_date", flat=True).first())


def member_facts(member: Member, on: dt.date | None = None, died: dt.date | None = None) -> rules.MemberFacts:
    """The member as the badge rules see them; `on` is the presentation date (their state then)."""
    status_then, suspended_then = member.status, member.is_suspended
    if on is not None:
        state = MemberState.objects.filter(member=member).valid_on(on).first()
        status_then, suspended_then = (state.status, state.is_suspended) if state else ("", False)
    return rules.MemberFacts(full_name=member.full_name, status=member.status, first_admission=member.first_admission_date,
                             days_outside=member.days_outside or 0, status_then=status_then, suspended_then=suspended_then,
                             died_on=died if died is not None else died_on(member))


def party_age_on(member: Member, on: dt.date, died: dt.date | None = None) -> int:
    """Whole years of party age on `on` (members.rules: from the admission decision, minus time outside)."""
    return member_rules.party_age_years(member.first_admission_date, member.days_outside or 0, on, died)


# ---------------------------------------------------------------- badges

def awarded_milestones(member: Member) -> set[int]:
    return set(BadgeAward.objects.filter(member=member).values_list("milestone", flat=True))


def _as_discipline(penalty) -> rules.Discipline | None:
    return rules.Discipline(penalty.form, penalty.decided_on) if penalty is not None else None


def discipline_facts(member: Member, on: dt.date) -> tuple[rules.Discipline | None, rules.Discipline | None]:
    """(B5) the member's last penalty with a deferral (reprimand, warning, removal from post) announced by `on`,
    and (K8) the penalty in force on `on`, from the discipline register."""
    last = discipline.last_penalty(member, on)
    return (_as_discipline(last) if last is not None and last.form in rules.DEFERRAL_PARAM else None,
            _as_discipline(discipline.penalty_in_force(member, on)))


@audited
def record_award(*, by, member: Member, milestone: int, presentation_on: dt.date, decision_number: str,
                 decision_date: dt.date | None, kind: str = rules.AwardKind.REGULAR, deciding_body: str = "",
                 badge_number: str = "", note: str = "") -> BadgeAward:
    """Record the award of a badge (one per milestone per member), checked against B1–B5 and K8: the penalty in
    force on the presentation date and the last penalty come from the discipline register."""
    member = lock_for_update(member, queryset=Member.objects.select_related("organization"))
    _require_member(by, member)
    decision_number = " ".join((decision_number or "").split())
    v: list[Violation] = []
    if not decision_number:
        v.append(Violation("badge.decision_number", "Số quyết định: bắt buộc nhập.", "decision_number"))
    last, in_force = discipline_facts(member, presentation_on)
    v += rules.check_award(member_facts(member, presentation_on), milestone=milestone, kind=kind, presentation_on=presentation_on,
                           decision_date=decision_date, already_awarded=awarded_milestones(member),
                           params=params_on(presentation_on, member.organization), today=today(), discipline=last,
                           discipline_params=params_on(last.decided_on, member.organization) if last else None,
                           in_force=in_force)
    raise_if(v)
    award = BadgeAward(member=member, milestone=milestone, kind=kind, presentation_on=presentation_on,
                       decision_number=decision_number, decision_date=decision_date, deciding_body=deciding_body.strip(),
                       badge_number=badge_number.strip(), note=note.strip(), organization=member.organization,
                       recorded_by=_user(by), recorded_by_label=audit.actor_label(by))
    try:
        with transaction.atomic():
            award.save()
    except IntegrityError as exc:  # a concurrent award of the same milestone
        raise RuleViolation([Violation("badge.duplicate", f"Mốc huy hiệu: {member.full_name} đã được tặng "
                                       f"{rules.milestone_label(milestone)}; mỗi mốc chỉ tặng một lần.", "milestone",
                                       rules.badge_source(presentation_on))]) from exc
    data = audit.snapshot(award, BadgeAward.AUDIT_FIELDS) | {"award": award.pk}
    if last is not None:
        data |= {"discipline_form": last.form, "discipline_date": last.decided_on}
    audit.record(actor=by, action="awards.badge", obj=member, data=data,
                 note=f"Tặng {rules.milestone_label(milestone)} ({award.get_kind_display().lower()}), quyết định số "
                      f"{decision_number} ngày {vn_date(decision_date)}, trao ngày {vn_date(presentation_on)}")
    return award


@dataclass
class DueRow:
    member: Member
    milestone: int
    reached_on: dt.date
    presentation_on: dt.date  # the presentation date that follows the milestone (B10)
    overdue: bool  # that presentation date is before the one asked for (not awarded in time)
    party_age: int  # whole years on the asked date (at death for a posthumous row)
    posthumous: bool = False
    died_on: dt.date | None = None
    blocked: str = ""  # why it may not be recorded yet (suspension)

    @property
    def kind(self) -> str:
        return rules.AwardKind.POSTHUMOUS if self.posthumous else rules.AwardKind.REGULAR


def due_list(user, on: dt.date, organization: Organization | None = None) -> list[DueRow]:
    """Members visible to `user` (under `organization` if given) with a badge due by `on`.

    In the party today (exempted members included, B6): the highest milestone reached by `on`
    that neither it nor a higher one was awarded. Deceased members who died since the previous
    presentation date (up to `on`): the badge they may be awarded posthumously (B3).
    """
    params = params_on(on)
    base = Member.objects.visible_to(user)
    if organization is not None:
        base = base.in_organization(organization)
    lowest = rules.MILESTONES[0]
    living = (base.filter(status__in=IN_PARTY, first_admission_date__lte=member_rules.add_months(on, -12 * lowest))
              .select_related("organization"))
    previous = rules.previous_presentation_date(on)
    deaths = MembershipEvent.objects.filter(member=OuterRef("pk"), event_type=EventType.DECEASED, effective_date__gt=previous,
                                            effective_date__lte=on)
    horizon = 12 * lowest - params["badges.posthumous_early_months"]
    deceased = (base.filter(status=Status.DECEASED, first_admission_date__lte=member_rules.add_months(on, -horizon))
                .filter(Exists(deaths)).select_related("organization"))
    living, deceased = list(living), list(deceased)
    ids = [m.pk for m in living + deceased]
    awarded: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(ids), 5000):
        for member_id, milestone in BadgeAward.objects.filter(member_id__in=ids[start:start + 5000]).values_list(
                "member_id", "milestone"):
            awarded[member_id].add(milestone)
    rows: list[DueRow] = []
    penalized = discipline.penalties_in_force_on([m.pk for m in living], on)
    for member in living:
        due = rules.due_milestone(member.first_admission_date, member.days_outside or 0, awarded[member.pk], on)
        if due is None:
            continue
        blocked = "Đang bị đình chỉ sinh hoạt đảng: chưa xét tặng." if member.is_suspended else ""
        if member.pk in penalized:
            p = penalized[member.pk]
            blocked = (f"Đang chịu kỷ luật {rules.DISCIPLINE_LABELS.get(p.form, p.form)} (quyết định ngày "
                       f"{vn_date(p.decided_on)}): chưa xét tặng.")
        rows.append(DueRow(member, due.milestone, due.reached_on, due.presentation_on, due.overdue, party_age_on(member, on),
                           blocked=blocked))
    death_dates = dict(MembershipEvent.objects.filter(member_id__in=[m.pk for m in deceased], event_type=EventType.DECEASED)
                       .values_list("member_id", "effective_date"))
    for member in deceased:
        died = death_dates.get(member.pk)
        milestone = rules.posthumous_due(member_facts(member, died=died), awarded[member.pk], params)
        if milestone is None:
            continue
        reached = rules.reach_date(member.first_admission_date, member.days_outside or 0, milestone)
        rows.append(DueRow(member, milestone, reached, rules.next_presentation_date(reached), False,
                           party_age_on(member, died, died), posthumous=True, died_on=died))
    rows.sort(key=lambda r: (r.member.organization.path if r.member.organization else "", r.member.name_key, r.member.pk))
    return rows


# ---------------------------------------------------------------- party cards

def _number_owner(number: str) -> int | None:
    owner = CardNumber.objects.filter(number=number).values_list("member_id", flat=True).first()
    if owner is None:
        owner = Member.objects.filter(party_card_number=number).values_list("pk", flat=True).first()
    return owner


def _taken(number: str, member: Member) -> Violation | None:
    owner = _number_owner(number) if number else None
    if owner is not None and owner != member.pk:
        return Violation("card.number_taken", f"Số thẻ: {number} đã cấp cho một đảng viên khác; mỗi số thẻ chỉ thuộc về "
                         "một đảng viên.", "number", rules.SOURCE_CARD)
    return None


def _claim(number: str, member: Member) -> None:
    """Register `number` as the member's for ever; refuse it if another member holds it."""
    try:
        with transaction.atomic():
            claimed, _created = CardNumber.objects.get_or_create(number=number, defaults={"member": member})
    except IntegrityError:
        claimed = CardNumber.objects.get(number=number)
    if claimed.member_id != member.pk:
        raise RuleViolation([_taken(number, member) or Violation("card.number_taken", f"Số thẻ: {number} đã được cấp.",
                                                                  "number")])


def _already_issued(member: Member, number: str, kind: str, issued_on: dt.date) -> Violation:
    return Violation("card.already_recorded", f"Số thẻ: {CardKind(kind).label.lower()} số {number} ngày {vn_date(issued_on)} "
                     f"cho {member.full_name} đã được ghi; không ghi lần nữa.", "number", rules.SOURCE_CARD)


def _write_card(*, by, member: Member, number: str, kind: str, issued_on: dt.date, decision_number: str,
                decision_date: dt.date | None, reason: str, campaign: CardExchangeCampaign | None = None,
                previous: str | None = None, follow: bool = True) -> PartyCard:
    """`previous`: the card held before this one (default: the member's number); `follow`: the member's number
    becomes this card's (not when a later card is already recorded: a past issue copied from a register)."""
    member = lock_for_update(member, queryset=Member.objects.select_related("organization"))
    previous = (member.party_card_number or "") if previous is None else previous
    if previous:
        try:
            with transaction.atomic():
                CardNumber.objects.get_or_create(number=previous, defaults={"member": member})
        except IntegrityError:
            pass
    _claim(number, member)
    try:
        with transaction.atomic():
            card = PartyCard.objects.create(
                member=member, number=number, kind=kind, issued_on=issued_on, decision_number=decision_number,
                decision_date=decision_date, reason=reason, previous_number=previous, campaign=campaign,
                organization=member.organization, recorded_by=_user(by), recorded_by_label=audit.actor_label(by))
    except IntegrityError as exc:  # the same issue sent twice at once (pcard_issued_once)
        raise RuleViolation([_already_issued(member, number, kind, issued_on)]) from exc
    before_number = member.party_card_number or None
    if follow:
        member.party_card_number = number
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError as exc:
            raise RuleViolation([_taken(number, member) or Violation("card.number_taken", f"Số thẻ: {number} đã được cấp.",
                                                                      "number")]) from exc
    audit.record(actor=by, action="awards.card", obj=member, before={"party_card_number": before_number},
                 after={"party_card_number": member.party_card_number or None},
                 data=audit.snapshot(card, PartyCard.AUDIT_FIELDS) | {"card": card.pk, "campaign": campaign.pk if campaign else None},
                 note=f"{card.get_kind_display()}: thẻ số {number}, ngày cấp {vn_date(issued_on)}"
                      + (f", quyết định số {decision_number}" if decision_number else "")
                      + (f". Lý do: {reason}" if reason else ""))
    return card


@audited
def issue_card(*, by, member: Member, number: str, kind: str, issued_on: dt.date, decision_number: str = "",
               decision_date: dt.date | None = None, reason: str = "", history: bool = False) -> PartyCard:
    """Issue, reissue (lost), replace (damaged) or exchange one member's card; the member's card
    number follows. A number belongs to one member for ever.

    `history`: a past issue copied from a register (the import of the card history, after the member's row
    that already carries today's number): the card held before it is the last card recorded on or before
    `issued_on` (none: this is the first), and the member's number follows only when no later card is recorded."""
    member = lock_for_update(member, queryset=Member.objects.select_related("organization"))
    _require_member(by, member)
    number = (number or "").strip()
    reason = (reason or "").strip()
    decision_number = " ".join((decision_number or "").split())
    current, previous, follow, status = member.party_card_number, None, True, member.status
    if history:  # the member as they were on the issue date (a member since deceased had cards)
        state = MemberState.objects.filter(member=member).valid_on(issued_on).first()
        status = state.status if state else ""
        cards = PartyCard.objects.filter(member=member).order_by("issued_on", "id")
        current = previous = (cards.filter(issued_on__lte=issued_on).values_list("number", flat=True).last() or "")
        follow = not cards.filter(issued_on__gt=issued_on).exists()
    v = rules.check_card(full_name=member.full_name, status=status, recognition_date=member.recognition_date,
                         current_number=current, number=number, kind=kind, issued_on=issued_on,
                         reason=reason, today=today())
    if decision_date is not None and decision_date > today():
        v.append(Violation("card.decision_future", "Ngày quyết định: không thể sau ngày hôm nay.", "decision_date"))
    if decision_date is not None and issued_on < decision_date:
        v.append(Violation("card.before_decision", f"Ngày cấp thẻ ({vn_date(issued_on)}) không thể trước ngày quyết định "
                           f"({vn_date(decision_date)}).", "issued_on"))
    if not any(x.field == "number" for x in v) and (taken := _taken(number, member)):
        v.append(taken)
    if kind in CardKind.values and PartyCard.objects.filter(member=member, number=number, kind=kind, issued_on=issued_on).exists():
        v = [_already_issued(member, number, kind, issued_on)]  # a repeat: that is the whole answer
    raise_if(v)
    return _write_card(by=by, member=member, number=number, kind=kind, issued_on=issued_on, decision_number=decision_number,
                       decision_date=decision_date, reason=reason, previous=previous, follow=follow)


@dataclass
class ExchangeRow:
    member: Member
    old_number: str
    new_number: str
    problem: str = ""


def exchange_candidates(organization: Organization, directive_date: dt.date):
    """Full members under `organization` who hold a card and were not yet exchanged since the directive."""
    done = PartyCard.objects.filter(member=OuterRef("pk"), kind=CardKind.EXCHANGE, issued_on__gte=directive_date)
    return (Member.objects.in_organization(organization).filter(status=Status.FULL, party_card_number__isnull=False)
            .exclude(party_card_number="").exclude(Exists(done)).select_related("organization").order_by("name_key", "pk"))


def plan_exchange(*, organization: Organization, numbering: str, start_number: str, issued_on: dt.date,
                  directive_date: dt.date) -> tuple[list[ExchangeRow], list[Violation]]:
    """The members an exchange would cover and the new number of each, with every problem found."""
    members = list(exchange_candidates(organization, directive_date))
    v: list[Violation] = []
    if numbering == CardExchangeCampaign.NUMBERING_CITIZEN_ID:
        numbers = [m.citizen_id or "" for m in members]
    elif numbering == CardExchangeCampaign.NUMBERING_SEQUENCE:
        start_number = (start_number or "").strip()
        if not start_number or member_rules.check_party_card(start_number):
            v.append(Violation("card.start_number", "Số bắt đầu: 8 hoặc 12 chữ số.", "start_number", "CT 51-CT/TW"))
            numbers = ["" for _ in members]
        else:
            numbers = rules.sequence_numbers(start_number, len(members))
            if numbers and len(numbers[-1]) != len(start_number):
                v.append(Violation("card.start_number_overflow", f"Số bắt đầu: {len(members)} số liên tiếp từ {start_number} "
                                   "vượt quá độ dài số thẻ.", "start_number"))
    else:
        return [], [Violation("card.numbering", "Cách đánh số: chọn theo CCCD hoặc số liên tiếp.", "numbering")]
    rows = []
    seen: dict[str, str] = {}
    for member, number in zip(members, numbers, strict=True):
        row = ExchangeRow(member, member.party_card_number or "", number)
        if not number:
            row.problem = "Chưa có số CCCD trong hồ sơ." if numbering == CardExchangeCampaign.NUMBERING_CITIZEN_ID else ""
        elif member_rules.check_party_card(number):
            row.problem = "Số thẻ mới không đúng dạng (8 hoặc 12 chữ số)."
        elif number == row.old_number:
            row.problem = "Số thẻ mới trùng số thẻ đang dùng."
        elif number in seen:
            row.problem = f"Số thẻ mới trùng với số của {seen[number]}."
        elif _taken(number, member):
            row.problem = f"Số {number} đã cấp cho một đảng viên khác."
        if member.recognition_date and issued_on < member.recognition_date:
            row.problem = row.problem or "Ngày cấp thẻ trước ngày công nhận chính thức."
        if number:
            seen[number] = member.full_name
        rows.append(row)
    if not members:
        v.append(Violation("card.exchange_empty", f"“{organization.name}” không còn đảng viên chính thức nào có thẻ cần đổi.",
                           "organization", rules.SOURCE_EXCHANGE))
    problems = [r for r in rows if r.problem]
    if problems:
        listed = "; ".join(f"{r.member.full_name}: {r.problem}" for r in problems[:10])
        more = f" (và {len(problems) - 10} người khác)" if len(problems) > 10 else ""
        v.append(Violation("card.exchange_problems", f"Chưa đổi được thẻ cho {len(problems)} đảng viên — {listed}{more}. "
                           "Sửa hồ sơ hoặc chọn cách đánh số khác rồi làm lại; chưa thẻ nào được đổi.", "numbering",
                           rules.SOURCE_EXCHANGE))
    return rows, v


@audited
def exchange_cards(*, by, organization: Organization, name: str, issued_on: dt.date, decision_number: str,
                   decision_date: dt.date | None, numbering: str, start_number: str = "",
                   directive: str = CT51_DIRECTIVE, directive_date: dt.date = CT51_DATE) -> CardExchangeCampaign:
    """Exchange the cards of every full member under `organization` (CT 51-CT/TW): each gets a
    card with a new number, recorded one by one. All or nothing."""
    require_org_change(by, organization)
    name = " ".join((name or "").split())
    decision_number = " ".join((decision_number or "").split())
    v: list[Violation] = []
    if not name:
        v.append(Violation("card.campaign_name", "Tên đợt: bắt buộc nhập.", "name"))
    if not decision_number:
        v.append(Violation("card.decision_number", "Số quyết định: bắt buộc nhập.", "decision_number"))
    if decision_date is None:
        v.append(Violation("card.decision_date", "Ngày quyết định: bắt buộc nhập.", "decision_date"))
    elif decision_date > today():
        v.append(Violation("card.decision_future", "Ngày quyết định: không thể sau ngày hôm nay.", "decision_date"))
    elif issued_on < decision_date:
        v.append(Violation("card.before_decision", f"Ngày cấp thẻ ({vn_date(issued_on)}) không thể trước ngày quyết định "
                           f"({vn_date(decision_date)}).", "issued_on"))
    if issued_on > today():
        v.append(Violation("card.future", "Ngày cấp thẻ: không thể sau ngày hôm nay.", "issued_on"))
    if issued_on < directive_date:
        v.append(Violation("card.before_directive", f"Ngày cấp thẻ: đợt đổi thẻ theo {directive} bắt đầu từ "
                           f"{vn_date(directive_date)}.", "issued_on", rules.SOURCE_EXCHANGE))
    raise_if(v)
    # Lock the members first, then plan: nobody changes a card number between the plan and the write.
    list(exchange_candidates(organization, directive_date).select_for_update(of=("self",)).values_list("pk", flat=True))
    rows, v = plan_exchange(organization=organization, numbering=numbering, start_number=start_number, issued_on=issued_on,
                            directive_date=directive_date)
    raise_if(v)
    campaign = CardExchangeCampaign.objects.create(
        organization=organization, name=name, directive=directive, directive_date=directive_date, issued_on=issued_on,
        decision_number=decision_number, decision_date=decision_date, numbering=numbering, start_number=start_number or "",
        created_by=_user(by), created_by_label=audit.actor_label(by))
    for row in rows:
        _write_card(by=by, member=row.member, number=row.new_number, kind=CardKind.EXCHANGE, issued_on=issued_on,
                    decision_number=decision_number, decision_date=decision_date, reason=name, campaign=campaign)
    campaign.card_count = len(rows)
    campaign.save(update_fields=["card_count"])
    audit.record(actor=by, action="awards.exchange", obj=organization,
                 data={"campaign": campaign.pk, "cards": len(rows), "numbering": numbering, "decision_number": decision_number,
                       "decision_date": decision_date, "issued_on": issued_on},
                 note=f"Đổi thẻ đảng viên theo đợt “{name}”: {len(rows)} thẻ, ngày cấp {vn_date(issued_on)}")
    return campaign
