"""Admission and probation pages: the permission matrix for every page and form, and the flows."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services
from dangvu.admissions.kinds import Stage, Step, VoteProposal
from dangvu.admissions.models import Candidate
from dangvu.core.dates import add_months
from tests.admissions import advance, candidate, full_members
from tests.clock import TODAY
from tests.members import register

OK, RO, NF, LOGIN, DONE = 200, 403, 404, 302, 302
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
D = dt.date

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, cell_members):
    b_members = full_members(cast.tree.cell_b1, names=("Hoàng Văn Bắc", "Lý Thị Nam", "Đào Văn Tây"))
    introduced = advance(candidate(cast.tree.cell_a1, "Nguyễn Văn Tiến"), Step.INTRODUCERS, introducers=cell_members[:2])
    waiting = advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.COMMITTEE_VOTE, introducers=cell_members[:2])
    decided = advance(candidate(cast.tree.cell_a1, "Lê Văn Mạnh"), Step.DECISION, introducers=cell_members[:2])
    in_b = advance(candidate(cast.tree.cell_b1, "Đỗ Văn Bình"), Step.INTRODUCERS, introducers=b_members[:2])
    probationer = register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False)
    recognized = register("Vũ Văn Chính", cast.tree.cell_a1, born=D(1998, 2, 2), admitted=D(2025, 6, 2), full=False)
    services.record_probation_vote(by=SYSTEM, member=recognized, meeting_date=D(2026, 6, 5), proposal=VoteProposal.RECOGNIZE,
                                   full_members=3, votes_for=3)
    services.recognize(by=SYSTEM, member=recognized, decision_number="45-QĐ/HU", decision_date=D(2026, 6, 15))
    b_probationer = register("Hà Văn Dự", cast.tree.cell_b1, born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False)
    return SimpleNamespace(introduced=introduced, waiting=waiting, decided=decided, in_b=in_b, probationer=probationer,
                           recognized=recognized, b_probationer=b_probationer)


def _gets(w):
    url = lambda name, *args: reverse(f"admissions:{name}", args=args)  # noqa: E731
    return {
        url("list"): [OK, OK, OK, NF, OK, OK],
        url("list") + "?stage=": [OK, OK, OK, NF, OK, OK],
        url("create"): [OK, OK, OK, NF, RO, OK],
        url("detail", w.introduced.pk): [OK, OK, OK, NF, OK, NF],
        url("detail", w.in_b.pk): [OK, NF, NF, NF, NF, OK],
        url("edit", w.introduced.pk): [OK, OK, OK, NF, RO, NF],
        url("edit", w.in_b.pk): [OK, NF, NF, NF, NF, OK],
        url("decision_docx", w.decided.pk): [OK, OK, OK, NF, OK, NF],
        url("decision_docx", w.introduced.pk): [NF, NF, NF, NF, NF, NF],  # no decision yet
        url("probation_list"): [OK, OK, OK, NF, OK, OK],
        url("probation_list") + "?due=overdue": [OK, OK, OK, NF, OK, OK],
        url("probation_detail", w.probationer.pk): [OK, OK, OK, NF, OK, NF],
        url("probation_detail", w.b_probationer.pk): [OK, NF, NF, NF, NF, OK],
        url("recognition_docx", w.recognized.pk): [OK, OK, OK, NF, OK, NF],
        url("recognition_docx", w.probationer.pk): [NF, NF, NF, NF, NF, NF],  # not recognized yet
    }


def _posts(w):
    url = lambda name, *args: reverse(f"admissions:{name}", args=args)  # noqa: E731
    # Empty forms: those allowed see the form again with its errors (200), nothing is written.
    return {
        url("step", w.introduced.pk, "cell-vote"): [OK, OK, OK, NF, RO, NF],
        url("step", w.waiting.pk, "decision"): [OK, OK, RO, NF, RO, NF],
        url("step", w.decided.pk, "ceremony"): [OK, OK, RO, NF, RO, NF],
        url("step", w.in_b.pk, "cell-vote"): [OK, NF, NF, NF, NF, OK],
        url("step", w.introduced.pk, "no-such-step"): [NF, NF, NF, NF, NF, NF],
        url("withdraw", w.introduced.pk): [OK, OK, OK, NF, RO, NF],
        url("withdraw", w.waiting.pk): [OK, OK, RO, NF, RO, NF],
        url("edit", w.introduced.pk): [OK, OK, OK, NF, RO, NF],
        url("create"): [OK, OK, OK, NF, RO, OK],
        url("probation_vote", w.probationer.pk): [OK, OK, OK, NF, RO, NF],
        url("probation_recognize", w.probationer.pk): [OK, OK, RO, NF, RO, NF],
        url("probation_strike_off", w.probationer.pk): [OK, OK, RO, NF, RO, NF],
        url("probation_vote", w.b_probationer.pk): [OK, NF, NF, NF, NF, OK],
    }


def _check(client, cast, pages, method):
    failures = []
    for url, expected in pages.items():
        for who, status in zip(CAST, expected, strict=True):
            client.force_login(getattr(cast, who))
            got = getattr(client, method)(url).status_code
            if got != status:
                failures.append(f"{who} {method.upper()} {url}: expected {status}, got {got}")
    return failures


def test_every_page_for_every_cast_member(client, cast, world):
    failures = _check(client, cast, _gets(world), "get") + _check(client, cast, _posts(world), "post")
    assert not failures, "\n".join(failures)
    # Nothing was written by the empty forms.
    assert Candidate.objects.get(pk=world.introduced.pk).stage == Stage.INTRODUCED
    assert Candidate.objects.count() == 4


def test_anonymous_is_sent_to_login(client, world):
    for url in list(_gets(world)) + list(_posts(world)):
        response = client.get(url) if url in _gets(world) else client.post(url)
        assert response.status_code == LOGIN and "/tai-khoan/dang-nhap/" in response["Location"], url


def test_steps_are_post_only(client, cast, world):
    client.force_login(cast.officer_a)
    assert client.get(reverse("admissions:step", args=[world.introduced.pk, "cell-vote"])).status_code == 405


def _names(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return {c.full_name for c, _ in response.context["rows"]} if "candidates" in response.content.decode() else None


def test_lists_hold_only_the_users_scope(client, cast, world):
    url = reverse("admissions:list")
    assert _names(client, cast.officer_a, url) == {"Nguyễn Văn Tiến", "Trần Văn Lực", "Lê Văn Mạnh"}
    assert _names(client, cast.secretary_a1, url) == {"Nguyễn Văn Tiến", "Trần Văn Lực", "Lê Văn Mạnh"}
    assert _names(client, cast.officer_b, url) == {"Đỗ Văn Bình"}
    assert len(_names(client, cast.admin, url)) == 4
    client.force_login(cast.officer_a)
    rows = client.get(reverse("admissions:probation_list")).context["rows"]
    assert {r.member.full_name for r in rows} == {"Vũ Thị Dự"}  # the recognized one is a full member now
    client.force_login(cast.officer_b)
    assert {r.member.full_name for r in client.get(reverse("admissions:probation_list")).context["rows"]} == {"Hà Văn Dự"}


def test_candidate_list_shows_stage_and_next_deadline(client, cast, world):
    client.force_login(cast.officer_a)
    html = client.get(reverse("admissions:list")).content.decode()
    assert "Đảng ủy cơ sở đề nghị kết nạp" in html and "Hạn quyết định kết nạp" in html
    assert "Hạn tổ chức lễ kết nạp" in html


def test_create_a_candidate_through_the_page(client, cast):
    client.force_login(cast.secretary_a1)
    response = client.post(reverse("admissions:create"), {
        "organization": cast.tree.cell_a1.pk, "full_name": "  Lê   Thị Hoa ", "sex": "female", "date_of_birth": "15/06/1998",
        "citizen_id": "038098123456"})
    # The 4th digit 0 is a man's: refused on the field, nothing written.
    assert response.status_code == 200 and 'data-testid="error-citizen_id"' in response.content.decode()
    assert not Candidate.objects.exists()
    response = client.post(reverse("admissions:create"), {
        "organization": cast.tree.cell_a1.pk, "full_name": "  Lê   Thị Hoa ", "sex": "female", "date_of_birth": "15/06/1998",
        "citizen_id": "038198123456"})
    c = Candidate.objects.get()
    assert response.status_code == DONE and response["Location"] == reverse("admissions:detail", args=[c.pk])
    assert c.full_name == "Lê Thị Hoa" and c.created_by == cast.secretary_a1 and c.stage == Stage.PROPOSED


def test_record_a_step_through_the_page_with_a_rule_on_its_field(client, cast, world):
    client.force_login(cast.secretary_a1)
    url = reverse("admissions:step", args=[world.introduced.pk, "cell-vote"])
    # The form offers the register's base (O14) and refuses another one on its field.
    form = client.get(reverse("admissions:detail", args=[world.introduced.pk])).context["step_form"]
    # (today the cell has 4 full members: Vũ Văn Chính is one since 2/6/2026; on 20/3/2026 it had 3)
    assert form.initial["full_members"] == 4 and "4 đảng viên chính thức" in form.fields["full_members"].help_text
    response = client.post(url, {"cell_meeting_date": "20/03/2026", "full_members": "9", "votes_for": "6",
                                 "version": world.introduced.version})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="error-full_members"' in html and "theo sổ đảng viên" in html
    response = client.post(url, {"cell_meeting_date": "20/03/2026", "full_members": "3", "votes_for": "1",
                                 "version": world.introduced.version})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="error-votes_for"' in html and "chưa đạt 2/3" in html
    response = client.post(url, {"cell_meeting_date": "20/03/2026", "full_members": "3", "votes_for": "2",
                                 "version": world.introduced.version})
    assert response.status_code == DONE
    assert Candidate.objects.get(pk=world.introduced.pk).stage == Stage.CELL_APPROVED
    # The detail page now offers the committee's step only to officers.
    detail = reverse("admissions:detail", args=[world.introduced.pk])
    assert client.get(detail).context["step_form"] is None
    client.force_login(cast.officer_a)
    assert client.get(detail).context["step_form"].step == Step.COMMITTEE_VOTE


def test_stale_form_is_refused_with_a_message(client, cast, world):
    client.force_login(cast.officer_a)
    url = reverse("admissions:step", args=[world.introduced.pk, "cell-vote"])
    response = client.post(url, {"cell_meeting_date": "20/03/2026", "full_members": "9", "votes_for": "9", "version": "1"})
    assert response.status_code == 200 and "vừa được người khác thay đổi" in response.content.decode()


def test_probation_list_filters(client, cast, cell_members):
    on = TODAY
    soon = register("Vũ Văn Sắp", cast.tree.cell_a1, born=D(1999, 2, 2), admitted=add_months(on, -12) + dt.timedelta(days=10),
                    full=False)
    late = register("Vũ Văn Muộn", cast.tree.cell_a1, born=D(1999, 2, 2), admitted=add_months(on, -12) - dt.timedelta(days=70),
                    full=False)
    fresh = register("Vũ Văn Mới", cast.tree.cell_a1, born=D(1999, 2, 2), admitted=on - dt.timedelta(days=30), full=False)
    client.force_login(cast.officer_a)
    url = reverse("admissions:probation_list")

    def names(query):
        return {r.member.full_name for r in client.get(url + query).context["rows"]}

    assert names("") == {soon.full_name, late.full_name, fresh.full_name}
    assert names("?due=ending_soon") == {soon.full_name}
    assert names("?due=overdue") == {late.full_name}
    html = client.get(url).content.decode()
    assert "Hết dự bị trong 30 ngày tới" in html and "Quá hạn" in html


def test_recognition_through_the_page(client, cast, world):
    client.force_login(cast.secretary_a1)
    m = world.probationer
    response = client.post(reverse("admissions:probation_vote", args=[m.pk]), {
        "proposal": "recognize", "meeting_date": "05/06/2026", "full_members": "4", "votes_for": "4"})  # Vũ Văn Chính full since 2/6
    assert response.status_code == DONE
    client.force_login(cast.officer_a)
    detail = client.get(reverse("admissions:probation_detail", args=[m.pk]))
    # The default body today: QĐ 208 is not confirmed, so the direct superior's standing committee.
    assert "Ban Thường vụ Huyện ủy An Lạc" in detail.content.decode()
    response = client.post(reverse("admissions:probation_recognize", args=[m.pk]), {
        "decision_number": "45-QĐ/HU", "decision_date": "15/06/2026", "deciding_body": "", "version": m.version})
    assert response.status_code == DONE
    m.refresh_from_db()
    assert m.status == "full" and m.recognition_date == D(2026, 6, 2)
    # Left blank, the body is the one of the regime on the decision date (15/6/2026: before QĐ 208).
    assert m.events.get(event_type="recognized").deciding_body == "Ban Thường vụ Huyện ủy An Lạc"
    page = client.get(reverse("admissions:probation_detail", args=[m.pk])).content.decode()
    assert 'data-testid="recognized"' in page and "02/06/2026" in page and 'data-testid="recognition-docx"' in page
