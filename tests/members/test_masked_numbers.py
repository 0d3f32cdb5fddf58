"""Masked numbers stay masked (issue 8 §1): search is no oracle, every history masks, one reveal path.

The attack of the issue: a read-only leader added one digit at a time to `?q=0380…` and watched
whether the member stayed in the results, recovering a citizen ID in 41 requests. Here the same
attack, on the API, the list page and the export, finds nothing; a whole number still finds its
member; those who may reveal still search by a part of a number; every number search is audited.
"""

import datetime as dt
import string

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from dangvu.accounts.models import User
from dangvu.accounts.system import SYSTEM
from dangvu.admissions.models import Candidate
from dangvu.api.serializers import AuditEntrySerializer
from dangvu.audit.models import AuditEntry
from dangvu.awards import services as awards
from dangvu.core import masking
from dangvu.members import search
from dangvu.members.models import Member
from tests.admissions import candidate as make_candidate
from tests.members import exported_names, register

pytestmark = pytest.mark.django_db

# Two members whose numbers have the same masks: a search by someone who may not reveal them must
# treat them alike, unless it names one whole number.
TWIN_A = {"citizen_id": "038080123456", "party_card_number": "11112222"}
TWIN_B = {"citizen_id": "038080987656", "party_card_number": "33334422"}
NUMBERS = [*TWIN_A.values(), *TWIN_B.values()]


@pytest.fixture
def twins(cast):
    a = register("Nguyễn Văn Thử", cast.tree.cell_a1, **TWIN_A)
    b = register("Nguyễn Văn Thử", cast.tree.cell_a1, **TWIN_B)
    return a, b


def api(user):
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=user.pk))  # a fresh user: its scope cache is per request
    return client


def api_ids(user, q: str) -> set[int]:
    response = api(user).get("/api/members/", {"q": q})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_the_issue_attack_recovers_nothing(cast, twins):
    """Digit by digit, as in the issue: no prefix of the number keeps the member in the results."""
    a, _b = twins
    number = a.citizen_id
    for length in range(1, len(number)):
        assert a.pk not in api_ids(cast.viewer_a, number[:length]), number[:length]
    assert a.pk in api_ids(cast.viewer_a, number)  # the whole number finds its member
    card = a.party_card_number
    assert all(a.pk not in api_ids(cast.viewer_a, card[:n]) for n in (2, 4, 7))
    assert api_ids(cast.viewer_a, card) == {a.pk}


def test_whole_number_is_matched_after_normalization(cast, twins):
    a, _b = twins
    for typed in ("0380 8012 3456", "0380.8012.3456", "0380-8012-3456", "０３８０８０１２３４５６", "nguyen van thu 038080123456"):
        assert api_ids(cast.viewer_a, typed) == {a.pk}, typed
    assert api_ids(cast.viewer_a, "nguyen van thu") == {p.pk for p in twins}  # names: as before


def test_who_may_reveal_still_searches_by_part_of_a_number(cast, twins):
    a, b = twins
    assert api_ids(cast.officer_a, "0380801") == {a.pk}
    assert api_ids(cast.officer_a, "2222") == {a.pk}
    assert api_ids(cast.admin, "56") == {a.pk, b.pk}
    # a cell secretary and a leader may not reveal: a part finds nothing, the whole number finds one
    for user in (cast.secretary_a1, cast.viewer_a):
        assert api_ids(user, "0380801") == set()
        assert api_ids(user, TWIN_B["party_card_number"]) == {b.pk}


def test_number_searches_are_audited_with_the_number_masked(cast, twins):
    api_ids(cast.viewer_a, "0380 8012")
    api_ids(cast.viewer_a, "nguyen")  # a search by name is not a number search
    entry = AuditEntry.objects.get(action=search.SEARCH_ACTION)
    assert entry.actor == cast.viewer_a and entry.changes["_data"]["where"] == "/api/members/"
    assert entry.changes["_data"]["numbers"] == ["******12"] and "03808012" not in entry.note
    assert entry.action_label == "Tìm theo số định danh"


def test_list_page_and_export_follow_the_same_rule(client, cast, twins):
    a, _b = twins
    client.force_login(cast.viewer_a)
    fragment, whole = a.citizen_id[:8], a.citizen_id
    assert "Nguyễn Văn Thử" not in client.get(reverse("members:list"), {"q": fragment}).content.decode()
    assert "Nguyễn Văn Thử" in client.get(reverse("members:list"), {"q": whole}).content.decode()

    def exported(q):
        return exported_names(client.get(reverse("members:export"), {"q": q}).content)

    assert exported(fragment) == []
    assert exported(whole) == ["Nguyễn Văn Thử"]
    where = sorted(AuditEntry.objects.filter(action=search.SEARCH_ACTION).values_list("changes___data__where", flat=True))
    assert len(where) == 4 and reverse("members:export") in where and reverse("members:list") in where


def test_search_text_holds_names_only(cast, twins):
    a, _b = twins
    assert Member.objects.get(pk=a.pk).search_text == "nguyen van thu"
    # the other lists searching a member's search_text (badges, residence, cards) find no number in it
    assert not Member.objects.filter(search_text__contains="0380").exists()


def test_candidates_are_found_by_the_whole_citizen_id_only(client, cast):
    from dangvu.admissions import selectors

    candidate = make_candidate(cast.tree.cell_a1, "Đỗ Thị Ứng", sex="female", born=dt.date(2000, 1, 2), citizen_id="038300001234")
    everyone = Candidate.objects.all()
    assert list(selectors.candidate_search(everyone, "0383", cast.officer_a)) == []
    assert list(selectors.candidate_search(everyone, "038300001234", cast.officer_a)) == [candidate]
    assert list(selectors.candidate_search(everyone, "do thi ung", cast.officer_a)) == [candidate]
    assert AuditEntry.objects.filter(action=search.SEARCH_ACTION, object_type="admissions.candidate").count() == 2


# ---------------------------------------------------------------- the property

DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=12)
PART = st.sampled_from(NUMBERS).flatmap(
    lambda n: st.tuples(st.integers(0, len(n) - 1), st.integers(1, len(n))).map(lambda ij: n[ij[0]:ij[0] + ij[1]]))
SEPARATED = PART.flatmap(lambda p: st.sampled_from([" ", ".", "-", ""]).map(lambda sep: sep.join(p[i:i + 4] for i in range(0, len(p), 4))))
QUERY = st.one_of(PART, SEPARATED, DIGITS, st.sampled_from(NUMBERS),
                  st.tuples(st.sampled_from(["", "nguyen ", "thu ", "van "]), PART).map("".join),
                  st.text(alphabet=string.ascii_lowercase + string.digits + " .-", max_size=14))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries=st.lists(QUERY, min_size=1, max_size=6))
def test_no_sequence_of_searches_reveals_more_than_the_mask(cast, twins, queries):
    """For a user who may not reveal the numbers, the twins (same name, same masks, different digits)
    are found or missed together by every search that does not name one of their numbers whole: so no
    sequence of searches tells them apart, i.e. learns a digit the mask hides."""
    a, b = twins
    assert {masking.mask(f, TWIN_A[f]) for f in TWIN_A} == {masking.mask(f, TWIN_B[f]) for f in TWIN_B}
    transcript_a, transcript_b = [], []
    for q in queries:
        for user in (cast.viewer_a, cast.secretary_a1):
            visible = Member.objects.visible_to(user)
            found = set(search.search_members(visible, user, q).values_list("pk", flat=True))
            _name, numbers = search.split(q)
            whole_a = any(n in TWIN_A.values() for n in numbers)
            whole_b = any(n in TWIN_B.values() for n in numbers)
            if numbers:  # a search by number finds a twin only through its whole number
                assert (a.pk not in found) or whole_a, q
                assert (b.pk not in found) or whole_b, q
            if not (whole_a or whole_b):
                transcript_a.append(a.pk in found)
                transcript_b.append(b.pk in found)
    assert transcript_a == transcript_b


# ---------------------------------------------------------------- histories mask like the record

@pytest.fixture
def reissued(cast, twins):
    """Twin A's card reissued: the history holds the old and new numbers and a note "thẻ số …"."""
    a, _b = twins
    awards.issue_card(by=SYSTEM, member=a, number="55556666", kind="reissue_lost", issued_on=dt.date(2026, 3, 1),
                      reason="Mất")
    return a


def test_history_tab_masks_card_numbers_everywhere(client, cast, reissued):
    """The issue: the tab showed `number`, `previous_number` and the note "thẻ số …" in full to the leader."""
    for user in (cast.viewer_a, cast.officer_a, cast.admin):
        client.force_login(user)
        html = client.get(reverse("members:detail", args=[reissued.pk]) + "?tab=audit").content.decode()
        for full in ("55556666", "11112222", "038080123456"):
            assert full not in html, (user.username, full)
        assert "******66" in html and "******22" in html


def test_global_audit_log_and_api_mask_like_the_pages(client, cast, reissued):
    client.force_login(cast.admin)
    html = client.get(reverse("audit:log")).content.decode()
    assert "55556666" not in html and "038080123456" not in html and "******66" in html
    entry = AuditEntry.objects.get(action="awards.card")
    data = AuditEntrySerializer(entry).data
    assert data["changes"]["party_card_number"] == ["******22", "******66"]
    assert data["changes"]["_data"]["number"] == "******66" and data["changes"]["_data"]["previous_number"] == "******22"
    assert "55556666" not in data["note"] and "******66" in data["note"]
    # the stored entry keeps the real values (it is the record), only the reading is masked
    entry.refresh_from_db()
    assert entry.changes["_data"]["number"] == "55556666"


def test_mask_text_masks_long_digit_runs_and_known_values():
    assert masking.mask_text("thẻ số 19513074, ngày 16/12/2025, QĐ 423-QĐ/TU") == "thẻ số ******74, ngày 16/12/2025, QĐ 423-QĐ/TU"
    assert masking.mask_text("về Số 12 thôn Đông", [("residence_address", "Số 12 thôn Đông", None)]) == "về ***"


# ---------------------------------------------------------------- one reveal path, audited on every channel

def test_api_reveal_refused_is_audited_like_the_page(cast, twins):
    a, _b = twins
    response = api(cast.viewer_a).get(f"/api/members/{a.pk}/", {"reveal": "citizen_id"})
    assert response.status_code == 403
    refused = AuditEntry.objects.get(action="members.reveal_refused")
    assert refused.actor == cast.viewer_a and refused.object_id == str(a.pk) and refused.changes["_data"]["field"] == "citizen_id"
    response = api(cast.officer_a).get(f"/api/members/{a.pk}/", {"reveal": "citizen_id"})
    assert response.status_code == 200 and response.json()["citizen_id"] == TWIN_A["citizen_id"]
    assert AuditEntry.objects.filter(action="members.reveal", actor=cast.officer_a).count() == 1


def test_party_cards_api_masks_for_inspectors_until_the_audited_reveal(cast, reissued):
    from dangvu.accounts import services as account_services
    from dangvu.accounts.models import Role
    from tests.conftest import _user

    inspector = _user("inspector_a", "Mai Văn Soát")
    account_services.grant_scope(by=SYSTEM, user=inspector, organization=cast.tree.district_a, role=Role.INSPECTION_OFFICER)
    rows = api(inspector).get("/api/party-cards/").json()["results"]
    assert [(r["number"], r["previous_number"]) for r in rows] == [("******66", "******22")]
    card = rows[0]["id"]
    shown = api(inspector).get(f"/api/party-cards/{card}/", {"reveal": "number"}).json()
    assert shown["number"] == "55556666" and shown["previous_number"] == "******22"
    entry = AuditEntry.objects.get(action="members.reveal", actor=inspector)
    assert entry.changes["_data"] == {"field": "party_card_number", "source": "lịch sử cấp thẻ"}
    assert api(cast.secretary_a1).get(f"/api/party-cards/{card}/", {"reveal": "number"}).status_code == 403
    assert AuditEntry.objects.filter(action="members.reveal_refused", actor=cast.secretary_a1).count() == 1
