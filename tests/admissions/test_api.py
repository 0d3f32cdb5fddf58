"""/api/candidates/ and /api/probations/: scope, the permission matrix, steps, rules as 400s, the schema."""

import datetime as dt

import pytest

from dangvu.admissions.kinds import Stage, Step, VoteProposal
from dangvu.admissions.models import Candidate
from dangvu.members.models import Member
from dangvu.references.models import ReferenceItem
from tests.admissions import advance, candidate, full_members, step_data
from tests.members import register

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_for_tests")]
D = dt.date
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]


def results(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def _json(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v.pk if hasattr(v, "pk") else v) for k, v in data.items()}


@pytest.fixture
def world(cast, cell_members):
    b_members = full_members(cast.tree.cell_b1, names=("Hoàng Văn Bắc", "Lý Thị Nam", "Đào Văn Tây"))
    return {
        "introduced": advance(candidate(cast.tree.cell_a1, "Nguyễn Văn Tiến"), Step.INTRODUCERS, introducers=cell_members[:2]),
        "waiting": advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.COMMITTEE_VOTE, introducers=cell_members[:2]),
        "in_b": advance(candidate(cast.tree.cell_b1, "Đỗ Văn Bình"), Step.INTRODUCERS, introducers=b_members[:2]),
        "probationer": register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 6, 2),
                                full=False),
        "b_probationer": register("Hà Văn Dự", cast.tree.cell_b1, born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False),
        "members": cell_members,
    }


def test_candidate_list_is_scoped_and_carries_stage_and_due(api, cast, world):
    names = {who: {r["full_name"] for r in results(api(getattr(cast, who)).get("/api/candidates/"))} for who in CAST}
    assert names["officer_a"] == names["secretary_a1"] == names["viewer_a"] == {"Nguyễn Văn Tiến", "Trần Văn Lực"}
    assert names["officer_b"] == {"Đỗ Văn Bình"} and names["member_a1"] == set() and len(names["admin"]) == 3
    rows = {r["full_name"]: r for r in results(api(cast.officer_a).get("/api/candidates/"))}
    waiting = rows["Trần Văn Lực"]
    assert waiting["stage"] == Stage.COMMITTEE_APPROVED and waiting["next_step"] == "decision"
    # 60 working days after the cell (20/3/2026), past 27/4 (Giỗ Tổ on Sunday), 30/4 and 1/5.
    assert waiting["due"]["label"] == "Hạn quyết định kết nạp" and waiting["due"]["date"] == "2026-06-17"
    assert waiting["citizen_id"].count("*") == 6 and waiting["can_decide"] is True
    assert results(api(cast.officer_a).get("/api/candidates/", {"stage": "committee_approved"}))[0]["full_name"] == "Trần Văn Lực"
    assert [r["full_name"] for r in results(api(cast.officer_a).get("/api/candidates/", {"q": "tien"}))] == ["Nguyễn Văn Tiến"]
    secretary = {r["full_name"]: r for r in results(api(cast.secretary_a1).get("/api/candidates/"))}
    assert secretary["Trần Văn Lực"]["can_propose"] is True and secretary["Trần Văn Lực"]["can_decide"] is False


def test_candidate_detail_matrix(api, cast, world):
    expected = {"introduced": [200, 200, 200, 404, 200, 404], "in_b": [200, 404, 404, 404, 404, 200]}
    for key, statuses in expected.items():
        for who, status in zip(CAST, statuses, strict=True):
            got = api(getattr(cast, who)).get(f"/api/candidates/{world[key].pk}/").status_code
            assert got == status, f"{who} {key}: {got}"
    detail = api(cast.viewer_a).get(f"/api/candidates/{world['introduced'].pk}/").json()
    assert [s["step"] for s in detail["steps"]][:3] == ["certificate", "application", "background-statement"]
    assert detail["introducer_1_name"] == "Lê Văn Hùng" and detail["next_step"] == "cell-vote"


def test_step_matrix(api, cast, world):
    """A step POST: allowed → 200, visible but not allowed → 403, outside the scope → 404."""
    cases = [("introduced", "cell-vote", Step.CELL_VOTE, [200, None, None, 404, 403, 404]),
             ("waiting", "decision", Step.DECISION, [200, None, 403, 404, 403, 404]),
             ("in_b", "cell-vote", Step.CELL_VOTE, [404, 404, 404, 404, 404, 200])]
    for key, slug, step, statuses in cases:
        order = ["viewer_a", "member_a1", "officer_b", "secretary_a1", "officer_a", "admin"]
        for who in order:
            status = statuses[CAST.index(who)]
            if status is None:
                continue
            c = Candidate.objects.get(pk=world[key].pk)
            if c.next_step != step:
                continue
            response = api(getattr(cast, who)).post(f"/api/candidates/{c.pk}/{slug}/", _json(step_data(step)), format="json")
            assert response.status_code == status, f"{who} {slug} {key}: {response.status_code} {response.content[:300]}"
    assert Candidate.objects.get(pk=world["introduced"].pk).stage == Stage.CELL_APPROVED
    assert Candidate.objects.get(pk=world["waiting"].pk).stage == Stage.DECIDED
    assert Candidate.objects.get(pk=world["in_b"].pk).stage == Stage.CELL_APPROVED


def test_create_and_the_whole_pipeline_through_the_api(api, cast, world):
    client = api(cast.officer_a)
    response = client.post("/api/candidates/", {"organization": cast.tree.cell_a1.pk, "full_name": "Lê Thị Hoa", "sex": "female",
                                                "date_of_birth": "1998-06-15", "citizen_id": "038198123456",
                                                "home_town": "xã An Lạc", "youth_union_date": "2014-03-26",
                                                "general_education": ReferenceItem.objects.get(
                                                    list_code="general_education", code="thcs").pk}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["stage"] == Stage.PROPOSED and response.json()["next_step"] == "certificate"
    members = world["members"]
    version = response.json()["version"]
    for step in Step:
        data = _json(step_data(step, introducers=members[:2])) | {"version": version}
        if step == Step.INTRODUCERS:  # 27 on the introduction date, a Youth Union unit: its executive and one member (A9)
            data |= {"introducing_organization": "youth_union", "introducing_organization_name": "Ban Chấp hành Đoàn xã An Lạc",
                     "introducer_2": None, "introducer_2_since": None}
        slug = {"background": "background-statement", "cell_vote": "cell-vote", "committee_vote": "committee-vote"}.get(step, step)
        response = client.post(f"/api/candidates/{pk}/{slug}/", data, format="json")
        assert response.status_code == 200, (step, response.content)
        version = response.json()["version"]
    body = response.json()
    assert body["stage"] == Stage.ADMITTED and body["member"] is not None
    assert body["deciding_body"] == "Ban Thường vụ Huyện ủy An Lạc"
    member = Member.objects.get(pk=body["member"])
    assert member.status == "probationary" and member.full_name == "Lê Thị Hoa"


def test_rules_answer_400_naming_the_field(api, cast, world):
    c = world["introduced"]
    response = api(cast.officer_a).post(f"/api/candidates/{c.pk}/cell-vote/", _json(step_data(Step.CELL_VOTE, votes_for=1)),
                                        format="json")
    assert response.status_code == 400
    body = response.json()
    assert "votes_for" in body and body["violations"][0]["code"] == "admission.vote_two_thirds"
    assert "A10" in body["violations"][0]["source"]
    response = api(cast.officer_a).post(f"/api/candidates/{c.pk}/decision/", _json(step_data(Step.DECISION)), format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "admission.step_order"
    response = api(cast.officer_a).post(f"/api/candidates/{c.pk}/cell-vote/", {"cell_meeting_date": "32/13/2026"}, format="json")
    assert response.status_code == 400 and "cell_meeting_date" in response.json() and "full_members" in response.json()
    stale = _json(step_data(Step.CELL_VOTE)) | {"version": 1}
    response = api(cast.officer_a).post(f"/api/candidates/{c.pk}/cell-vote/", stale, format="json")
    assert response.status_code == 409


def test_introducers_resolve_only_among_visible_members(api, cast, world):
    c = advance(candidate(cast.tree.cell_a1, "Lê Văn Mới"), Step.VERIFICATION)
    outsider = register("Hoàng Văn Xa", cast.tree.cell_b1)
    data = _json(step_data(Step.INTRODUCERS, introducers=[world["members"][0], outsider]))
    response = api(cast.officer_a).post(f"/api/candidates/{c.pk}/introducers/", data, format="json")
    assert response.status_code == 400 and "không tồn tại hoặc ngoài phạm vi quyền" in str(response.json()["introducer_2"])


def test_withdraw_and_update(api, cast, world):
    c = world["introduced"]
    response = api(cast.viewer_a).post(f"/api/candidates/{c.pk}/withdraw/", {"withdrawal_kind": "withdrawn",
                                                                               "withdrawn_on": "2026-03-20",
                                                                               "withdrawal_reason": "x"}, format="json")
    assert response.status_code == 403
    response = api(cast.secretary_a1).patch(f"/api/candidates/{c.pk}/", {"workplace": "Trạm Y tế xã"}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    response = api(cast.secretary_a1).patch(f"/api/candidates/{c.pk}/", {"workplace": "Trạm Y tế xã", "version": c.version},
                                            format="json")
    assert response.status_code == 200 and response.json()["workplace"] == "Trạm Y tế xã"
    response = api(cast.secretary_a1).post(f"/api/candidates/{c.pk}/withdraw/", {
        "withdrawal_kind": "withdrawn", "withdrawn_on": "2026-03-20", "withdrawal_reason": ""}, format="json")
    assert response.status_code == 400 and "withdrawal_reason" in response.json()
    response = api(cast.secretary_a1).post(f"/api/candidates/{c.pk}/withdraw/", {
        "withdrawal_kind": "withdrawn", "withdrawn_on": "2026-03-20", "withdrawal_reason": "Chuyển công tác"}, format="json")
    assert response.status_code == 200 and response.json()["stage"] == Stage.WITHDRAWN


def test_create_matrix(api, cast):
    data = {"organization": cast.tree.cell_a1.pk, "full_name": "Lê Thị Hoa", "sex": "female", "date_of_birth": "1998-06-15"}
    statuses = {"viewer_a": 403, "member_a1": 403, "officer_b": 400, "secretary_a1": 201}
    for who, status in statuses.items():
        response = api(getattr(cast, who)).post("/api/candidates/", data, format="json")
        assert response.status_code == status, (who, response.content)
    # An organization outside the scope does not resolve (400 on the field, its existence not told).
    assert "organization" in api(cast.officer_b).post("/api/candidates/", data, format="json").json()


def test_probations_list_detail_and_matrix(api, cast, world):
    rows = results(api(cast.officer_a).get("/api/probations/"))
    assert [r["full_name"] for r in rows] == ["Vũ Thị Dự"]
    row = rows[0]
    assert (row["probation_start"], row["probation_end"], row["proposal_deadline"]) == ("2025-06-02", "2026-06-02", "2026-07-14")
    assert row["overdue"] is True and row["due"]["label"] == "Hạn chi bộ xét, đề nghị"
    assert results(api(cast.officer_a).get("/api/probations/", {"due": "overdue"}))[0]["full_name"] == "Vũ Thị Dự"
    assert results(api(cast.officer_a).get("/api/probations/", {"due": "ending_soon"})) == []
    assert results(api(cast.member_a1).get("/api/probations/")) == []
    pk = world["probationer"].pk
    for who, status in zip(CAST, [200, 200, 200, 404, 200, 404], strict=True):
        assert api(getattr(cast, who)).get(f"/api/probations/{pk}/").status_code == status, who
    vote = {"proposal": VoteProposal.RECOGNIZE, "meeting_date": "2026-06-05", "full_members": 3, "votes_for": 3}
    for who, status in (("viewer_a", 403), ("officer_b", 404), ("member_a1", 404)):
        assert api(getattr(cast, who)).post(f"/api/probations/{pk}/votes/", vote, format="json").status_code == status, who
    response = api(cast.secretary_a1).post(f"/api/probations/{pk}/votes/", vote, format="json")
    assert response.status_code == 201 and response.json()["votes"][0]["passed"] is True
    decision = {"decision_number": "45-QĐ/HU", "decision_date": "2026-06-15"}
    assert api(cast.secretary_a1).post(f"/api/probations/{pk}/recognize/", decision, format="json").status_code == 403
    response = api(cast.officer_a).post(f"/api/probations/{pk}/recognize/", decision, format="json")
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["event_type"] == "recognized" and event["effective_date"] == "2026-06-02"
    assert event["deciding_body"] == "Ban Thường vụ Huyện ủy An Lạc"  # 15/6/2026: before QĐ 208
    # A full member is not on the probation list any more.
    assert api(cast.officer_a).get(f"/api/probations/{pk}/").status_code == 404


def test_probation_rules_as_400(api, cast, world):
    pk = world["probationer"].pk
    early = {"proposal": VoteProposal.RECOGNIZE, "meeting_date": "2026-06-01", "full_members": 3, "votes_for": 3}
    response = api(cast.officer_a).post(f"/api/probations/{pk}/votes/", early, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "probation.vote_before_end"
    response = api(cast.officer_a).post(f"/api/probations/{pk}/strike-off/", {
        "decision_number": "60-QĐ/HU", "decision_date": "2026-03-10", "reason": "x"}, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "probation.no_resolution"


def test_schema_lists_the_endpoints(api, cast):
    paths = api(cast.viewer_a).get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/candidates/", "/api/candidates/{id}/", "/api/candidates/{id}/cell-vote/", "/api/candidates/{id}/ceremony/",
                 "/api/candidates/{id}/withdraw/", "/api/probations/", "/api/probations/{id}/votes/",
                 "/api/probations/{id}/recognize/", "/api/probations/{id}/strike-off/"):
        assert path in paths, path
    assert "delete" not in paths["/api/candidates/{id}/"]
