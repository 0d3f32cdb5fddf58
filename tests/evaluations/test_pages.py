"""The review pages and their permission matrix: a member, the cell's secretary, the secretary of another
cell, the district's officer and an outsider district's officer."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from dangvu.evaluations import rules
from dangvu.evaluations.kinds import Step
from tests.evaluations.conftest import review_of

D = dt.date
G = rules.Grade
pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(cast, campaign, people):
    t = cast.tree
    own = review_of(campaign, people.cuong)
    other = review_of(campaign, people.a1[1])
    org = campaign.organization_reviews.get(organization=t.cell_a1)
    return {
        "campaign": reverse("evaluations:campaign", args=[campaign.pk]),
        "self_own": reverse("evaluations:self", args=[own.pk]),
        "self_other": reverse("evaluations:self", args=[other.pk]),
        "cell": reverse("evaluations:cell", args=[campaign.pk, t.cell_a1.pk]),
        "decide": reverse("evaluations:decide", args=[campaign.pk, t.grassroots_a.pk]),
        "org": reverse("evaluations:organization", args=[campaign.pk, org.pk]),
        "self_docx": reverse("evaluations:self_docx", args=[own.pk]),
        "minutes_docx": reverse("evaluations:minutes_docx", args=[campaign.pk, t.cell_a1.pk]),
        "decision_docx": reverse("evaluations:decision_docx", args=[campaign.pk, t.grassroots_a.pk]),
        "commendations": reverse("evaluations:commendations", args=[campaign.pk]),
        "quota_groups": reverse("evaluations:quota_groups", args=[campaign.pk]),
    }


def _who(cast, people, name):
    return people.secretary_a2 if name == "secretary_a2" else getattr(cast, name)


OK, NO, NF = 200, 403, 404
MATRIX = {
    #                 member_a1  secretary_a1  secretary_a2  officer_a  officer_b
    "campaign":      (OK,        OK,           OK,           OK,        NF),
    "self_own":      (OK,        NO,           NF,           NO,        NF),
    "self_other":    (NF,        NO,           NF,           NO,        NF),
    "cell":          (NO,        OK,           NF,           OK,        NF),
    "decide":        (NF,        NF,           NF,           OK,        NF),
    "org":           (OK,        OK,           NF,           OK,        NF),
    "self_docx":     (OK,        OK,           NF,           OK,        NF),
    "minutes_docx":  (NO,        OK,           NF,           OK,        NF),
    "decision_docx": (NF,        NF,           NF,           OK,        NF),
    "commendations": (OK,        OK,           OK,           OK,        NF),
    "quota_groups":  (OK,        OK,           OK,           OK,        NF),
}
CAST = ["member_a1", "secretary_a1", "secretary_a2", "officer_a", "officer_b"]


@pytest.mark.parametrize("who", CAST)
def test_permission_matrix(client, cast, people, urls, who):
    client.force_login(_who(cast, people, who))
    got = {page: client.get(urls[page]).status_code for page in MATRIX}
    assert got == {page: codes[CAST.index(who)] for page, codes in MATRIX.items()}


def test_member_fills_in_their_own_self_assessment(client, cast, people, campaign, urls):
    client.force_login(cast.member_a1)
    page = client.get(reverse("evaluations:index"))
    assert urls["self_own"] in page.content.decode() and urls["self_other"] not in page.content.decode()
    response = client.post(urls["self_own"], {"self_text": "Hoàn thành nhiệm vụ được giao", "self_grade": G.GOOD,
                                              "criteria_score": "27", "results_score": "58,5", "version": "1"})
    assert response.status_code == 302
    review = review_of(campaign, people.cuong)
    assert review.step == Step.SELF_ASSESSED and review.self_score == Decimal("85.5")
    refused = client.post(urls["self_own"], {"self_text": "x", "self_grade": G.EXCELLENT, "criteria_score": "27",
                                             "results_score": "58,5", "version": str(review.version)})
    assert refused.status_code == 200 and "85,5 điểm chỉ đạt mức" in refused.content.decode()


def _cell_post(campaign, people, grades):
    data = {}
    for m, (grade, score) in grades.items():
        r = review_of(campaign, m)
        data |= {f"r{r.pk}-version": r.version, f"r{r.pk}-grade": grade, f"r{r.pk}-score": score,
                 f"r{r.pk}-comment": "Gương mẫu", f"r{r.pk}-votes_present": "6", f"r{r.pk}-votes_for": "6"}
    return data


def test_cell_screen_shows_the_live_quota_and_refuses_over_it(client, cast, people, campaign, urls):
    client.force_login(cast.secretary_a1)
    grades = {m: (G.EXCELLENT, "95") for m in people.a1[:2]} | {m: (G.GOOD, "80") for m in people.a1[2:]}
    data = _cell_post(campaign, people, grades)
    live = client.post(reverse("evaluations:cell_quota", args=[campaign.pk, cast.tree.cell_a1.pk]), data)
    assert "đã chọn 2 xuất sắc / tối đa 0" in live.content.decode() and "alert-danger" in live.content.decode()
    refused = client.post(urls["cell"], data)
    assert refused.status_code == 200 and "Tỷ lệ hoàn thành xuất sắc nhiệm vụ trong Chi bộ thôn Đông" in refused.content.decode()
    assert not campaign.member_reviews.filter(step=Step.PROPOSED).exists()
    grades = {people.a1[0]: (G.EXCELLENT, "95")} | {m: (G.GOOD, "80,5") for m in people.a1[1:]}
    saved = client.post(urls["cell"], _cell_post(campaign, people, grades))
    assert saved.status_code == 302
    assert campaign.member_reviews.filter(step=Step.PROPOSED).count() == 6
    assert review_of(campaign, people.a1[1]).score == Decimal("80.5")
    page = client.get(urls["cell"]).content.decode()
    assert "đã chọn 1 xuất sắc / tối đa 1" in page and "Miễn công tác và sinh hoạt đảng" in page


def test_decision_screen_decides_the_proposals(client, cast, people, campaign, urls):
    client.force_login(cast.secretary_a1)
    grades = {people.a1[0]: (G.EXCELLENT, "95")} | {m: (G.GOOD, "80") for m in people.a1[1:]}
    assert client.post(urls["cell"], _cell_post(campaign, people, grades)).status_code == 302
    client.force_login(cast.officer_a)
    data = {"decision_number": "45-QĐ/ĐU", "decided_on": "10/01/2027"}
    for r in campaign.member_reviews.filter(step=Step.PROPOSED):
        data |= {f"r{r.pk}-version": r.version, f"r{r.pk}-grade": r.proposed_grade}
    assert client.post(urls["decide"], data).status_code == 302
    assert campaign.member_reviews.filter(step=Step.DECIDED, grade=G.EXCELLENT).count() == 1
    overview = client.get(urls["campaign"]).content.decode()
    assert "Đảng bộ xã An Lạc: đã chọn 1 xuất sắc / tối đa 1" in overview


def test_organization_decided_by_the_direct_superior(client, cast, people, campaign, urls):
    client.force_login(cast.secretary_a1)
    assert client.post(urls["org"], {"step": "self", "self_text": "Mẫu 01", "self_grade": G.GOOD, "criteria_score": "25",
                                     "results_score": "60"}).status_code == 302
    assert client.post(urls["org"], {"step": "decide", "grade": G.GOOD, "decision_number": "1",
                                     "decided_on": "10/01/2027"}).status_code == 403
    client.force_login(cast.officer_a)
    assert client.post(urls["org"], {"step": "decide", "grade": G.GOOD, "decision_number": "50-QĐ/ĐU",
                                     "decided_on": "12/01/2027"}).status_code == 302
    review = campaign.organization_reviews.get(organization=cast.tree.cell_a1)
    assert review.grade == G.GOOD and review.deciding_body == "Đảng ủy xã An Lạc"


def test_results_xlsx_lists_what_the_user_sees(client, cast, people, campaign):
    import io

    from openpyxl import load_workbook

    url = reverse("evaluations:results_xlsx", args=[campaign.pk])
    client.force_login(cast.officer_b)
    assert client.get(url).status_code == 404
    client.force_login(people.secretary_a2)
    wb = load_workbook(io.BytesIO(client.get(url).content))
    names = [row[1] for row in wb["Đảng viên"].iter_rows(min_row=4, values_only=True)]
    assert sorted(names) == sorted(m.full_name for m in people.a2)
    assert wb["Tổ chức đảng"].max_row >= 2
