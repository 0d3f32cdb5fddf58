"""Figures of the annual review (dangvu.core.figures): the results by grade, for members and for
grassroots organizations, by year.

A result is counted for the review years the window covers (a year's window counts that year's review),
where the member's cell or the organization stood at the end of the window. Only results in force are
counted: a review re-graded (C10, C11) counts with its latest grade. Members not graded (exempted,
suspended: C12) are counted apart. Percentages are exact fractions of the graded (core/numbers.percent).
"""

from django.db.models import Q

from dangvu.core.figures import FLOW, Base, Figure, Window, family
from dangvu.evaluations.kinds import CommendationLevel, Grade
from dangvu.evaluations.models import Commendation, MemberReview, OrganizationReview
from dangvu.organizations.kinds import Kind
from dangvu.organizations.tree import subtree_ids_on

MEMBER, ORGANIZATION = "members.Member", "organizations.Organization"
SECTION_MEMBERS = "Đánh giá, xếp loại đảng viên"
SECTION_ORGS = "Đánh giá, xếp loại tổ chức cơ sở đảng"
SECTION_COMMENDATIONS = "Khen thưởng"
GRASSROOTS = (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL)
GOOD_OR_BETTER = Q(grade__in=[Grade.EXCELLENT, Grade.GOOD])


def member_reviews(window: Window):
    return MemberReview.objects.filter(campaign__year__gte=window.start.year, campaign__year__lte=window.end.year,
                                       cell_id__in=subtree_ids_on(window.organization, window.end))


def grassroots_reviews(window: Window):
    return OrganizationReview.objects.filter(campaign__year__gte=window.start.year, campaign__year__lte=window.end.year,
                                             organization__kind__in=GRASSROOTS,
                                             organization_id__in=subtree_ids_on(window.organization, window.end))


def _commendations(window: Window):
    """Commendations decided in the window and not cancelled by its end (C11)."""
    return (Commendation.objects.filter(decided_on__gte=window.start, decided_on__lte=window.end)
            .exclude(cancelled_on__lte=window.end))


def individual_commendations(window: Window):
    return _commendations(window).filter(member__isnull=False,
                                         cell_id__in=subtree_ids_on(window.organization, window.end))


def collective_commendations(window: Window):
    return _commendations(window).filter(organization_id__in=subtree_ids_on(window.organization, window.end))


BASES = [
    Base("evaluations.members", FLOW, MEMBER, member_reviews, key="member_id", distinct=True),
    Base("evaluations.grassroots", FLOW, ORGANIZATION, grassroots_reviews, key="organization_id", distinct=True),
    Base("evaluations.commendations.individual", FLOW, MEMBER, individual_commendations, key="member_id", distinct=True),
    Base("evaluations.commendations.collective", FLOW, ORGANIZATION, collective_commendations, key="organization_id",
         distinct=True),
]

FIGURES = [
    Figure("evaluations.members.graded", "Đảng viên được đánh giá, xếp loại", "Đảng viên có kết quả xếp loại chất "
           "lượng (đã quyết định) của năm đánh giá trong kỳ; kết quả bị hủy, xếp loại lại tính theo kết quả sau cùng.",
           "evaluations.members", where=~Q(grade=""), section=SECTION_MEMBERS),
    *family("evaluations.members.grade", base="evaluations.members", field="grade", items=Grade.choices,
            label="Đảng viên {name}", definition="Đảng viên được xếp loại “{name}” của năm đánh giá trong kỳ.",
            denominator="evaluations.members.graded", section=SECTION_MEMBERS, order=1),
    Figure("evaluations.members.good_or_better", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "Đảng viên được xếp loại "
           "hoàn thành xuất sắc hoặc hoàn thành tốt nhiệm vụ.", "evaluations.members", where=GOOD_OR_BETTER,
           denominator="evaluations.members.graded", section=SECTION_MEMBERS, order=10),
    Figure("evaluations.members.not_graded", "Đảng viên không xếp loại (miễn sinh hoạt, đình chỉ sinh hoạt)",
           "Đảng viên trong đợt đánh giá không xếp loại vì đang miễn công tác và sinh hoạt đảng hoặc đình chỉ sinh hoạt "
           "(C12).", "evaluations.members", where=~Q(exclusion=""), section=SECTION_MEMBERS, order=11),
    Figure("evaluations.grassroots.graded", "Tổ chức cơ sở đảng được đánh giá, xếp loại", "Tổ chức cơ sở đảng (đảng bộ "
           "cơ sở, chi bộ cơ sở) có kết quả xếp loại (đã quyết định) của năm đánh giá trong kỳ.",
           "evaluations.grassroots", where=~Q(grade=""), section=SECTION_ORGS),
    *family("evaluations.grassroots.grade", base="evaluations.grassroots", field="grade", items=Grade.choices,
            label="TCCSĐ {name}", definition="Tổ chức cơ sở đảng được xếp loại “{name}” của năm đánh giá trong kỳ.",
            denominator="evaluations.grassroots.graded", section=SECTION_ORGS, order=1),
    Figure("evaluations.grassroots.good_or_better", "TCCSĐ hoàn thành tốt nhiệm vụ trở lên", "Tổ chức cơ sở đảng được "
           "xếp loại hoàn thành xuất sắc hoặc hoàn thành tốt nhiệm vụ.", "evaluations.grassroots", where=GOOD_OR_BETTER,
           denominator="evaluations.grassroots.graded", section=SECTION_ORGS, order=10),
    Figure("evaluations.commendations.individuals", "Cá nhân được khen thưởng", "Đảng viên được khen thưởng (giấy "
           "khen trở lên) theo quyết định trong kỳ, trừ khen thưởng đã bị hủy (C11); tính theo chi bộ của đảng viên "
           "khi khen thưởng.", "evaluations.commendations.individual", section=SECTION_COMMENDATIONS),
    *family("evaluations.commendations.individual", base="evaluations.commendations.individual", field="level",
            items=CommendationLevel.choices, label="Cá nhân được tặng {name}",
            definition="Đảng viên được tặng {name} theo quyết định trong kỳ (trừ khen thưởng đã bị hủy).",
            section=SECTION_COMMENDATIONS, order=1),
    Figure("evaluations.commendations.individuals_consecutive", "Cá nhân được khen thưởng vì hoàn thành xuất sắc nhiệm "
           "vụ nhiều năm liền", "Đảng viên được khen thưởng trong kỳ vì hoàn thành xuất sắc nhiệm vụ từ 2 năm liền trở "
           "lên (số năm liền tính từ kết quả xếp loại).", "evaluations.commendations.individual",
           where=Q(consecutive_years__gte=2), section=SECTION_COMMENDATIONS, order=10),
    Figure("evaluations.commendations.collectives", "Tập thể được khen thưởng", "Tổ chức đảng được khen thưởng (giấy "
           "khen trở lên) theo quyết định trong kỳ, trừ khen thưởng đã bị hủy (C11).",
           "evaluations.commendations.collective", section=SECTION_COMMENDATIONS, order=20),
    *family("evaluations.commendations.collective", base="evaluations.commendations.collective", field="level",
            items=CommendationLevel.choices, label="Tập thể được tặng {name}",
            definition="Tổ chức đảng được tặng {name} theo quyết định trong kỳ (trừ khen thưởng đã bị hủy).",
            section=SECTION_COMMENDATIONS, order=21),
]
