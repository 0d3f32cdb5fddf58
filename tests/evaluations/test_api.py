"""The review API: scoped reads, the three steps through the same services, 400/403/404/409."""

import pytest

from dangvu.evaluations import rules
from dangvu.evaluations.kinds import Step
from tests.evaluations.conftest import review_of

G = rules.Grade
pytestmark = pytest.mark.django_db


def test_reads_are_scoped(api, cast, people, campaign):
    own = review_of(campaign, people.cuong)
    assert api(cast.officer_b).get(f"/api/review-campaigns/{campaign.pk}/").status_code == 404
    assert api(cast.secretary_a1).get(f"/api/review-campaigns/{campaign.pk}/").status_code == 200
    mine = api(cast.member_a1).get("/api/member-reviews/").json()
    assert [r["id"] for r in mine["results"]] == [own.pk]
    cell = api(cast.secretary_a1).get(f"/api/member-reviews/?campaign={campaign.pk}").json()
    assert cell["count"] == 8  # the cell's six graded members and the two excluded
    assert api(people.secretary_a2).get(f"/api/member-reviews/{own.pk}/").status_code == 404
    progress = api(cast.officer_a).get(f"/api/review-campaigns/{campaign.pk}/progress/").json()
    assert {p["organization_name"]: p["members"] for p in progress} == {"Chi bộ thôn Đông": 8, "Chi bộ thôn Tây": 3}


def test_full_cycle_through_the_api(api, cast, people, campaign):
    own = review_of(campaign, people.cuong)
    body = {"version": own.version, "self_text": "Tự kiểm điểm", "self_grade": G.GOOD, "criteria_score": "27",
            "results_score": "55"}
    assert api(cast.secretary_a1).post(f"/api/member-reviews/{own.pk}/self-assessment/", body, format="json").status_code == 403
    done = api(cast.member_a1).post(f"/api/member-reviews/{own.pk}/self-assessment/", body, format="json")
    assert done.status_code == 200 and done.json()["step"] == Step.SELF_ASSESSED
    stale = api(cast.member_a1).post(f"/api/member-reviews/{own.pk}/self-assessment/", body, format="json")
    assert stale.status_code == 409
    rows = [{"review": review_of(campaign, m).pk, "grade": G.EXCELLENT if i < 2 else G.GOOD,
             "score": "95" if i < 2 else "80", "votes_present": 6, "votes_for": 6} for i, m in enumerate(people.a1)]
    grading = {"campaign": campaign.pk, "cell": cast.tree.cell_a1.pk, "rows": rows}
    refused = api(cast.secretary_a1).post("/api/member-reviews/cell-grading/", grading, format="json")
    assert refused.status_code == 400 and "đã chọn 2 xuất sắc / tối đa 0" in str(refused.json())
    assert api(people.secretary_a2).post("/api/member-reviews/cell-grading/", grading, format="json").status_code in (400, 404)
    rows[1] |= {"grade": G.GOOD, "score": "80"}
    ok = api(cast.secretary_a1).post("/api/member-reviews/cell-grading/", grading, format="json")
    assert ok.status_code == 200 and len(ok.json()) == 6
    decision = {"campaign": campaign.pk, "organization": cast.tree.grassroots_a.pk, "decision_number": "45-QĐ/ĐU",
                "decided_on": "2027-01-10", "rows": [{"review": r["review"], "grade": r["grade"]} for r in rows]}
    assert api(cast.secretary_a1).post("/api/member-reviews/decisions/", decision, format="json").status_code == 400
    decided = api(cast.officer_a).post("/api/member-reviews/decisions/", decision, format="json")
    assert decided.status_code == 200 and {r["grade"] for r in decided.json()} == {G.EXCELLENT, G.GOOD}


def test_organization_decision_by_the_direct_superior(api, cast, people, campaign):
    review = campaign.organization_reviews.get(organization=cast.tree.cell_a1)
    body = {"grade": G.GOOD, "decision_number": "50-QĐ/ĐU", "decided_on": "2027-01-12"}
    assert api(cast.secretary_a1).post(f"/api/organization-reviews/{review.pk}/decision/", body,
                                       format="json").status_code == 403
    assert api(cast.officer_b).post(f"/api/organization-reviews/{review.pk}/decision/", body,
                                    format="json").status_code == 404
    unscored = api(cast.officer_a).post(f"/api/organization-reviews/{review.pk}/decision/", body, format="json")
    assert unscored.status_code == 400 and "thang 100 điểm" in str(unscored.json())
    own = {"self_text": "Mẫu 01", "self_grade": G.GOOD, "criteria_score": "26", "results_score": "60"}
    assert api(cast.secretary_a1).post(f"/api/organization-reviews/{review.pk}/self-assessment/", own,
                                       format="json").status_code == 200
    done = api(cast.officer_a).post(f"/api/organization-reviews/{review.pk}/decision/", body, format="json")
    assert done.status_code == 200 and done.json()["deciding_body"] == "Đảng ủy xã An Lạc"


def test_schema_lists_the_review_endpoints(api, cast):
    schema = api(cast.officer_a).get("/api/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()
    for path in ("/api/review-campaigns/", "/api/member-reviews/cell-grading/", "/api/member-reviews/decisions/",
                 "/api/organization-reviews/{id}/decision/"):
        assert path in text


def test_commendations_api_is_scoped_and_refuses_with_the_rule(cast, people, api):
    from tests.evaluations.test_commendations import decide_year

    decide_year(cast, people, 2026, excellent=[people.cuong])
    payload = {"level": "certificate", "year": 2026, "member": people.cuong.pk, "consecutive_years": 2,
               "decision_number": "9-QĐ/HU", "decided_on": "2027-02-01", "reason": "Hoàn thành xuất sắc nhiệm vụ"}
    refused = api(cast.officer_a).post("/api/commendations/", payload, format="json")
    assert refused.status_code == 400 and "1 năm liền" in refused.content.decode()
    created = api(cast.officer_a).post("/api/commendations/", payload | {"consecutive_years": 1}, format="json")
    assert created.status_code == 201 and created.json()["subject_name"] == "Lê Văn Cường"
    assert api(cast.officer_b).get(f"/api/commendations/{created.json()['id']}/").status_code == 404
    assert api(cast.officer_b).post("/api/commendations/", payload, format="json").status_code == 400  # member unseen
    assert [r["id"] for r in api(cast.member_a1).get("/api/commendations/").json()["results"]] == [created.json()["id"]]
