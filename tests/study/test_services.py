import datetime as dt
from fractions import Fraction

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.study import rules, selectors, services
from dangvu.study.models import StudyDocument
from tests.study.conftest import SESSION_DAY

D = dt.date


def _codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


def test_expected_members_on_the_date(cast, people):
    """Joined the day after: not expected; died the day before: not expected; transferred within the subtree that
    day: expected, placed in the cell of that day; another district: never."""
    t = cast.tree
    expected = dict(selectors.expected(t.grassroots_a, SESSION_DAY))
    assert expected == {people.an.pk: t.cell_a1.pk, people.binh.pk: t.cell_a1.pk, people.em.pk: t.cell_a2.pk,
                        people.giang.pk: t.cell_a2.pk}
    assert set(dict(selectors.expected(t.cell_a1, SESSION_DAY))) == {people.an.pk, people.binh.pk}
    # The day before, Em was still in A1 and Dũng had died; two days before, Dũng was alive.
    assert set(dict(selectors.expected(t.cell_a1, SESSION_DAY - dt.timedelta(days=1)))) == {
        people.an.pk, people.binh.pk, people.em.pk}
    assert set(dict(selectors.expected(t.cell_a1, SESSION_DAY - dt.timedelta(days=2)))) == {
        people.an.pk, people.binh.pk, people.dung.pk, people.em.pk}
    # The day after, Chi has joined.
    assert people.chi.pk in dict(selectors.expected(t.cell_a1, SESSION_DAY + dt.timedelta(days=1)))


def test_participation_rates_against_a_hand_computation(cast, people, nq57):
    t = cast.tree
    session = services.schedule_session(by=cast.officer_a, organization=t.grassroots_a, date=SESSION_DAY,
                                        documents=[nq57], cadres_expected=3)
    session = services.record_attendance(by=cast.officer_a, session=session, cadres_present=2,
                                         absent={people.binh.pk: "Ốm", people.giang.pk: "Đi công tác"})
    # Members: An, Em present; Bình, Giang absent (4 expected). Cadres 2/3. By hand: (2 + 2) / (4 + 3) = 4/7.
    rate = selectors.session_rate(session)
    assert (rate.studied, rate.expected, rate.fraction) == (4, 7, Fraction(4, 7))
    assert rate.text == "57,1%"
    makeup = services.record_makeup(by=cast.officer_a, session=session, date=D(2026, 11, 20), members=[people.giang])
    assert makeup.makeup_of == session and list(makeup.documents.all()) == [nq57]
    rate = selectors.session_rate(session)
    assert (rate.studied, rate.expected) == (5, 7)
    # Per organization (members only): A1 1/2 (An; Bình absent), A2 2/2 (Em present, Giang made up).
    by_org = {r.organization_id: (r.studied, r.expected, r.text) for r in selectors.rates_by_organization(session.attendance.all())}
    assert by_org == {t.cell_a1.pk: (1, 2, "50,0%"), t.cell_a2.pk: (2, 2, "100,0%")}
    assert list(selectors.not_made_up(session).values_list("member_id", flat=True)) == [people.binh.pk]
    whole = selectors.subtree_rate(selectors.attendance_of_document(cast.officer_a, nq57), "xã")
    assert (whole.studied, whole.expected, whole.text) == (3, 4, "75,0%")
    assert AuditEntry.objects.filter(action="study.makeup").count() == 2


def test_makeup_only_for_the_absent_not_yet_made_up(cast, people, nq57):
    session = services.schedule_session(by=cast.officer_a, organization=cast.tree.cell_a1, date=SESSION_DAY, documents=[nq57])
    with pytest.raises(RuleViolation) as exc:
        services.record_makeup(by=cast.officer_a, session=session, date=D(2026, 11, 20), members=[people.binh])
    assert "study.makeup_absent" in _codes(exc)
    services.record_attendance(by=cast.officer_a, session=session, absent={people.binh.pk: "Ốm"})
    with pytest.raises(RuleViolation) as exc:
        services.record_makeup(by=cast.officer_a, session=session, date=D(2026, 11, 20), members=[people.an])
    assert "study.makeup_absent" in _codes(exc)
    with pytest.raises(RuleViolation) as exc:
        services.record_makeup(by=cast.officer_a, session=session, date=D(2026, 11, 9), members=[people.binh])
    assert "Ngày học bù: không trước ngày học tập 10/11/2026." in str(exc.value)
    services.record_makeup(by=cast.secretary_a1, session=session, date=D(2026, 11, 12), members=[people.binh])
    with pytest.raises(RuleViolation) as exc:
        services.record_attendance(by=cast.officer_a, session=session, absent={})
    assert "study.made_up" in _codes(exc)


def test_attendance_rules(cast, people, nq57):
    session = services.schedule_session(by=cast.officer_a, organization=cast.tree.cell_a1, date=D(2026, 12, 20),
                                        documents=[nq57])
    with pytest.raises(RuleViolation) as exc:
        services.record_attendance(by=cast.officer_a, session=session, absent={people.giang.pk: ""})
    assert _codes(exc) == {"study.future", "study.not_expected"}
    with pytest.raises(RuleViolation) as exc:
        services.schedule_session(by=cast.officer_a, organization=cast.tree.cell_a1, date=None, documents=[])
    assert _codes(exc) == {"study.date", "study.documents"}
    with pytest.raises(RuleViolation) as exc:
        services.schedule_session(by=cast.officer_a, organization=cast.tree.cell_a1, date=D(1990, 1, 1), documents=[nq57])
    assert _codes(exc) == {"study.org_inactive"}


def test_outsiders_cannot_record(cast, people, nq57):
    with pytest.raises(PermissionDeniedInScope):
        services.schedule_session(by=cast.officer_b, organization=cast.tree.cell_a1, date=SESSION_DAY, documents=[nq57])
    with pytest.raises(PermissionDeniedInScope):
        services.schedule_session(by=cast.secretary_a1, organization=cast.tree.grassroots_a, date=SESSION_DAY,
                                  documents=[nq57])
    with pytest.raises(PermissionDeniedInScope):
        services.add_document(by=cast.secretary_a1, kind="resolution", number="1-NQ/TW", issuer="Bộ Chính trị",
                              issued_on=D(2026, 1, 1), title="Thử")


@pytest.mark.parametrize("number,kind,ok", [
    ("57-NQ/TW", "resolution", True), ("21-KL/TW", "conclusion", True), ("05-CT/TW", "directive", True),
    ("5-CT/TW", "directive", False), ("057-NQ/TW", "resolution", False), ("00-NQ/TW", "resolution", False),
    ("144-QĐ/TW", "regulation", True), ("12-NQ/HU", "resolution", True),
    ("57 NQ/TW", "resolution", False), ("57-NQ-TW", "resolution", False), ("57-KL/TW", "resolution", False),
    ("57-QD/TW", "regulation", False), ("57-HD/TW", "resolution", False), ("", "resolution", False),
])
def test_number_format(number, kind, ok):
    assert (rules.check_number(rules.normalize_number(number), kind) == []) is ok


def test_number_messages_name_the_field_and_the_source():
    (v,) = rules.check_number("57-KL/TW", "resolution")
    assert v.field == "number" and v.message.startswith("Số, ký hiệu: ký hiệu “KL” là của kết luận")
    assert "36-HD/VPTW" in v.message


def test_library_search_ignores_diacritics(cast):
    doc = services.add_document(by=cast.officer_a, kind="resolution", number=" 12-nq/hu ", issuer="Huyện ủy An Lạc",
                                issued_on=D(2026, 3, 1), title="Về phát triển kinh tế số trên địa bàn huyện")
    assert doc.number == "12-NQ/HU"
    assert list(selectors.search_documents("kinh te so")) == [doc]
    assert [d.number for d in selectors.search_documents("Chuyen doi so")] == ["57-NQ/TW"]
    assert [d.number for d in selectors.search_documents("21-kl/tw")] == ["21-KL/TW"]
    with pytest.raises(RuleViolation) as exc:
        services.add_document(by=SYSTEM, kind="resolution", number="12-NQ/HU", issuer="x", issued_on=D(2026, 3, 1), title="y")
    assert _codes(exc) == {"study.number_taken"}
    assert StudyDocument.objects.filter(number__endswith="/TW").count() == 8


def test_plans(cast, nq57):
    plan = services.add_plan(by=cast.secretary_a1, document=nq57, organization=cast.tree.cell_a1, title="Kế hoạch thực hiện",
                             due_on=D(2027, 1, 15))
    with pytest.raises(RuleViolation) as exc:
        services.set_plan_status(by=cast.secretary_a1, plan=plan, status="done")
    assert _codes(exc) == {"study.plan_done_on"}
    plan = services.set_plan_status(by=cast.secretary_a1, plan=plan, status="done", done_on=D(2026, 12, 1))
    assert plan.status == "done" and plan.version == 2
