"""C11 undone: an appeal decision that cancels the penalty restores the year it had re-graded "not completed", by a new
GradeEvent (nothing overwritten); the commendations cancelled with the re-grading stay cancelled (no rule revives
them: the body that gave them decides again). A change to a lighter form keeps the re-grading (any form from
reprimand up disqualifies the year, C6/C11)."""

import datetime as dt

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.discipline import services as discipline
from dangvu.evaluations import rules
from dangvu.evaluations.kinds import EventKind
from dangvu.evaluations.models import MemberReview
from dangvu.members.models import Member
from tests.discipline.conftest import cell_decides, open_for
from tests.evaluations.test_commendations import commend, decide_year

D = dt.date
G = rules.Grade
pytestmark = pytest.mark.django_db


def _penalised(cast, people):
    decide_year(cast, people, 2025, excellent=[people.cuong])
    praise = commend(cast.officer_a, people.cuong, 2025, years=1, on=D(2026, 2, 1))
    full = Member.objects.filter(organization=cast.tree.cell_a1, status="full").count()
    proceeding = open_for(cast.officer_a, people.cuong, committed=D(2025, 8, 1), form="warning")
    proceeding = cell_decides(cast.officer_a, proceeding, cast.tree.cell_a1, form="warning", votes=full, base=full)
    past = MemberReview.objects.get(member=people.cuong, campaign__year=2025)
    assert past.grade == G.NOT_COMPLETED
    appeal = discipline.receive_appeal(by=cast.officer_a, proceeding=proceeding, appellant="Lê Văn Cường",
                                       decision_received_on=D(2026, 10, 22), received_on=D(2026, 11, 1))
    return proceeding, appeal, praise


def test_cancelled_penalty_restores_the_regraded_year_and_commendation_stays_cancelled(cast, people):
    proceeding, appeal, praise = _penalised(cast, people)
    discipline.decide_appeal(by=cast.officer_a, appeal=appeal, outcome="cancel", decided_on=D(2026, 11, 20),
                             announced_on=D(2026, 11, 25), decision_number="09-QĐ/UBKT")
    past = MemberReview.objects.get(member=people.cuong, campaign__year=2025)
    assert past.grade == G.EXCELLENT and past.decision_number == "09-QĐ/UBKT" and past.decided_on == D(2026, 11, 25)
    kinds = list(past.events.values_list("kind", "old_grade", "new_grade"))
    assert (EventKind.RETROACTIVE, G.EXCELLENT, G.NOT_COMPLETED) in kinds  # the re-grading stays in the history
    assert kinds[-1] == (EventKind.RESTORED, G.NOT_COMPLETED, G.EXCELLENT)
    restored = past.events.get(kind=EventKind.RESTORED)
    assert restored.discipline_id == proceeding.pk and "không tự khôi phục" in restored.reason
    praise.refresh_from_db()
    assert praise.cancelled_on == D(2026, 10, 21)  # stays cancelled
    assert AuditEntry.objects.filter(action="evaluations.restore", object_id=str(past.pk)).exists()


def test_lighter_form_on_appeal_keeps_the_regrading(cast, people):
    _, appeal, _ = _penalised(cast, people)
    discipline.decide_appeal(by=cast.officer_a, appeal=appeal, outcome="change", new_form="reprimand",
                             decided_on=D(2026, 11, 20), announced_on=D(2026, 11, 25), decision_number="09-QĐ/UBKT")
    past = MemberReview.objects.get(member=people.cuong, campaign__year=2025)
    assert past.grade == G.NOT_COMPLETED and not past.events.filter(kind=EventKind.RESTORED).exists()


def test_a_year_regraded_since_keeps_its_later_decision(cast, people):
    from dangvu.evaluations import services

    _, appeal, _ = _penalised(cast, people)
    past = MemberReview.objects.get(member=people.cuong, campaign__year=2025)
    services.regrade_member(by=cast.officer_a, review=past, version=None, grade=G.NOT_COMPLETED, reason="Kết luận kiểm tra",
                            decision_number="70-QĐ/HU", on=D(2026, 11, 5))
    discipline.decide_appeal(by=cast.officer_a, appeal=appeal, outcome="cancel", decided_on=D(2026, 11, 20),
                             announced_on=D(2026, 11, 25), decision_number="09-QĐ/UBKT")
    past.refresh_from_db()
    assert past.grade == G.NOT_COMPLETED and past.decision_number == "70-QĐ/HU"


def test_the_restored_year_puts_its_cancelled_commendation_in_the_todo_and_the_xlsx_lists_it(cast, people, client):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from dangvu.evaluations import todo
    from dangvu.evaluations.models import Campaign

    proceeding, appeal, praise = _penalised(cast, people)
    on = D(2026, 12, 3)
    assert not [i for i in todo.todo_items(cast.officer_a, on) if i.category == "review_commendation_restored"]
    discipline.decide_appeal(by=cast.officer_a, appeal=appeal, outcome="cancel", decided_on=D(2026, 11, 20),
                             announced_on=D(2026, 11, 25), decision_number="09-QĐ/UBKT")
    [item] = [i for i in todo.todo_items(cast.officer_a, on) if i.category == "review_commendation_restored"]
    assert people.cuong.full_name in item.title and "số 12-QĐ/HU" in item.title and "khôi phục" in item.title
    assert not [i for i in todo.todo_items(cast.officer_b, on) if i.category == "review_commendation_restored"]
    # The review's XLSX lists the year's commendations with their cancellation.
    campaign = Campaign.objects.get(year=2025)
    client.force_login(cast.officer_a)
    wb = load_workbook(io.BytesIO(client.get(reverse("evaluations:results_xlsx", args=[campaign.pk])).content))
    rows = list(wb["Khen thưởng"].iter_rows(min_row=2, values_only=True))
    [row] = [r for r in rows if r[2] == people.cuong.full_name]
    assert row[1] == "Giấy khen" and row[4] == 2025 and row[6] == "12-QĐ/HU" and row[10] is not None
    assert "Kết quả xếp loại năm 2025 bị hủy" in row[12]
    # Given again: the item goes.
    commend(cast.officer_a, people.cuong, 2025, years=1, on=D(2026, 12, 1), number="30-QĐ/HU")
    assert not [i for i in todo.todo_items(cast.officer_a, on) if i.category == "review_commendation_restored"]
