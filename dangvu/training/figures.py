"""Figures of training (dangvu.core.figures): classes and learners by kind over a period; members by political
theory level on a date, from the dated history (members.TheoryLevelRecord).

A class is counted over the period of its opening day, where the organization that opened it stood in the tree
on that day; its learners with it. The theory level of a member on a date is the highest level obtained by that
date (biểu 3-TCTW counts the highest only); members in the party on the date, in the subtree.
"""

from django.db.models import Exists, OuterRef, Q

from dangvu.core.figures import FLOW, STOCK, Base, Figure, Window, family
from dangvu.members.figures import in_party_on
from dangvu.members.models import TheoryLevelRecord
from dangvu.organizations.tree import within_subtree_q
from dangvu.references import data as lists
from dangvu.training.kinds import ClassKind, Result
from dangvu.training.models import Enrolment, TrainingClass

SECTION = "Bồi dưỡng, đào tạo"
S_THEORY = "Trình độ lý luận chính trị (theo văn bằng đã ghi)"
ORG = "organizations.Organization"


def classes_in(window: Window):
    return (TrainingClass.objects.filter(start_date__gte=window.start, start_date__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="organization",
                                     date_field="start_date")))


def learners_in(window: Window):
    return (Enrolment.objects.filter(training_class__start_date__gte=window.start, training_class__start_date__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="training_class__organization",
                                     date_field="training_class__start_date")))


def theory_on(window: Window):
    on = window.end
    higher = TheoryLevelRecord.objects.filter(member_id=OuterRef("member_id"), obtained_on__lte=on,
                                              level__rank__gt=OuterRef("level__rank"))
    return (TheoryLevelRecord.objects.filter(obtained_on__lte=on, member_id__in=in_party_on(window, on).values("member_id"))
            .exclude(Exists(higher)))


BASES = [
    Base("training.classes", FLOW, ORG, classes_in, key="organization_id"),
    Base("training.learners", FLOW, ORG, learners_in, key="organization_id"),
    Base("training.theory_end", STOCK, "members.Member", theory_on, key="member_id", distinct=True),
]

FIGURES = [
    Figure("training.classes", "Lớp bồi dưỡng, đào tạo đã mở", "Lớp bồi dưỡng, đào tạo khai giảng trong kỳ, do tổ chức hoặc "
           "các tổ chức trực thuộc mở (đặt theo cây tổ chức vào ngày khai giảng).", "training.classes", section=SECTION),
    *family("training.classes.by_kind", base="training.classes", field="kind", items=ClassKind.choices,
            label="Lớp {name}", definition="Lớp “{name}” khai giảng trong kỳ.", section=SECTION,
            denominator="training.classes", order=1),
    Figure("training.learners", "Học viên", "Lượt học viên của các lớp khai giảng trong kỳ (quần chúng ưu tú và đảng viên).",
           "training.learners", section=SECTION, order=20),
    Figure("training.learners.passed", "Học viên đạt", "Lượt học viên có kết quả đạt trong các lớp khai giảng trong kỳ.",
           "training.learners", where=Q(result=Result.PASSED), denominator="training.learners", section=SECTION, order=21),
    *family("training.learners.by_kind", base="training.learners", field="training_class__kind", items=ClassKind.choices,
            label="Học viên lớp {name}", definition="Lượt học viên của các lớp “{name}” khai giảng trong kỳ.",
            section=SECTION, denominator="training.learners", order=22),
    *family("training.theory", base="training.theory_end", field="level__code",
            items=[(code, name) for code, name, _rank in lists.THEORY_LEVELS],
            label="Đảng viên có trình độ lý luận chính trị {name}", definition="Đảng viên trong Đảng vào ngày cuối kỳ mà văn "
            "bằng lý luận chính trị cao nhất đã cấp đến ngày đó (theo lịch sử đã ghi) là {name}.", section=S_THEORY),
]
