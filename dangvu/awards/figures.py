"""Figures of party badges and party cards (dangvu.core.figures): awarded and issued over a period.

A badge or card is counted where its member belonged (home organization, nơi sinh hoạt chính thức)
on the day it was presented or issued, as the tree stood then; a posthumous badge, whose member has no
home that day, where the award was recorded.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from dangvu.awards import rules
from dangvu.awards.models import BadgeAward, CardKind, PartyCard
from dangvu.core.figures import FLOW, Base, Figure, Window, family
from dangvu.members.models import MemberState
from dangvu.organizations.tree import within_subtree_q

MEMBER = "members.Member"
SECTION = "Huy hiệu Đảng, thẻ đảng viên"


def _placed(queryset, window: Window, date_field: str):
    home = MemberState.objects.valid_on(OuterRef(date_field)).filter(member_id=OuterRef("member_id"))
    return (queryset.filter(**{f"{date_field}__gte": window.start, f"{date_field}__lte": window.end})
            .annotate(at_organization=Coalesce(Subquery(home.values("organization_id")[:1]), F("organization_id")))
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="at_organization",
                                     date_field=date_field)))


BASES = [
    Base("awards.badges", FLOW, MEMBER, lambda w: _placed(BadgeAward.objects.all(), w, "presentation_on"),
         key="member_id", distinct=True),
    Base("awards.cards", FLOW, MEMBER, lambda w: _placed(PartyCard.objects.all(), w, "issued_on"), key="member_id",
         distinct=True),
]

FIGURES = [
    Figure("awards.badges", "Đảng viên được tặng Huy hiệu Đảng", "Đảng viên được trao Huy hiệu Đảng (mọi mốc) trong kỳ, "
           "theo ngày trao tặng.", "awards.badges", section=SECTION),
    *family("awards.badges", base="awards.badges", field="milestone",
            items=[(str(m), f"{m} năm tuổi Đảng") for m in rules.MILESTONES], label="Huy hiệu {name}",
            definition="Đảng viên được trao Huy hiệu {name} trong kỳ.", denominator="awards.badges", section=SECTION,
            order=1),
    Figure("awards.cards", "Thẻ đảng viên đã cấp", "Đảng viên được cấp thẻ đảng viên (lần đầu, cấp lại, đổi thẻ) trong "
           "kỳ, theo ngày cấp.", "awards.cards", section=SECTION, order=50),
    *family("awards.cards", base="awards.cards", field="kind", items=CardKind.choices, label="{name}",
            definition="Đảng viên được cấp thẻ trong kỳ theo hình thức “{name}”.", denominator="awards.cards",
            section=SECTION, order=51),
]


