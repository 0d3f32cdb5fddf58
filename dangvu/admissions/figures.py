"""Figures of the admission pipeline (dangvu.core.figures): candidates on the way to membership.

The pipeline on a date is read from the dates the candidate's file records (never from the current
stage, which only tells where the file stands today): a candidate is in it on a date when they had
the awareness-class certificate (the first dated step) by then, and neither an admission decision nor a
withdrawal by then. Candidates are placed at the proposing cell, as the tree stood on the date.
"""

from django.db.models import Q

from dangvu.admissions.models import Candidate
from dangvu.core.figures import STOCK, Base, Figure, Window
from dangvu.organizations.tree import subtree_ids_on

CANDIDATE = "admissions.Candidate"
SECTION = "Phát triển đảng viên"


def pipeline_on(window: Window):
    on = window.end
    return (Candidate.objects.filter(organization_id__in=subtree_ids_on(window.organization, on),
                                     awareness_certificate_date__lte=on)
            .filter(Q(decision_date__isnull=True) | Q(decision_date__gt=on))
            .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)))


def step_by(field: str):
    def where(window: Window) -> Q:
        return Q(**{f"{field}__lte": window.end})
    return where


BASES = [Base("admissions.pipeline_end", STOCK, CANDIDATE, pipeline_on, key="id")]

FIGURES = [
    Figure("admissions.pipeline", "Quần chúng đang trong quy trình kết nạp", "Quần chúng ưu tú đã có giấy chứng nhận lớp "
           "bồi dưỡng nhận thức về Đảng đến ngày cuối kỳ, chưa có quyết định kết nạp và chưa dừng xem xét vào ngày đó, "
           "tại chi bộ thuộc tổ chức.", "admissions.pipeline_end", section=SECTION),
    Figure("admissions.pipeline.applied", "Đã có đơn xin vào Đảng", "Trong số quần chúng đang trong quy trình, người đã "
           "có đơn xin vào Đảng đến ngày cuối kỳ.", "admissions.pipeline_end", where=step_by("application_date"),
           denominator="admissions.pipeline", section=SECTION, order=1),
    Figure("admissions.pipeline.verified", "Đã thẩm tra lý lịch", "Trong số quần chúng đang trong quy trình, người đã "
           "hoàn thành thẩm tra lý lịch đến ngày cuối kỳ.", "admissions.pipeline_end",
           where=step_by("verification_completed_date"), denominator="admissions.pipeline", section=SECTION, order=2),
    Figure("admissions.pipeline.cell_approved", "Chi bộ đã đề nghị kết nạp", "Trong số quần chúng đang trong quy trình, "
           "người đã được chi bộ xét, đề nghị kết nạp đến ngày cuối kỳ.", "admissions.pipeline_end",
           where=step_by("cell_meeting_date"), denominator="admissions.pipeline", section=SECTION, order=3),
    Figure("admissions.pipeline.committee_approved", "Đảng ủy cơ sở đã đề nghị kết nạp", "Trong số quần chúng đang trong "
           "quy trình, người đã được đảng ủy cơ sở xét, đề nghị kết nạp đến ngày cuối kỳ.", "admissions.pipeline_end",
           where=step_by("committee_meeting_date"), denominator="admissions.pipeline", section=SECTION, order=4),
]
