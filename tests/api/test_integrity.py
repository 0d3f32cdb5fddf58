"""Integrity on every path (issue 8 §3): register-owned fields are written only by their service,
a card number belongs to one member for ever (in the database), repeats write once (natural keys),
and the API honours `Idempotency-Key` on POST.

The thread races at the end need PostgreSQL (row locks, real concurrent transactions); the rest
runs on both databases.
"""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services as admission_services
from dangvu.admissions.kinds import Step, VoteProposal
from dangvu.admissions.models import ProbationVote
from dangvu.api.models import IdempotencyKey
from dangvu.awards import card_numbers
from dangvu.awards import services as award_services
from dangvu.awards.models import CardNumber, PartyCard
from dangvu.core.errors import RuleViolation
from dangvu.members import services as member_services
from dangvu.members.models import Member
from dangvu.organizations import committees
from dangvu.organizations.models import CommitteeMember
from tests.admissions import advance, candidate, full_members
from tests.members import register

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_for_tests")]
D = dt.date


def codes(response) -> list[str]:
    return [v["code"] for v in response.json().get("violations", [])]


def card_body(member, number="22223333", **extra) -> dict:
    return {"member": member.pk, "kind": "reissue_lost", "number": number, "issued_on": "2026-03-01", "reason": "Mất",
            **extra}


# ---------------------------------------------------------------- register-owned fields

def test_patch_member_cannot_set_the_card_number(cast, api):
    holder = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    other = register("Lê Văn Ba", cast.tree.cell_a1)
    response = api(cast.officer_a).patch(f"/api/members/{other.pk}/", {"version": other.version,
                                                                      "party_card_number": "12345678"}, format="json")
    assert response.status_code == 400
    assert response.json()["party_card_number"][0].startswith("Số thẻ đảng viên: chỉ thay đổi khi cấp thẻ")
    # Not even a number nobody holds: the card register (POST /api/party-cards/) gives numbers.
    response = api(cast.officer_a).patch(f"/api/members/{other.pk}/", {"version": other.version,
                                                                      "party_card_number": "99998888"}, format="json")
    assert response.status_code == 400 and "party_card_number" in response.json()
    other.refresh_from_db()
    holder.refresh_from_db()
    assert other.party_card_number is None and other.version == 1 and holder.party_card_number == "12345678"


def test_update_service_refuses_the_card_number(cast):
    m = register("Lê Văn Ba", cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        member_services.update_member(by=cast.officer_a, member=m, expected_version=1, party_card_number="99998888")
    assert [v.code for v in exc.value.violations] == ["member.card_number_owned"]
    assert exc.value.violations[0].field == "party_card_number"


def test_edit_page_does_not_take_the_card_number(cast, client):
    from dangvu.members.forms import EditForm, RecordForm

    m = register("Lê Văn Ba", cast.tree.cell_a1, party_card_number="12345678")
    data = {k: ("" if v is None else v.pk if hasattr(v, "pk") else v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v)
            for k, v in RecordForm.initial_for(m).items()}
    data["party_card_number"] = "99998888"
    form = EditForm(data, member=m, initial=RecordForm.initial_for(m))
    assert form.fields["party_card_number"].disabled
    assert form.is_valid(), form.errors
    assert "party_card_number" not in form.record()


def test_recognition_date_needs_a_recognition_event(cast, api):
    probationer = register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False)
    response = api(cast.officer_a).patch(f"/api/members/{probationer.pk}/", {"version": probationer.version,
                                                                            "recognition_date": "2026-06-02"}, format="json")
    assert response.status_code == 400, response.json()
    assert codes(response) == ["member.recognition_without_event"]
    assert response.json()["recognition_date"][0].startswith("Ngày công nhận chính thức: Vũ Thị Dự chưa được công nhận")
    probationer.refresh_from_db()
    assert probationer.recognition_date is None and probationer.status == "probationary"
    # A full member's recognition date is corrected, and the recognition event follows it.
    full = register("Lê Văn Ba", cast.tree.cell_a1, admitted=D(2012, 6, 1))
    response = api(cast.officer_a).patch(f"/api/members/{full.pk}/", {"version": full.version,
                                                                     "recognition_date": "2013-06-03"}, format="json")
    assert response.status_code == 200, response.json()
    assert full.events.get(event_type="recognized").effective_date == D(2013, 6, 3)


# ---------------------------------------------------------------- a card number belongs to one member, in the database

def test_the_database_refuses_a_number_the_register_gives_another_member(cast):
    assert card_numbers.installed()
    a = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    b = register("Lê Văn Ba", cast.tree.cell_a1)
    assert CardNumber.objects.get(number="12345678").member_id == a.pk  # claimed by the trigger on insert
    # a's card is exchanged: 12345678 is free on the member table but stays a's for ever.
    award_services.issue_card(by=SYSTEM, member=a, number="55556666", kind="exchange", issued_on=D(2026, 3, 1))
    for write in (lambda: Member.objects.filter(pk=b.pk).update(party_card_number="12345678"),
                  lambda: Member.objects.filter(pk=b.pk).update(party_card_number="55556666")):
        with pytest.raises(IntegrityError), transaction.atomic():
            write()
    # A new member cannot be entered with it either, and the refusal names the field in Vietnamese.
    with pytest.raises(RuleViolation) as exc:
        register("Phạm Văn Tư", cast.tree.cell_a1, party_card_number="12345678")
    assert [(v.code, v.field) for v in exc.value.violations] == [("member.party_card_number_taken", "party_card_number")]
    # Any number written directly is claimed for that member.
    Member.objects.filter(pk=b.pk).update(party_card_number="77778888")
    assert CardNumber.objects.get(number="77778888").member_id == b.pk


def test_trigger_survives_migrate(cast):
    from django.core.management import call_command

    with connection.cursor() as cursor:
        drops = card_numbers._DROP[connection.vendor]
        for sql in drops[:1] if connection.vendor == "postgresql" else drops:
            cursor.execute(sql)
    assert not card_numbers.installed()
    call_command("migrate", verbosity=0)
    assert card_numbers.installed()


# ---------------------------------------------------------------- repeats write once

def test_the_same_card_issue_twice_writes_one_card(cast, api):
    a = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    client = api(cast.officer_a)
    assert client.post("/api/party-cards/", card_body(a), format="json").status_code == 201
    again = client.post("/api/party-cards/", card_body(a), format="json")
    assert again.status_code == 400 and codes(again) == ["card.already_recorded"]
    assert again.json()["number"][0].startswith("Số thẻ: cấp lại thẻ bị mất số 22223333 ngày 01/03/2026")
    assert PartyCard.objects.count() == 1


def _probation_world(cast):
    full_members(cast.tree.cell_a1)
    return register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False)


FAILED_VOTE = {"proposal": VoteProposal.RECOGNIZE, "meeting_date": "2026-06-05", "full_members": 3, "votes_for": 1}


def test_the_same_probation_vote_twice_counts_once(cast, api):
    probationer = _probation_world(cast)
    client = api(cast.secretary_a1)
    assert client.post(f"/api/probations/{probationer.pk}/votes/", FAILED_VOTE, format="json").status_code == 201
    again = client.post(f"/api/probations/{probationer.pk}/votes/", FAILED_VOTE, format="json")
    assert again.status_code == 400 and codes(again) == ["probation.vote_recorded"]
    assert "meeting_date" in again.json()
    assert ProbationVote.objects.filter(member=probationer).count() == 1
    # Another meeting is another vote.
    later = FAILED_VOTE | {"meeting_date": "2026-07-01"}
    assert client.post(f"/api/probations/{probationer.pk}/votes/", later, format="json").status_code == 201


def _term(cast):
    return committees.create_term(by=SYSTEM, organization=cast.tree.grassroots_a, name="2020–2025", start_date=D(2020, 7, 15))


def test_the_same_person_gets_one_seat_per_term(cast, api):
    person = register("Nguyễn Văn Bình", cast.tree.cell_a1)
    term = _term(cast)
    client = api(cast.officer_a)
    seat = {"member": person.pk, "position": "member", "start_date": "01/06/2021"}
    assert client.post(f"/api/committee-terms/{term.pk}/seats/", seat, format="json").status_code == 201
    again = client.post(f"/api/committee-terms/{term.pk}/seats/", seat, format="json")
    assert again.status_code == 400 and codes(again) == ["seat.duplicate"]
    # An earlier start date does not slip past the open seat (it overlaps it).
    earlier = client.post(f"/api/committee-terms/{term.pk}/seats/", seat | {"start_date": "01/01/2021"}, format="json")
    assert earlier.status_code == 400 and codes(earlier) == ["seat.duplicate"]
    assert CommitteeMember.objects.filter(member=person).count() == 1
    # The database holds it too: a second open seat of the same member in the term cannot be written.
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeMember.objects.bulk_create([CommitteeMember(term=term, member=person, full_name=person.full_name,
                                                             position="standing_member", start_date=D(2022, 1, 1))])


def test_natural_keys_of_terms_and_open_candidates_hold_in_the_database(cast):
    from dangvu.admissions.models import Candidate
    from dangvu.organizations.models import CommitteeTerm

    term = _term(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeTerm.objects.bulk_create([CommitteeTerm(organization=term.organization, name="lặp", start_date=term.start_date)])
    c = candidate(cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        candidate(cast.tree.cell_b1, citizen_id=c.citizen_id)
    assert [v.code for v in exc.value.violations] == ["candidate.citizen_id_taken"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidate.objects.bulk_create([Candidate(organization=cast.tree.cell_a1, full_name="Lặp", sex="male",
                                                 date_of_birth=c.date_of_birth, citizen_id=c.citizen_id)])


# ---------------------------------------------------------------- Idempotency-Key

def test_idempotency_key_replays_the_answer(cast, api):
    a = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    client = api(cast.officer_a)
    first = client.post("/api/party-cards/", card_body(a), format="json", HTTP_IDEMPOTENCY_KEY="the-key-1")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first
    again = client.post("/api/party-cards/", card_body(a), format="json", HTTP_IDEMPOTENCY_KEY="the-key-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert PartyCard.objects.count() == 1
    # The same key on another body (or route) names another request: 409 in Vietnamese.
    other = client.post("/api/party-cards/", card_body(a, number="33334444"), format="json", HTTP_IDEMPOTENCY_KEY="the-key-1")
    assert other.status_code == 409 and other.json()["detail"].startswith("Idempotency-Key: khóa này đã được dùng")
    # Keys are per user: the admin's "the-key-1" is not the officer's.
    admin = api(cast.admin).post("/api/party-cards/", card_body(a, number="33334444"), format="json",
                                 HTTP_IDEMPOTENCY_KEY="the-key-1")
    assert admin.status_code == 201 and "Idempotent-Replayed" not in admin
    assert PartyCard.objects.count() == 2


def test_a_refused_request_releases_its_key(cast, api):
    a = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    client = api(cast.officer_a)
    bad = client.post("/api/party-cards/", card_body(a, number="12"), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert bad.status_code == 400 and not IdempotencyKey.objects.exists()
    good = client.post("/api/party-cards/", card_body(a), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert good.status_code == 201


def test_a_malformed_key_is_400(cast, api):
    a = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    response = api(cast.officer_a).post("/api/party-cards/", card_body(a), format="json", HTTP_IDEMPOTENCY_KEY="có dấu")
    assert response.status_code == 400 and response.json()["detail"].startswith("Idempotency-Key: từ 1 đến 255 ký tự")
    assert not PartyCard.objects.exists()


def test_a_key_from_an_anonymous_caller_changes_nothing(cast, api):
    response = api().post("/api/party-cards/", {}, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    assert response.status_code in (401, 403) and not IdempotencyKey.objects.exists()


# ---------------------------------------------------------------- candidates: sane dates

def test_a_candidate_born_in_year_1_is_refused(cast):
    with pytest.raises(RuleViolation) as exc:
        candidate(cast.tree.cell_a1, born=D(1, 1, 1), citizen_id=None)
    assert "candidate.dob_too_early" in [v.code for v in exc.value.violations]


def test_a_certificate_too_early_for_the_birth_date_is_refused(cast):
    c = candidate(cast.tree.cell_a1, born=D(1998, 6, 15))
    with pytest.raises(RuleViolation) as exc:
        admission_services.record_certificate(by=SYSTEM, candidate=c, certificate_date=D(1, 1, 1))
    v = exc.value.violations
    assert [(x.code, x.field) for x in v] == [("admission.certificate_too_early", "awareness_certificate_date")]
    assert "15/06/2011" in v[0].message  # 18 years less the 60 months a certificate is valid
    with pytest.raises(RuleViolation):
        admission_services.record_certificate(by=SYSTEM, candidate=c, certificate_date=D(2011, 6, 14))
    advance(c, Step.CERTIFICATE)  # the test timeline's certificate date is fine


# ---------------------------------------------------------------- races (PostgreSQL)

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="thread races need PostgreSQL row locks")


def race(n: int, request) -> list:
    """Run `request()` in `n` threads at once; their statuses."""
    barrier = threading.Barrier(n)
    statuses: list = []

    def run():
        try:
            barrier.wait()
            statuses.append(request().status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_card_issues_write_one_card(cast, api):
    a = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    statuses = race(8, lambda: api(cast.officer_a).post("/api/party-cards/", card_body(a), format="json"))
    assert sorted(statuses) == [201] + [400] * 7
    assert PartyCard.objects.count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_probation_votes_count_once(cast, api):
    probationer = _probation_world(cast)
    statuses = race(8, lambda: api(cast.secretary_a1).post(f"/api/probations/{probationer.pk}/votes/", FAILED_VOTE,
                                                           format="json"))
    assert sorted(statuses) == [201] + [400] * 7
    assert ProbationVote.objects.filter(member=probationer).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_seat_adds_give_one_seat(cast, api):
    person = register("Nguyễn Văn Bình", cast.tree.cell_a1)
    term = _term(cast)
    seat = {"member": person.pk, "position": "member", "start_date": "01/06/2021"}
    statuses = race(8, lambda: api(cast.officer_a).post(f"/api/committee-terms/{term.pk}/seats/", seat, format="json"))
    assert sorted(statuses) == [201] + [400] * 7
    assert CommitteeMember.objects.filter(member=person).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_term_creates_give_one_term(cast, api):
    from dangvu.organizations.models import CommitteeTerm

    body = {"organization": cast.tree.grassroots_a.pk, "name": "2020–2025", "start_date": "15/07/2020"}
    statuses = race(8, lambda: api(cast.officer_a).post("/api/committee-terms/", body, format="json"))
    assert sorted(statuses) == [201] + [400] * 7
    assert CommitteeTerm.objects.filter(organization=cast.tree.grassroots_a).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_with_one_key_do_it_once(cast, api):
    a = register("Trần Văn Hai", cast.tree.cell_a1, party_card_number="12345678")
    statuses = race(8, lambda: api(cast.officer_a).post("/api/party-cards/", card_body(a), format="json",
                                                        HTTP_IDEMPOTENCY_KEY="race-key"))
    # One does it; each other one is answered with its replay or told the first is still running.
    assert statuses.count(201) >= 1 and set(statuses) <= {201, 409}
    assert PartyCard.objects.count() == 1
    assert api(cast.officer_a).post("/api/party-cards/", card_body(a), format="json",
                                    HTTP_IDEMPOTENCY_KEY="race-key").status_code == 201
    assert PartyCard.objects.count() == 1


def test_the_schema_names_the_header_on_every_post(cast, api):
    schema = api(cast.admin).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    posts = {path: ops["post"] for path, ops in schema["paths"].items() if "post" in ops}
    assert "/api/party-cards/" in posts
    for path, operation in posts.items():
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "header"]
        assert names.count("Idempotency-Key") == 1, path
        assert "409" in operation["responses"], path
