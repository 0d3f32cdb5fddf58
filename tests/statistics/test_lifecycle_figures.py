"""Figures of the lifecycle apps (badges and cards, residence contact, the admission pipeline) against
a hand computation, on the small data set plus a few records made through their services."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services as admissions
from dangvu.awards import services as awards
from dangvu.core.figures import Window
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.residence import services as residence
from dangvu.statistics.engine import counts, drill

pytestmark = pytest.mark.django_db
D = dt.date


def _refresh(*objs):
    for o in objs:
        o.refresh_from_db()


def test_badges_and_cards(data):
    m = data.m
    _refresh(m.m4, m.m7, m.m2)
    awards.record_award(by=SYSTEM, member=m.m7, milestone=50, presentation_on=D(2024, 2, 3), decision_number="10-QĐ/TU",
                        decision_date=D(2024, 1, 20))
    awards.record_award(by=SYSTEM, member=m.m4, milestone=30, presentation_on=D(2024, 9, 2), decision_number="11-QĐ/TU",
                        decision_date=D(2024, 8, 20))
    awards.issue_card(by=SYSTEM, member=m.m2, number="12345678", kind="issue", issued_on=D(2024, 5, 19))
    a = counts(Window.year(data.tree.district_a, 2024), ["awards.badges", "awards.badges.30", "awards.badges.50",
                                                        "awards.cards", "awards.cards.issue"])
    assert a == {"awards.badges": 2, "awards.badges.30": 1, "awards.badges.50": 1, "awards.cards": 1,
                 "awards.cards.issue": 1}
    # m4 received the badge in A (moved there on 1/9/2024): district B counts none.
    assert counts(Window.year(data.tree.district_b, 2024), ["awards.badges"]) == {"awards.badges": 0}
    assert counts(Window.year(data.tree.district_a, 2023), ["awards.badges"]) == {"awards.badges": 0}
    assert set(drill("awards.badges", Window.year(data.tree.district_a, 2024), data.cast.admin)) == {m.m4, m.m7}


def test_admission_pipeline(data):
    cell = data.tree.cell_a1
    c = admissions.create_candidate(by=SYSTEM, organization=cell, full_name="Ngô Văn Mười", sex="male",
                                    date_of_birth=D(2001, 1, 1))
    c = admissions.record_certificate(by=SYSTEM, candidate=c, certificate_date=D(2024, 5, 1), certificate_number="5")
    c = admissions.record_application(by=SYSTEM, candidate=c, application_date=D(2024, 6, 1))
    admissions.create_candidate(by=SYSTEM, organization=cell, full_name="Ngô Thị Mai", sex="female",
                                date_of_birth=D(2002, 2, 2))  # no certificate yet: not in the pipeline
    codes = ["admissions.pipeline", "admissions.pipeline.applied", "admissions.pipeline.cell_approved"]
    assert counts(Window.year(data.tree.district_a, 2024), codes) == {
        "admissions.pipeline": 1, "admissions.pipeline.applied": 1, "admissions.pipeline.cell_approved": 0}
    assert counts(Window.on(data.tree.district_a, D(2024, 5, 15)), codes)["admissions.pipeline.applied"] == 0
    assert counts(Window.on(data.tree.district_a, D(2024, 4, 30)), codes)["admissions.pipeline"] == 0
    assert counts(Window.year(data.tree.district_b, 2024), codes)["admissions.pipeline"] == 0
    # After the merger the cell lies under B: the pipeline of 2026 is B's.
    assert counts(Window.on(data.tree.district_b, D(2026, 1, 1)), codes)["admissions.pipeline"] == 1


def test_residence_contact(data):
    """m8 works at an agency whose cell is set up under grassroots B in 2024; introduced to the commune
    of residence on 1/4/2024, commented on in November."""
    m, t = data.m, data.tree
    agency = org_services.establish(by=SYSTEM, parent=t.grassroots_b, code="99.002.001.000.009", name="Chi bộ Ủy ban xã",
                                    kind=Kind.CELL, effective_date=D(2024, 1, 2), unit_type=UnitType.STATE_AGENCY)
    _refresh(m.m8)
    member_services.record_event(by=SYSTEM, member=m.m8, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=D(2024, 3, 15), organization=agency)
    _refresh(m.m8)
    contact = residence.introduce(by=SYSTEM, member=m.m8, letter_number="5-GGT/ĐU", letter_date=D(2024, 4, 1),
                                  residence_address="Thôn Đông", receiving_organization=t.grassroots_a)
    contact = residence.receive(by=data.cast.admin, contact=contact, received_on=D(2024, 4, 10), residence_cell=t.cell_a1)
    residence.record_comment(by=data.cast.admin, contact=contact, year=2024, comment_occasion="annual", text="Tốt",
                             comment_assessment="fulfilled", commented_on=D(2024, 11, 20))
    codes = ["residence.contact", "residence.comments"]
    assert counts(Window.year(t.district_b, 2024), codes) == {"residence.contact": 1, "residence.comments": 1}
    assert counts(Window.on(t.district_b, D(2024, 3, 31)), codes)["residence.contact"] == 0
    assert counts(Window.year(t.district_a, 2024), codes) == {"residence.contact": 0, "residence.comments": 0}
    assert list(drill("residence.contact", Window.year(t.district_b, 2024), data.cast.admin)) == [m.m8]
