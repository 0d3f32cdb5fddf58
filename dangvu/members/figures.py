"""Figures of the member register (dangvu.core.figures): stocks on a date and flows over a period.

Stocks count members **in the party** (probationary or full) whose home organization (nơi sinh hoạt
chính thức) lay in the subtree on the date, from the state intervals: a member on temporary transfer
elsewhere counts at home, a member hosted here temporarily does not (domain-rules T6).
The make-up figures (sex, ethnicity, religion, education…) read the member's record as it is now:
the register keeps no dated history of those fields.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from dangvu.core.figures import FLOW, STOCK, Base, Figure, Window, family
from dangvu.members.kinds import IN_PARTY, EventType, Sex, Status
from dangvu.members.models import MembershipEvent, MemberState
from dangvu.organizations.kinds import UnitType
from dangvu.organizations.models import OrganizationVersion
from dangvu.organizations.tree import subtree_ids_on, within_subtree_q
from dangvu.references import data as lists

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


BASES = [
    Base("members.state_end", STOCK, MEMBER, lambda w: in_party_on(w, w.end), key="member_id"),
    Base("members.state_start", STOCK, MEMBER, lambda w: in_party_on(w, w.before_start), key="member_id"),
    Base("members.events", FLOW, MEMBER, events_in, key="member_id", distinct=True),
    Base("members.events_from", FLOW, MEMBER, events_from, key="member_id", distinct=True),
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
           where=lambda w: Q(event_type=EventType.ADMITTED) & Q(Exists(OrganizationVersion.objects.valid_on(
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
]
