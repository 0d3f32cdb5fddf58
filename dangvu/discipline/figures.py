"""Figures of discipline (dangvu.core.figures): penalties announced over a period by form and by subject level
(members, organizations) and by deciding body, appeals received and their outcome, penalties that lapsed.

A penalty is counted where its proceeding sat in the tree (the member's cell, or the organization itself) on
the day it was announced (K5: the day it takes effect); an appeal on the day it was received; a lapse on its date.
Penalties later cancelled on appeal are still counted as decided in their period (the appeal figures count the
cancellation)."""

from django.db.models import Q

from dangvu.core.figures import FLOW, Base, Figure, Window, family
from dangvu.discipline.kinds import AppealOutcome, BodyKind, Form, Status
from dangvu.discipline.models import Appeal, Proceeding
from dangvu.organizations.tree import within_subtree_q

SECTION = "Kỷ luật đảng"


def announced_in(window: Window):
    return (Proceeding.objects.filter(announced_on__gte=window.start, announced_on__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="organization",
                                     date_field="announced_on")))


def members_in(window: Window):
    return announced_in(window).filter(member__isnull=False)


def organizations_in(window: Window):
    return announced_in(window).filter(subject_organization__isnull=False)


def appeals_in(window: Window):
    return (Appeal.objects.filter(received_on__gte=window.start, received_on__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="proceeding__organization",
                                     date_field="received_on")))


def lapsed_in(window: Window):
    return (Proceeding.objects.filter(status=Status.ANNOUNCED, member__isnull=False, lapses_on__gte=window.start,
                                      lapses_on__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="organization",
                                     date_field="lapses_on")))


BASES = [
    Base("discipline.members", FLOW, "members.Member", members_in, key="member_id"),
    Base("discipline.organizations", FLOW, "organizations.Organization", organizations_in, key="subject_organization_id"),
    Base("discipline.appeals", FLOW, "organizations.Organization", appeals_in, key="proceeding__organization_id"),
    Base("discipline.lapses", FLOW, "members.Member", lapsed_in, key="member_id"),
]

MEMBER_FORMS = [(f, Form(f).label) for f in (Form.REPRIMAND, Form.WARNING, Form.REMOVAL_FROM_POST, Form.EXPULSION)]
ORG_FORMS = [(f, Form(f).label) for f in (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)]

FIGURES = [
    Figure("discipline.members", "Lượt đảng viên bị kỷ luật", "Quyết định kỷ luật đảng viên công bố (có hiệu lực) trong kỳ, "
           "đặt theo chi bộ của đảng viên vào ngày công bố.", "discipline.members", section=SECTION),
    *family("discipline.members.by_form", base="discipline.members", field="decided_form", items=MEMBER_FORMS,
            label="Đảng viên bị kỷ luật: {name}", definition="Quyết định kỷ luật đảng viên hình thức {name} công bố trong kỳ.",
            section=SECTION, denominator="discipline.members", order=1),
    *family("discipline.members.by_body", base="discipline.members", field="body_kind",
            items=[(b, BodyKind(b).label) for b in BodyKind.values if b != BodyKind.CELL_COMMITTEE],
            label="Kỷ luật đảng viên do {name} quyết định",
            definition="Quyết định kỷ luật đảng viên công bố trong kỳ, cơ quan quyết định: {name}.", section=SECTION,
            denominator="discipline.members", order=10),
    Figure("discipline.organizations", "Tổ chức đảng bị kỷ luật", "Quyết định kỷ luật tổ chức đảng công bố trong kỳ.",
           "discipline.organizations", section=SECTION, order=20),
    *family("discipline.organizations.by_form", base="discipline.organizations", field="decided_form", items=ORG_FORMS,
            label="Tổ chức đảng bị kỷ luật: {name}",
            definition="Quyết định kỷ luật tổ chức đảng hình thức {name} công bố trong kỳ.", section=SECTION,
            denominator="discipline.organizations", order=21),
    Figure("discipline.appeals", "Đơn khiếu nại kỷ luật nhận được", "Đơn khiếu nại kỷ luật nhận trong kỳ.",
           "discipline.appeals", section=SECTION, order=30),
    Figure("discipline.appeals.not_handled", "Khiếu nại không giải quyết", "Đơn khiếu nại nhận trong kỳ thuộc trường hợp "
           "không giải quyết (quá hạn, chưa có quyết định bằng văn bản, …).", "discipline.appeals", where=~Q(bars=[]),
           denominator="discipline.appeals", section=SECTION, order=31),
    *family("discipline.appeals.outcome", base="discipline.appeals", field="outcome",
            items=[(o, AppealOutcome(o).label) for o in AppealOutcome.values], label="Khiếu nại: {name}",
            definition="Đơn khiếu nại nhận trong kỳ đã giải quyết: {name}.", section=SECTION,
            denominator="discipline.appeals", order=32),
    Figure("discipline.lapses", "Kỷ luật đảng viên hết hiệu lực", "Kỷ luật đảng viên tự động hết hiệu lực trong kỳ (12 tháng "
           "sau công bố, không khiếu nại, tái phạm, vi phạm mới).", "discipline.lapses", section=SECTION, order=40),
]
