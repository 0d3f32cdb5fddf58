"""Figures of the member register (dangvu.core.figures): stocks on a date and flows over a period.

Stocks count members **in the party** (probationary or full) whose home organization (nơi sinh hoạt
chính thức) lay in the subtree on the date, from the state intervals: a member on temporary transfer
elsewhere counts at home, a member hosted here temporarily does not (domain-rules T6).
The make-up figures (sex, ethnicity, religion, education…) read the member's record as it is now:
the register keeps no dated history of those fields.

Reorganization: when the tree changes (a merger, a move under another parent, the 1/7/2025 commune
reform) members move between subtrees with their organization, without a member event. The flows
`members.reorganized_in` / `members.reorganized_out` count them, so that for every organization and
period: total_start + admitted + readmitted + transferred_in + reorganized_in − transferred_out −
reorganized_out − deceased − struck_off − expelled − left = total (tests/statistics/test_balance.py).
"""

import datetime as dt

from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThan

from dangvu.core.figures import FLOW, STOCK, Base, Figure, Window, family
from dangvu.core.lookups import DaysUntil
from dangvu.members.kinds import ENDING_EVENTS, IN_PARTY, EventType, Sex, Status
from dangvu.members.models import MembershipEvent, MemberState
from dangvu.members.rules import party_age_years
from dangvu.organizations.kinds import UnitType
from dangvu.organizations.models import OrganizationVersion
from dangvu.organizations.tree import subtree_ids_on, versions_over, within_subtree_q
from dangvu.references import data as lists

ENDING_EVENT_TYPES = sorted(ENDING_EVENTS)
MEMBER = "members.Member"
S_TOTAL = "Đảng viên"
S_FLOWS = "Biến động đảng viên trong kỳ"


def in_party_on(window: Window, on: dt.date):
    return (MemberState.objects.valid_on(on)
            .filter(status__in=IN_PARTY, organization_id__in=subtree_ids_on(window.organization, on)))


def events_in(window: Window):
    """Membership events of the period at an organization that lay in the subtree on the event's date.

    The organization of an event (`at_organization`) is where the member is afterwards for an entering
    event (admission, transfer in), where the member was for an ending one (death, striking off,
    transfer out: `from_organization`), and the member's home on the day for the others (recognition).
    """
    home = MemberState.objects.valid_on(OuterRef("effective_date")).filter(member_id=OuterRef("member_id"))
    return (MembershipEvent.objects
            .annotate(at_organization=Coalesce("organization_id", "from_organization_id",
                                               Subquery(home.values("organization_id")[:1])))
            .filter(within(window, "at_organization")))


def events_from(window: Window):
    """Membership events of the period leaving an organization that lay in the subtree on the event's date."""
    return MembershipEvent.objects.filter(within(window, "from_organization_id", day_before=True))


def within(window: Window, org_field: str, *, day_before: bool = False) -> Q:
    return within_subtree_q(window.organization, window.start, window.end, org_field=org_field,
                            date_field="effective_date", day_before=day_before)


def from_outside(window: Window) -> Q:
    """A transfer into the subtree: from outside the register, or from an organization outside the subtree."""
    return (Q(event_type=EventType.TRANSFERRED_IN)
            | (Q(event_type=EventType.TRANSFERRED_INTERNAL) & ~within(window, "from_organization_id", day_before=True)))


def to_outside(window: Window) -> Q:
    """A transfer out of the subtree (the rows of `events_from`): out of the register, or to an
    organization outside the subtree."""
    return (Q(event_type=EventType.TRANSFERRED_OUT)
            | (Q(event_type=EventType.TRANSFERRED_INTERNAL) & ~within(window, "organization_id")))


# For the summary of the flows (dangvu.statistics.summaries): the flow bases whose rows are placed at an
# organization (field) as the tree stood on the row's day (field), or on the day before it (True) — what each
# base's `within(...)` reads — and the figures whose condition reads the window only to tell whether the other
# organization of a transfer lay outside the subtree: (always counted, counted when the other organization —
# field, on the day before or not — lay outside), the two halves of `from_outside` / `to_outside`.
SUMMARY_FLOWS = {
    "members.events": ("at_organization", "effective_date", False),
    "members.events_from": ("from_organization_id", "effective_date", True),
    "members.events_home": ("home_organization", "effective_date", False),
}
SUMMARY_CROSSINGS = {
    "members.transferred_in": (Q(event_type=EventType.TRANSFERRED_IN), Q(event_type=EventType.TRANSFERRED_INTERNAL),
                               "from_organization_id", True),
    "members.transferred_out": (Q(event_type=EventType.TRANSFERRED_OUT), Q(event_type=EventType.TRANSFERRED_INTERNAL),
                                "organization_id", False),
}


def events_home(window: Window):
    """Membership events of the period placed at the member's home organization on the event's date
    (a temporary transfer out is counted where the member belongs, not where they go)."""
    home = MemberState.objects.valid_on(OuterRef("effective_date")).filter(member_id=OuterRef("member_id"))
    return (MembershipEvent.objects.annotate(home_organization=Subquery(home.values("organization_id")[:1]))
            .filter(within(window, "home_organization")))


def _inside(roots, day_field: str, *, day_before: bool) -> Q:
    """Organization versions whose path lay under one of the window organization's `roots` versions on
    the day `day_field` (`day_before`: on the day before it)."""
    q = Q(pk__in=[])
    for root in roots:
        c = Q(path__tree_prefix=root.path)
        if day_before:  # root valid on day − 1: valid_from < day <= valid_to
            c &= Q(**{f"{day_field}__gt": root.valid_from})
            if root.valid_to is not None:
                c &= Q(**{f"{day_field}__lte": root.valid_to})
        else:
            c &= Q(**{f"{day_field}__gte": root.valid_from})
            if root.valid_to is not None:
                c &= Q(**{f"{day_field}__lt": root.valid_to})
        q |= c
    return q


FAR = dt.date(9999, 12, 31)


def reorganized(window: Window, *, entering: bool):
    """Members moved into (`entering`) or out of the subtree on a day D of the period by a change of
    the tree (a merger, a move, the 1/7/2025 reform), without a member event: in the party on D − 1
    and on D in the same organization, whose version starting on D lies inside the subtree and whose
    version ending on D lay outside it the day before (entering), or the reverse (leaving).

    Set-based: the member states valid on D joined (EXISTS) with the organization versions that start
    in the period. A member whose state also changes on D (a recognition that day) is followed through
    the state that ends on D in the same organization; one whose organization changes on D (a transfer)
    is counted by the transfer event instead.
    """
    org = window.organization
    roots = versions_over(org, window.start, window.end)
    previous = OrganizationVersion.objects.filter(organization=OuterRef("organization_id"), valid_to=OuterRef("valid_from"))
    if entering:
        changed = _inside(roots, "valid_from", day_before=False) & Q(Exists(
            previous.exclude(_inside(roots, "valid_to", day_before=True))))
    else:
        changed = ~_inside(roots, "valid_from", day_before=False) & Q(Exists(
            previous.filter(_inside(roots, "valid_to", day_before=True))))
    starting = (OrganizationVersion.objects
                .filter(organization=OuterRef("organization_id"), valid_from__gte=window.start, valid_from__lte=window.end,
                        valid_from__lt=Coalesce(OuterRef("valid_to"), Value(FAR)))
                .filter(changed))
    continued = MemberState.objects.filter(member_id=OuterRef("member_id"), organization_id=OuterRef("organization_id"),
                                           valid_to=OuterRef("valid_from"), status__in=IN_PARTY)
    changed_orgs = (OrganizationVersion.objects.filter(valid_from__gte=window.start, valid_from__lte=window.end)
                    .order_by().values("organization_id"))
    return MemberState.objects.filter(
        status__in=IN_PARTY, valid_from__lte=window.end, organization_id__in=changed_orgs).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=window.start)).filter(
        Q(Exists(starting.filter(valid_from__gt=OuterRef("valid_from"))))
        | (Q(Exists(continued)) & Q(Exists(starting.filter(valid_from=OuterRef("valid_from"))))))


BASES = [
    Base("members.state_end", STOCK, MEMBER, lambda w: in_party_on(w, w.end), key="member_id"),
    Base("members.state_start", STOCK, MEMBER, lambda w: in_party_on(w, w.before_start), key="member_id"),
    Base("members.events", FLOW, MEMBER, events_in, key="member_id", distinct=True),
    Base("members.events_from", FLOW, MEMBER, events_from, key="member_id", distinct=True),
    Base("members.events_home", FLOW, MEMBER, events_home, key="member_id", distinct=True),
    Base("members.reorganized_in", FLOW, MEMBER, lambda w: reorganized(w, entering=True), key="member_id", distinct=True),
    Base("members.reorganized_out", FLOW, MEMBER, lambda w: reorganized(w, entering=False), key="member_id",
         distinct=True),
]


def age_between(low: int | None, high: int | None):
    """Members aged `low`..`high` (whole years, both included) on the window's end date."""
    def where(window: Window) -> Q:
        on = window.end
        q = Q()
        if high is not None:  # born after the day they would have turned high + 1
            q &= Q(member__date_of_birth__gt=_years_before(on, high + 1))
        if low is not None:
            q &= Q(member__date_of_birth__lte=_years_before(on, low))
        return q
    return where


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29/02
        return on.replace(year=on.year - years, day=28)


def latest_admission_for(on: dt.date, years: int) -> dt.date:
    """The latest party-age start (admission decision date shifted by the time outside the party) at
    which a member's party age on `on` is at least `years`, by the register's one measure of party age
    (`rules.party_age_years`; party age grows with the start moving earlier)."""
    bound = _years_before(on, years)
    while party_age_years(bound + dt.timedelta(days=1), 0, on) >= years:
        bound += dt.timedelta(days=1)
    while party_age_years(bound, 0, on) < years:
        bound -= dt.timedelta(days=1)
    return bound


def party_age_between(low: int | None, high: int | None):
    """Members whose party age on the window's end date is `low`..`high` whole years (both included),
    as `rules.party_age_years` gives it: counted from the first admission decision, less the time outside
    the party (`days_outside`, re-admitted members). "Party age ≥ n" is "admission + days outside ≤ the
    latest start for n", written as "days from the admission to that start ≥ days outside"."""
    def where(window: Window) -> Q:
        on = window.end
        q = Q(member__first_admission_date__isnull=False)
        if high is not None:
            q &= Q(LessThan(DaysUntil("member__first_admission_date", latest_admission_for(on, high + 1)),
                            F("member__days_outside")))
        if low is not None:
            q &= Q(GreaterThanOrEqual(DaysUntil("member__first_admission_date", latest_admission_for(on, low)),
                                      F("member__days_outside")))
        return q
    return where


PARTY_AGE_BANDS = [("under_10", "dưới 10 năm", None, 9), ("10_19", "từ 10 đến dưới 20 năm", 10, 19),
                   ("20_29", "từ 20 đến dưới 30 năm", 20, 29), ("30_39", "từ 30 đến dưới 40 năm", 30, 39),
                   ("40_49", "từ 40 đến dưới 50 năm", 40, 49), ("50_over", "từ 50 năm trở lên", 50, None)]


def away_on_temporary_transfer(window: Window) -> Q:
    """The member's last temporary transfer out on or before the end date has no return (nor an ending
    event) after it up to that date: read from the events, since a temporary transfer to a place outside
    the register leaves no host organization in the state. An uncorrelated IN (the members away are read
    once, not once per state row)."""
    closing = MembershipEvent.objects.filter(
        member_id=OuterRef("member_id"), effective_date__gt=OuterRef("effective_date"), effective_date__lte=window.end,
        event_type__in=[EventType.TEMPORARY_RETURN, *ENDING_EVENT_TYPES])
    away = MembershipEvent.objects.filter(event_type=EventType.TEMPORARY_OUT,
                                          effective_date__lte=window.end).filter(~Exists(closing))
    return Q(member_id__in=away.values("member_id"))


def _items(rows):
    return [(code, name) for code, name, *_rest in rows]


AGE_BANDS = [("to_30", "đến 30 tuổi", None, 30), ("31_40", "từ 31 đến 40 tuổi", 31, 40),
             ("41_50", "từ 41 đến 50 tuổi", 41, 50), ("51_60", "từ 51 đến 60 tuổi", 51, 60),
             ("61_70", "từ 61 đến 70 tuổi", 61, 70), ("over_70", "trên 70 tuổi", 71, None)]

FIGURES = [
    Figure("members.total", "Tổng số đảng viên", "Đảng viên (dự bị và chính thức) có nơi sinh hoạt chính thức trong "
           "tổ chức hoặc các tổ chức trực thuộc vào ngày cuối kỳ.", "members.state_end", section=S_TOTAL),
    Figure("members.full", "Đảng viên chính thức", "Đảng viên chính thức vào ngày cuối kỳ.", "members.state_end",
           where=Q(status=Status.FULL), denominator="members.total", section=S_TOTAL),
    Figure("members.probationary", "Đảng viên dự bị", "Đảng viên dự bị vào ngày cuối kỳ.", "members.state_end",
           where=Q(status=Status.PROBATIONARY), denominator="members.total", section=S_TOTAL),
    Figure("members.exempted", "Đảng viên được miễn công tác và sinh hoạt đảng",
           "Đảng viên đang được miễn công tác và sinh hoạt đảng vào ngày cuối kỳ.", "members.state_end",
           where=Q(is_exempted=True), denominator="members.total", section=S_TOTAL),
    Figure("members.total_start", "Đảng viên đầu kỳ", "Đảng viên (dự bị và chính thức) của tổ chức vào ngày trước "
           "ngày đầu kỳ.", "members.state_start", section=S_FLOWS),
    Figure("members.admitted", "Kết nạp đảng viên mới", "Quyết định kết nạp có hiệu lực trong kỳ, tại chi bộ thuộc tổ "
           "chức vào ngày kết nạp.", "members.events", where=Q(event_type=EventType.ADMITTED), section=S_FLOWS),
    Figure("members.admitted.female", "Kết nạp đảng viên nữ", "Đảng viên mới kết nạp trong kỳ là nữ.",
           "members.events", where=Q(event_type=EventType.ADMITTED, member__sex=Sex.FEMALE),
           denominator="members.admitted", section=S_FLOWS),
    Figure("members.admitted.religious", "Kết nạp đảng viên là người có đạo", "Đảng viên mới kết nạp trong kỳ có "
           "tôn giáo (khác “Không”).", "members.events",
           where=Q(event_type=EventType.ADMITTED, member__religion__isnull=False) & ~Q(member__religion__code="00"),
           denominator="members.admitted", section=S_FLOWS),
    Figure("members.admitted.non_state_enterprise", "Kết nạp đảng viên trong doanh nghiệp ngoài nhà nước",
           "Đảng viên mới kết nạp trong kỳ tại chi bộ, đảng bộ của doanh nghiệp ngoài nhà nước (loại hình đơn vị "
           "của tổ chức kết nạp vào ngày kết nạp).", "members.events",
           where=Q(event_type=EventType.ADMITTED) & Q(Exists(OrganizationVersion.objects.valid_on(
               OuterRef("effective_date")).filter(organization_id=OuterRef("organization_id"),
                                                   unit_type=UnitType.NON_STATE_ENTERPRISE))),
           denominator="members.admitted", section=S_FLOWS),
    Figure("members.readmitted", "Kết nạp lại", "Quyết định kết nạp lại có hiệu lực trong kỳ.", "members.events",
           where=Q(event_type=EventType.READMITTED), section=S_FLOWS),
    Figure("members.recognized", "Công nhận đảng viên chính thức", "Đảng viên dự bị được công nhận chính thức, "
           "có hiệu lực trong kỳ.", "members.events", where=Q(event_type=EventType.RECOGNIZED), section=S_FLOWS),
    Figure("members.transferred_in", "Chuyển sinh hoạt đảng chính thức đến", "Đảng viên chuyển sinh hoạt chính "
           "thức đến từ ngoài tổ chức (ngoài hệ thống hoặc từ tổ chức không trực thuộc) trong kỳ.", "members.events",
           where=from_outside, section=S_FLOWS),
    Figure("members.transferred_out", "Chuyển sinh hoạt đảng chính thức đi", "Đảng viên chuyển sinh hoạt chính "
           "thức ra ngoài tổ chức trong kỳ.", "members.events_from", where=to_outside, section=S_FLOWS),
    Figure("members.deceased", "Đảng viên từ trần", "Đảng viên từ trần trong kỳ.", "members.events",
           where=Q(event_type=EventType.DECEASED), section=S_FLOWS),
    Figure("members.struck_off", "Xóa tên", "Đảng viên bị xóa tên trong kỳ.", "members.events",
           where=Q(event_type=EventType.STRUCK_OFF), section=S_FLOWS),
    Figure("members.expelled", "Khai trừ", "Đảng viên bị khai trừ trong kỳ.", "members.events",
           where=Q(event_type=EventType.EXPELLED), section=S_FLOWS),
    Figure("members.left", "Ra khỏi Đảng", "Đảng viên xin ra khỏi Đảng trong kỳ.", "members.events",
           where=Q(event_type=EventType.LEFT), section=S_FLOWS),
    *family("members.by_sex", base="members.state_end", field="member__sex", items=Sex.choices,
            label="Đảng viên {name}", definition="Đảng viên giới tính {name} vào ngày cuối kỳ.",
            denominator="members.total", section="Cơ cấu đảng viên theo giới tính"),
    *[Figure(f"members.by_age.{code}", f"Đảng viên {words}", f"Đảng viên {words} (tính tròn năm vào ngày cuối kỳ).",
             "members.state_end", where=age_between(low, high), denominator="members.total",
             section="Cơ cấu đảng viên theo độ tuổi", order=i)
      for i, (code, words, low, high) in enumerate(AGE_BANDS)],
    *family("members.by_ethnicity", base="members.state_end", field="member__ethnicity__code",
            items=[(f"{i:02d}", name) for i, name in enumerate(lists.ETHNICITIES, start=1)] + [lists.ETHNICITY_FOREIGN],
            label="Dân tộc {name}", definition="Đảng viên dân tộc {name} vào ngày cuối kỳ.",
            denominator="members.total", section="Cơ cấu đảng viên theo dân tộc"),
    *family("members.by_religion", base="members.state_end", field="member__religion__code", items=lists.RELIGIONS,
            label="Tôn giáo: {name}", definition="Đảng viên có tôn giáo “{name}” vào ngày cuối kỳ.",
            denominator="members.total", section="Cơ cấu đảng viên theo tôn giáo"),
    Figure("members.religious", "Đảng viên là người có đạo", "Đảng viên có tôn giáo (khác “Không”) vào ngày cuối kỳ.",
           "members.state_end", where=Q(member__religion__isnull=False) & ~Q(member__religion__code="00"),
           denominator="members.total", section="Cơ cấu đảng viên theo tôn giáo", order=100),
    *family("members.by_general_education", base="members.state_end", field="member__general_education__code",
            items=_items(lists.GENERAL_EDUCATION), label="Giáo dục phổ thông: {name}",
            definition="Đảng viên có trình độ giáo dục phổ thông cao nhất là {name} vào ngày cuối kỳ.",
            denominator="members.total", section="Trình độ giáo dục phổ thông"),
    *family("members.by_professional", base="members.state_end", field="member__professional__code",
            items=_items(lists.PROFESSIONAL), label="Chuyên môn nghiệp vụ: {name}",
            definition="Đảng viên có trình độ chuyên môn nghiệp vụ cao nhất là {name} vào ngày cuối kỳ.",
            denominator="members.total", section="Trình độ chuyên môn nghiệp vụ"),
    *family("members.by_academic_degree", base="members.state_end", field="member__academic_degree__code",
            items=_items(lists.ACADEMIC_DEGREE), label="Học vị: {name}",
            definition="Đảng viên có học vị cao nhất là {name} vào ngày cuối kỳ.",
            denominator="members.total", section="Học vị, học hàm"),
    *family("members.by_academic_title", base="members.state_end", field="member__academic_title__code",
            items=_items(lists.ACADEMIC_TITLE), label="Học hàm: {name}",
            definition="Đảng viên có học hàm {name} vào ngày cuối kỳ.",
            denominator="members.total", section="Học vị, học hàm", order=10),
    *family("members.by_theory", base="members.state_end", field="member__theory_level__code",
            items=_items(lists.THEORY_LEVELS), label="Lý luận chính trị: {name}",
            definition="Đảng viên có trình độ lý luận chính trị cao nhất là {name} vào ngày cuối kỳ.",
            denominator="members.total", section="Trình độ lý luận chính trị"),
    *family("members.by_occupation", base="members.state_end", field="member__occupation__code",
            items=lists.OCCUPATIONS, label="Nghề nghiệp: {name}",
            definition="Đảng viên có nghề nghiệp “{name}” vào ngày cuối kỳ.",
            denominator="members.total", section="Cơ cấu đảng viên theo nghề nghiệp"),
    *[Figure(f"members.by_party_age.{code}", f"Tuổi đảng {words}", f"Đảng viên có tuổi đảng {words} (tròn năm vào ngày "
             "cuối kỳ, tính từ ngày quyết định kết nạp lần đầu, trừ thời gian ở ngoài Đảng). Các khoảng tuổi đảng "
             "CHƯA ĐƯỢC XÁC NHẬN (UNCONFIRMED) theo biểu mẫu chính thức.", "members.state_end",
             where=party_age_between(low, high), denominator="members.total", section="Cơ cấu đảng viên theo tuổi đảng",
             order=i)
      for i, (code, words, low, high) in enumerate(PARTY_AGE_BANDS)],
    Figure("members.army", "Đảng viên trong quân đội", "Đảng viên thuộc quân đội (theo hồ sơ) vào ngày cuối kỳ.",
           "members.state_end", where=Q(member__is_army=True), denominator="members.total",
           section="Đảng viên theo lực lượng"),
    Figure("members.police", "Đảng viên trong công an", "Đảng viên thuộc công an (theo hồ sơ) vào ngày cuối kỳ.",
           "members.state_end", where=Q(member__is_police=True), denominator="members.total",
           section="Đảng viên theo lực lượng", order=1),
    Figure("members.retired", "Đảng viên hưu trí", "Đảng viên đã nghỉ hưu (theo hồ sơ) vào ngày cuối kỳ.",
           "members.state_end", where=Q(member__is_retired=True), denominator="members.total",
           section="Đảng viên theo lực lượng", order=2),
    Figure("members.temporary_away", "Đảng viên đang sinh hoạt tạm thời nơi khác", "Đảng viên của tổ chức (nơi sinh "
           "hoạt chính thức) đang chuyển sinh hoạt tạm thời đi nơi khác vào ngày cuối kỳ (chưa trở về).",
           "members.state_end", where=away_on_temporary_transfer, denominator="members.total", section=S_TOTAL),
    Figure("members.temporary_out", "Chuyển sinh hoạt đảng tạm thời đi", "Đảng viên của tổ chức (nơi sinh hoạt chính "
           "thức vào ngày chuyển) chuyển sinh hoạt tạm thời đi nơi khác trong kỳ.", "members.events_home",
           where=Q(event_type=EventType.TEMPORARY_OUT), section=S_FLOWS),
    Figure("members.reorganized_in", "Đến do sắp xếp tổ chức", "Đảng viên vào tổ chức trong kỳ cùng chi bộ, đảng bộ "
           "của mình do sắp xếp lại tổ chức (sáp nhập, chuyển trực thuộc, sắp xếp đơn vị hành chính), không có quyết "
           "định chuyển sinh hoạt.", "members.reorganized_in", section=S_FLOWS),
    Figure("members.reorganized_out", "Đi do sắp xếp tổ chức", "Đảng viên ra khỏi tổ chức trong kỳ cùng chi bộ, đảng bộ "
           "của mình do sắp xếp lại tổ chức, không có quyết định chuyển sinh hoạt.", "members.reorganized_out",
           section=S_FLOWS),
]
