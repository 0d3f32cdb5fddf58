"""Committee seats linked to members of the register: O6 term length, O7 standing committee ≤ 1/3,
M3 no probationary member, O11 temporary transfer keeps the seat, O12 leaving by decision; a seat
for a person outside the register stays possible, marked so."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import RuleViolation
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.organizations import committees
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import CommitteeMember, CommitteePosition, SeatEndGround
from dangvu.rules.parameters import defaults
from tests.members import register

D = dt.date
P = defaults(D(2026, 1, 1))
POS = CommitteePosition
START = D(2025, 5, 5)


def codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


@pytest.fixture
def term(tree):
    return committees.create_term(by=SYSTEM, organization=tree.grassroots_a, name="2025–2030", start_date=START, size=9)


@pytest.fixture
def people(tree):
    """Full members of cell A1 and A2 (under grassroots A), one probationary in A1, one full member of B1."""
    return {
        "hung": register("Lê Văn Hùng", tree.cell_a1),
        "lan": register("Phạm Thị Lan", tree.cell_a2, sex="female"),
        "du": register("Vũ Thị Dự", tree.cell_a1, sex="female", admitted=D(2025, 3, 3), full=False),
        "bac": register("Hoàng Văn Bắc", tree.cell_b1),
    }


def test_a_seat_for_a_member_copies_the_name_and_is_audited(term, people):
    seat = committees.add_seat(by=SYSTEM, term=term, member=people["hung"], position=POS.SECRETARY, start_date=START)
    assert (seat.member, seat.full_name, seat.outside_register) == (people["hung"], "Lê Văn Hùng", False)
    entry = AuditEntry.objects.get(action="organizations.seat_add", object_id=str(seat.pk))
    assert entry.changes["member"][1] == people["hung"].pk
    assert [s.member for s in committees.committee_on(term.organization, D(2026, 1, 1))] == [people["hung"]]


def test_a_person_outside_the_register_is_marked(term):
    seat = committees.add_seat(by=SYSTEM, term=term, full_name="  Đặng  Văn Thư ", position=POS.MEMBER, start_date=START)
    assert (seat.member, seat.full_name, seat.outside_register) == (None, "Đặng Văn Thư", True)
    with pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=SYSTEM, term=term, position=POS.MEMBER, start_date=START)
    assert codes(exc) == {"seat.name"} and exc.value.violations[0].field == "full_name"


def test_m3_no_probationary_member_in_a_committee(term, people):
    du = people["du"]  # ceremony 3/3/2025: full member from 3/3/2026
    with pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=SYSTEM, term=term, member=du, position=POS.MEMBER, start_date=D(2026, 3, 2))
    assert codes(exc) == {"seat.probationary"}
    v = exc.value.violations[0]
    assert v.field == "member" and "M3" in v.source and "dự bị" in v.message
    member_services.record_event(by=SYSTEM, member=du, event_type=EventType.RECOGNIZED, effective_date=D(2026, 3, 3))
    assert committees.add_seat(by=SYSTEM, term=term, member=du, position=POS.MEMBER, start_date=D(2026, 3, 3)).member == du


def test_a_member_outside_the_organization_or_twice_is_refused(term, people):
    with pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=SYSTEM, term=term, member=people["bac"], position=POS.MEMBER, start_date=START)
    assert codes(exc) == {"seat.outside_org"}
    committees.add_seat(by=SYSTEM, term=term, member=people["lan"], position=POS.MEMBER, start_date=START)
    with pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=SYSTEM, term=term, member=people["lan"], position=POS.DEPUTY_SECRETARY, start_date=START)
    assert codes(exc) == {"seat.duplicate"}


def test_one_secretary_at_a_time_is_kept(term, people):
    committees.add_seat(by=SYSTEM, term=term, member=people["hung"], position=POS.SECRETARY, start_date=START)
    with pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=SYSTEM, term=term, member=people["lan"], position=POS.SECRETARY, start_date=START)
    assert codes(exc) == {"seat.single"}


@pytest.mark.parametrize(("standing", "total", "ok"), [(3, 9, True), (4, 9, False), (4, 12, True), (5, 14, False)])
def test_o7_standing_committee_at_most_a_third(standing, total, ok):
    violations = committees.check_standing_share(standing, total, P)
    assert (violations == []) is ok
    if not ok:
        assert violations[0].code == "seat.standing_share" and violations[0].field == "position" and "O7" in violations[0].source


def test_o7_against_the_terms_size(term):
    for i, position in enumerate((POS.SECRETARY, POS.DEPUTY_SECRETARY, POS.STANDING_MEMBER)):  # 3 of 9: exactly a third
        committees.add_seat(by=SYSTEM, term=term, full_name=f"Người Thứ {i}", position=position, start_date=START)
    with pytest.raises(RuleViolation) as exc:
        committees.add_seat(by=SYSTEM, term=term, full_name="Người Thứ Tư", position=POS.STANDING_MEMBER, start_date=START)
    assert codes(exc) == {"seat.standing_share"}
    for i in range(6):
        committees.add_seat(by=SYSTEM, term=term, full_name=f"Ủy Viên {i}", position=POS.MEMBER, start_date=START)
    with pytest.raises(RuleViolation) as exc:  # the tenth of nine
        committees.add_seat(by=SYSTEM, term=term, full_name="Ủy Viên Mười", position=POS.MEMBER, start_date=START)
    assert codes(exc) == {"seat.over_size"}
    assert committees.committee_size_on(term.organization, D(2026, 1, 1)) == 9


@pytest.mark.parametrize(("kind", "start", "months"), [
    (Kind.CELL, D(2025, 6, 30), 30), (Kind.CELL, D(2025, 7, 1), 60), (Kind.PARTIAL_COMMITTEE, D(2020, 3, 2), 30),
    (Kind.GRASSROOTS_COMMITTEE, D(2020, 5, 5), 60), (Kind.COMMUNE_COMMITTEE, D(2025, 7, 1), 60),
])
def test_o6_term_length(kind, start, months):
    assert committees.term_months(kind, start, P) == months


def test_o6_a_term_longer_than_its_length_needs_the_higher_committees_document(tree):
    last = D(2022, 9, 2)  # 2/3/2020 + 30 months
    assert committees.check_term_length(Kind.CELL, D(2020, 3, 2), last, P) == []
    [v] = committees.check_term_length(Kind.CELL, D(2020, 3, 2), last + dt.timedelta(days=1), P)
    assert v.code == "term.too_long" and v.field == "end_date" and "O6" in v.source and "02/09/2022" in v.message
    with pytest.raises(RuleViolation) as exc:
        committees.create_term(by=SYSTEM, organization=tree.cell_a1, name="2020–2022", start_date=D(2020, 3, 2), end_date=D(2023, 1, 1))
    assert codes(exc) == {"term.too_long"}
    term = committees.create_term(by=SYSTEM, organization=tree.cell_a1, name="2020–2022", start_date=D(2020, 3, 2),
                                  end_date=D(2023, 1, 1), extension_decision="Công văn 15-CV/ĐU")
    assert term.extension_decision == "Công văn 15-CV/ĐU"


def test_o11_temporary_transfer_elsewhere_keeps_the_seat(tree, term, people):
    seat = committees.add_seat(by=SYSTEM, term=term, member=people["hung"], position=POS.MEMBER, start_date=START)
    member_services.record_event(by=SYSTEM, member=people["hung"], event_type=EventType.TEMPORARY_OUT,
                                 effective_date=D(2025, 9, 1), organization=tree.cell_b1)
    on = D(2026, 1, 1)
    assert seat in committees.committee_on(tree.grassroots_a, on)
    assert committees.committee_size_on(tree.grassroots_a, on) == 1
    # … and a member away may be given a seat at home.
    committees.create_term(by=SYSTEM, organization=tree.cell_a1, name="2025–2030", start_date=D(2025, 10, 1))
    a1_term = tree.cell_a1.terms.get()
    assert committees.add_seat(by=SYSTEM, term=a1_term, member=people["hung"], position=POS.SECRETARY,
                               start_date=D(2025, 10, 1)).member == people["hung"]


def test_o12_leaving_by_decision(term, people):
    seat = committees.add_seat(by=SYSTEM, term=term, member=people["hung"], position=POS.MEMBER, start_date=START)
    with pytest.raises(RuleViolation) as exc:
        committees.end_seat(by=SYSTEM, seat=seat, end_date=D(2026, 2, 1), ground=SeatEndGround.RETIREMENT)
    assert codes(exc) == {"seat.end_decision"} and exc.value.violations[0].field == "end_decision_number"
    with pytest.raises(RuleViolation) as exc:
        committees.end_seat(by=SYSTEM, seat=seat, end_date=D(2026, 1, 31), ground=SeatEndGround.RESIGNATION,
                            decision_number="20-QĐ/HU", decision_date=D(2026, 2, 1))
    assert codes(exc) == {"seat.end_before_decision"}
    # Retirement: from the date the retirement decision states (after the decision).
    seat = committees.end_seat(by=SYSTEM, seat=seat, end_date=D(2026, 3, 1), ground=SeatEndGround.RETIREMENT,
                               decision_number="20-QĐ/HU", decision_date=D(2026, 1, 15))
    assert (seat.end_ground, seat.end_decision_number, seat.end_decision_date) == ("retirement", "20-QĐ/HU", D(2026, 1, 15))
    assert seat in committees.committee_on(term.organization, D(2026, 2, 28))
    assert seat not in committees.committee_on(term.organization, D(2026, 3, 1))


def test_link_a_named_seat_to_the_register(term, people):
    seat = committees.add_seat(by=SYSTEM, term=term, full_name="Lê Hùng", position=POS.MEMBER, start_date=START)
    with pytest.raises(RuleViolation) as exc:
        committees.link_seat(by=SYSTEM, seat=seat, member=people["du"])
    assert codes(exc) == {"seat.probationary"}
    seat = committees.link_seat(by=SYSTEM, seat=seat, member=people["hung"])
    assert (seat.member, seat.full_name, seat.outside_register) == (people["hung"], "Lê Văn Hùng", False)
    entry = AuditEntry.objects.get(action="organizations.seat_link", object_id=str(seat.pk))
    assert "trước ghi: Lê Hùng" in entry.note


def test_the_seat_form_offers_members_of_the_subtree_in_the_users_scope(client, cast, people):
    term = committees.create_term(by=SYSTEM, organization=cast.tree.grassroots_a, name="2025–2030", start_date=START)
    client.force_login(cast.officer_a)
    url = reverse("organizations:seat_add", args=[term.pk])
    choices = set(client.get(url).context["form"].fields["member"].queryset)
    assert choices == {people["hung"], people["lan"]}  # not the probationary member, not B1's
    response = client.post(url, {"member": people["bac"].pk, "position": POS.MEMBER, "start_date": "05/05/2025"})
    assert response.status_code == 200 and "member" in response.context["form"].errors
    response = client.post(url, {"member": people["hung"].pk, "position": POS.SECRETARY, "start_date": "05/05/2025"})
    assert response.status_code == 302
    assert CommitteeMember.objects.get(term=term).member == people["hung"]
    page = client.get(reverse("organizations:detail", args=[cast.tree.grassroots_a.pk]) + "?tab=committee").content.decode()
    assert 'data-testid="seat-member"' in page and "Lê Văn Hùng" in page and 'data-testid="term-expected-end"' in page


def test_api_seat_with_a_member(cast, people):
    term = committees.create_term(by=SYSTEM, organization=cast.tree.grassroots_a, name="2025–2030", start_date=START)
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    url = f"/api/committee-terms/{term.pk}/seats/"
    response = api.post(url, {"member": people["bac"].pk, "position": POS.MEMBER, "start_date": "2025-05-05"}, format="json")
    assert response.status_code == 400 and "member" in response.json()  # not visible to officer A: does not exist
    response = api.post(url, {"member": people["du"].pk, "position": POS.MEMBER, "start_date": "2025-05-05"}, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "seat.probationary"
    response = api.post(url, {"member": people["hung"].pk, "position": POS.MEMBER, "start_date": "2025-05-05"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["member"], body["outside_register"], body["full_name"]) == (people["hung"].pk, False, "Lê Văn Hùng")
    response = api.post(url, {"full_name": "Đặng Văn Thư", "position": POS.MEMBER, "start_date": "2025-05-05"}, format="json")
    assert response.status_code == 201 and response.json()["outside_register"] is True
    seat_id = body["id"]
    response = api.post(f"/api/committee-seats/{seat_id}/end/", {"end_date": "2026-03-01", "ground": "removal"}, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "seat.end_decision"


def test_the_seat_member_is_searched_by_name_within_the_users_scope(client, cast, people):
    """The seat form's member box is search-as-you-type (no select listing every member): the search
    ignores diacritics and case, offers only full members of the organization's subtree that the
    user may see on the seat's date, and answers 404 to an officer of another district."""
    term = committees.create_term(by=SYSTEM, organization=cast.tree.grassroots_a, name="2025–2030", start_date=START)
    client.force_login(cast.officer_a)
    form = client.get(reverse("organizations:seat_add", args=[term.pk])).content.decode()
    search = reverse("organizations:seat_member_search", args=[cast.tree.grassroots_a.pk])
    assert f'data-search="{search}?on=' in form and "members/org_filter.js" in form and "Lê Văn Hùng</option>" not in form

    def found(q, user=cast.officer_a, on="2025-05-05"):
        client.force_login(user)
        response = client.get(search, {"q": q, "on": on})
        return response.status_code, [r["label"] for r in response.json()["results"]] if response.status_code == 200 else None

    assert found("le van hung") == (200, ["Lê Văn Hùng"])
    assert found("HÙNG") == (200, ["Lê Văn Hùng"])
    assert found("van") == (200, ["Lê Văn Hùng"])  # not Hoàng Văn Bắc of cell B1, outside grassroots A
    assert found("dự") == (200, [])  # probationary: no seat (M3)
    assert found("bắc") == (200, [])  # cell B1 is outside grassroots A's subtree
    assert found("hung", on="2000-01-01") == (200, [])  # not yet a full member of the subtree on that date
    assert found("hung", user=cast.officer_b)[0] == 404
    client.force_login(cast.officer_a)
    assert client.get(search, {"q": "hung", "on": "hôm qua"}).status_code == 400
