"""Figures of resolution study (dangvu.core.figures): sessions held over a period and the members who had to study
and who studied (present or made up), over all documents and per central document of the library.

A session is counted where its organizer stood in the tree on its date; a member where their home organization
(kept on the attendance row: the register's answer on the session's date) stood on that date. Members are counted
once however many sessions they had to attend (distinct), so the rate is "đảng viên được học tập" over "đảng viên
phải học tập". Make-up sessions are not sessions of their own here: their members count as studied in the session
they made up for. Non-member cadres are not members: the session page and API count them, the figures do not.
"""

from django.db.models import Q

from dangvu.core.figures import FLOW, Base, Figure, Window
from dangvu.organizations.tree import within_subtree_q
from dangvu.study.kinds import SessionStatus
from dangvu.study.library import CENTRAL_DOCUMENTS
from dangvu.study.models import StudyAttendance, StudySession

SECTION = "Học tập, quán triệt nghị quyết"
STUDIED = Q(present=True) | Q(made_up_in__isnull=False)
MEMBER = "members.Member"


def sessions_in(window: Window):
    return (StudySession.objects.filter(status=SessionStatus.HELD, makeup_of__isnull=True, date__gte=window.start,
                                        date__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="organization",
                                     date_field="date")))


def expected_in(window: Window):
    return (StudyAttendance.objects.filter(session__makeup_of__isnull=True, session__date__gte=window.start,
                                           session__date__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="organization",
                                     date_field="session__date")))


def studied_in(window: Window):
    return expected_in(window).filter(STUDIED)


BASES = [
    Base("study.sessions", FLOW, "organizations.Organization", sessions_in, key="organization_id"),
    Base("study.expected", FLOW, MEMBER, expected_in, key="member_id", distinct=True),
    Base("study.studied", FLOW, MEMBER, studied_in, key="member_id", distinct=True),
]

DOCUMENT_FIELD = "session__documents__number"


def _per_document() -> list[Figure]:
    figures = []
    for i, (_kind, number, _issuer, _on, _title, short, code) in enumerate(CENTRAL_DOCUMENTS):
        figures += [
            Figure(f"study.expected.{code}", f"Đảng viên phải học tập, quán triệt {short}",
                   f"Đảng viên phải học tập, quán triệt văn bản {number} ({short}) tại các buổi học tập trong kỳ.",
                   "study.expected", dimension=(DOCUMENT_FIELD, number), section=SECTION, order=20 + 2 * i),
            Figure(f"study.studied.{code}", f"Đảng viên được học tập, quán triệt {short}",
                   f"Đảng viên có mặt hoặc đã học bù tại các buổi học tập văn bản {number} ({short}) trong kỳ; tỷ lệ trên "
                   f"số phải học tập văn bản đó.", "study.studied", dimension=(DOCUMENT_FIELD, number),
                   denominator=f"study.expected.{code}", section=SECTION, order=21 + 2 * i),
        ]
    return figures


FIGURES = [
    Figure("study.sessions", "Hội nghị, buổi học tập, quán triệt đã tổ chức", "Buổi học tập, quán triệt nghị quyết, chỉ "
           "thị, kết luận, quy định đã tổ chức trong kỳ (không kể buổi học bù), đặt theo tổ chức đảng tổ chức vào ngày đó.",
           "study.sessions", section=SECTION),
    Figure("study.expected", "Đảng viên phải học tập, quán triệt", "Đảng viên phải dự các buổi học tập trong kỳ (đảng viên "
           "trong Đảng thuộc tổ chức đảng tổ chức vào ngày học tập), mỗi người tính một lần.", "study.expected",
           section=SECTION, order=1),
    Figure("study.studied", "Đảng viên được học tập, quán triệt", "Đảng viên có mặt hoặc đã học bù tại ít nhất một buổi học "
           "tập phải dự trong kỳ; tỷ lệ trên số đảng viên phải học tập.", "study.studied", denominator="study.expected",
           section=SECTION, order=2),
    Figure("study.made_up", "Đảng viên học bù", "Đảng viên vắng buổi học tập và đã học bù trong kỳ.", "study.expected",
           where=Q(made_up_in__isnull=False), denominator="study.expected", section=SECTION, order=3),
    *_per_document(),
]
