"""Figures of residence contact (QĐ 213-QĐ/TW; dangvu.core.figures).

A member keeps contact with the party organization of their place of residence from the date of the
introduction letter until the contact ends. Members are counted at home (nơi sinh hoạt chính thức),
as the other member figures are.
"""

from django.db.models import Exists, OuterRef, Q, Subquery

from dangvu.core.figures import FLOW, STOCK, Base, Figure, Window
from dangvu.members.figures import in_party_on
from dangvu.members.models import MemberState
from dangvu.organizations.tree import within_subtree_q
from dangvu.residence.kinds import ContactStatus
from dangvu.residence.models import ResidenceComment, ResidenceContact

MEMBER = "members.Member"
SECTION = "Đảng viên giữ mối liên hệ với nơi cư trú"


def contacts_on(window: Window):
    """In-party members of the subtree on the end date with a contact open then: introduced on or before
    the date (letter date), not ended by it."""
    on = window.end
    open_then = (ResidenceContact.objects.filter(member_id=OuterRef("member_id"), letter_date__lte=on)
                 .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)))
    return in_party_on(window, on).annotate(
        keeps=Exists(open_then.exclude(contact_status=ContactStatus.EXEMPT)),
        exempt=Exists(open_then.filter(contact_status=ContactStatus.EXEMPT)))


def comments_in(window: Window):
    """Comments the place of residence returned in the period, placed at the member's home on the day."""
    home = MemberState.objects.valid_on(OuterRef("commented_on")).filter(member_id=OuterRef("contact__member_id"))
    return (ResidenceComment.objects.annotate(home=Subquery(home.values("organization_id")[:1]))
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="home",
                                     date_field="commented_on")))


BASES = [
    Base("residence.members_end", STOCK, MEMBER, contacts_on, key="member_id"),
    Base("residence.comments", FLOW, MEMBER, comments_in, key="contact__member_id", distinct=True),
]

FIGURES = [
    Figure("residence.contact", "Đảng viên giữ mối liên hệ với nơi cư trú", "Đảng viên đã được giới thiệu về giữ mối "
           "liên hệ với tổ chức đảng nơi cư trú (giấy giới thiệu đến ngày cuối kỳ), chưa kết thúc vào ngày cuối kỳ.",
           "residence.members_end", where=Q(keeps=True), denominator="members.total", section=SECTION),
    Figure("residence.exempt", "Đảng viên không thuộc diện giới thiệu về nơi cư trú", "Đảng viên được ghi nhận không "
           "thuộc diện giới thiệu về nơi cư trú (HD 33 điểm 1.2), còn hiệu lực vào ngày cuối kỳ.",
           "residence.members_end", where=Q(exempt=True), denominator="members.total", section=SECTION, order=1),
    Figure("residence.comments", "Đảng viên được nơi cư trú nhận xét", "Đảng viên được chi bộ, đảng ủy nơi cư trú gửi "
           "nhận xét trong kỳ (theo ngày nhận xét), đặt theo nơi sinh hoạt chính thức vào ngày đó.",
           "residence.comments", section=SECTION, order=2),
]
