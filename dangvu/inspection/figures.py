"""Figures of inspection and supervision (dangvu.core.figures): cases decided over a period by kind, subject level
and result; the members thematically inspected or supervised (K18 coverage, a share of the members in the party);
denunciations received and those not handled (K15).

A case is counted where its subject stood in the tree on the decision date (a member: their cell on that day).
"""

from django.db.models import Q

from dangvu.core.figures import FLOW, Base, Figure, Window, family
from dangvu.inspection.kinds import INSPECTION_KINDS, SUPERVISION_KINDS, CaseKind, CaseStatus, DenunciationStatus, Result
from dangvu.inspection.models import Denunciation
from dangvu.inspection.selectors import cases_in, covered_members
from dangvu.organizations.tree import within_subtree_q

SECTION = "Kiểm tra, giám sát"


def denunciations_in(window: Window):
    return (Denunciation.objects.filter(received_on__gte=window.start, received_on__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="subject_organization",
                                     date_field="received_on")))


BASES = [
    Base("inspection.cases", FLOW, "organizations.Organization", cases_in, key="subject_organization_id"),
    Base("inspection.covered", FLOW, "members.Member", covered_members, key="subject_member_id", distinct=True),
    Base("inspection.denunciations", FLOW, "organizations.Organization", denunciations_in, key="subject_organization_id"),
]

FIGURES = [
    Figure("inspection.cases", "Cuộc kiểm tra, giám sát", "Cuộc kiểm tra, giám sát có quyết định trong kỳ, đặt theo nơi "
           "sinh hoạt của đối tượng vào ngày quyết định.", "inspection.cases", section=SECTION),
    Figure("inspection.inspections", "Cuộc kiểm tra", "Cuộc kiểm tra (khi có dấu hiệu vi phạm, việc thực hiện nhiệm vụ "
           "kiểm tra, giám sát và thi hành kỷ luật, tài chính đảng) có quyết định trong kỳ.", "inspection.cases",
           where=Q(kind__in=INSPECTION_KINDS), denominator="inspection.cases", section=SECTION, order=1),
    Figure("inspection.supervisions", "Cuộc giám sát", "Cuộc giám sát (thường xuyên và chuyên đề) có quyết định trong kỳ.",
           "inspection.cases", where=Q(kind__in=SUPERVISION_KINDS), denominator="inspection.cases", section=SECTION,
           order=2),
    *family("inspection.cases.by_kind", base="inspection.cases", field="kind", items=CaseKind.choices,
            label="{name}", definition="Cuộc {name} có quyết định trong kỳ.", section=SECTION,
            denominator="inspection.cases", order=10),
    Figure("inspection.cases.organizations", "Cuộc kiểm tra, giám sát tổ chức đảng", "Cuộc kiểm tra, giám sát có đối "
           "tượng là tổ chức đảng, có quyết định trong kỳ.", "inspection.cases", where=Q(subject_member__isnull=True),
           denominator="inspection.cases", section=SECTION, order=20),
    Figure("inspection.cases.members", "Cuộc kiểm tra, giám sát đảng viên", "Cuộc kiểm tra, giám sát có đối tượng là đảng "
           "viên, có quyết định trong kỳ.", "inspection.cases", where=Q(subject_member__isnull=False),
           denominator="inspection.cases", section=SECTION, order=21),
    Figure("inspection.cases.concluded", "Cuộc kiểm tra, giám sát đã kết luận", "Cuộc kiểm tra, giám sát có quyết định "
           "trong kỳ đã có kết luận.", "inspection.cases", where=Q(status=CaseStatus.CONCLUDED),
           denominator="inspection.cases", section=SECTION, order=30),
    *family("inspection.cases.by_result", base="inspection.cases", field="result", items=Result.choices,
            label="Kết luận: {name}", definition="Cuộc kiểm tra, giám sát có quyết định trong kỳ, kết luận: {name}.",
            section=SECTION, denominator="inspection.cases.concluded", order=31),
    Figure("inspection.members_covered", "Đảng viên được kiểm tra, giám sát chuyên đề", "Đảng viên (mỗi người một lần) là "
           "đối tượng của cuộc kiểm tra hoặc giám sát chuyên đề có quyết định trong kỳ; tỷ lệ trên tổng số đảng viên là "
           "chỉ tiêu của nghị quyết đại hội (K18).", "inspection.covered", denominator="members.total", section=SECTION,
           order=40),
    Figure("inspection.denunciations", "Đơn tố cáo đã nhận", "Đơn tố cáo nhận trong kỳ, đặt theo nơi của đối tượng bị tố "
           "cáo vào ngày nhận.", "inspection.denunciations", section=SECTION, order=50),
    Figure("inspection.denunciations.not_handled", "Đơn tố cáo không giải quyết", "Đơn tố cáo nhận trong kỳ nặc danh, mạo "
           "danh, không cụ thể hoặc không có chứng cứ: không giải quyết (K15).", "inspection.denunciations",
           where=Q(status=DenunciationStatus.NOT_HANDLED), denominator="inspection.denunciations", section=SECTION,
           order=51),
]
