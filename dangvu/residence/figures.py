"""Figures of residence contact (QĐ 213-QĐ/TW; dangvu.core.figures).

A member keeps contact with the party organization of their place of residence from the date of the
introduction letter until the contact ends. Members are counted at home (nơi sinh hoạt chính thức),
as the other member figures are: the stocks are filters on the member register's base
`members.state_end`, so they are counted in the same scan as the register's own stocks.
"""

from django.db.models import OuterRef, Q, Subquery

from dangvu.core.figures import FLOW, Base, Figure, Window
from dangvu.members.models import MemberState
from dangvu.organizations.tree import within_subtree_q
from dangvu.residence.kinds import ContactStatus
from dangvu.residence.models import ResidenceComment, ResidenceContact

MEMBER = "members.Member"
SECTION = "Đảng viên giữ mối liên hệ với nơi cư trú"


def contacts_open_on(window: Window):
    """Residence contacts open on the end date: introduced on or before it (letter date), not ended by it."""
    on = window.end
    return (ResidenceContact.objects.filter(letter_date__lte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)))


def keeps_contact(window: Window) -> Q:
    """The member (a state row of `members.state_end`) has a contact open on the end date, not an exemption.
    An uncorrelated IN: the open contacts are read once, not once per member."""
    return Q(member_id__in=contacts_open_on(window).exclude(contact_status=ContactStatus.EXEMPT).values("member_id"))


def exempt(window: Window) -> Q:
    return Q(member_id__in=contacts_open_on(window).filter(contact_status=ContactStatus.EXEMPT).values("member_id"))


def comments_in(window: Window):
    """Comments the place of residence returned in the period, placed at the member's home on the day."""
    home = MemberState.objects.valid_on(OuterRef("commented_on")).filter(member_id=OuterRef("contact__member_id"))
    return (ResidenceComment.objects.annotate(home=Subquery(home.values("organization_id")[:1]))
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="home",
                                     date_field="commented_on")))


BASES = [
    Base("residence.comments", FLOW, MEMBER, comments_in, key="contact__member_id", distinct=True),
]

FIGURES = [
    Figure("residence.contact", "Đảng viên giữ mối liên hệ với nơi cư trú", "Đảng viên đã được giới thiệu về giữ mối "
           "liên hệ với tổ chức đảng nơi cư trú (giấy giới thiệu đến ngày cuối kỳ), chưa kết thúc vào ngày cuối kỳ.",
           "members.state_end", where=keeps_contact, denominator="members.total", section=SECTION),
    Figure("residence.exempt", "Đảng viên không thuộc diện giới thiệu về nơi cư trú", "Đảng viên được ghi nhận không "
           "thuộc diện giới thiệu về nơi cư trú (HD 33 điểm 1.2), còn hiệu lực vào ngày cuối kỳ.",
           "members.state_end", where=exempt, denominator="members.total", section=SECTION, order=1),
    Figure("residence.comments", "Đảng viên được nơi cư trú nhận xét", "Đảng viên được chi bộ, đảng ủy nơi cư trú gửi "
           "nhận xét trong kỳ (theo ngày nhận xét), đặt theo nơi sinh hoạt chính thức vào ngày đó.",
           "residence.comments", section=SECTION, order=2),
]
