"""Every URL pattern and every API route of dangvu.urls, requested by the outsider `officer_b` (an
officer of district B) and anonymously, against records of district A.

A view fails when it answers 200 with district A's data (the names of its members, candidates and
cells), or when, for an authenticated user, it reaches no `restrict(user, action)` of
accounts.querysets (the one scope mechanism) although it is not one of the few public or
administrator-only pages listed below. A URL added later is walked too: give it a pk below or a
reason in PUBLIC.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from dangvu.accounts.querysets import recording
from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services as admissions
from dangvu.awards import services as awards
from dangvu.discipline import services as discipline
from dangvu.evaluations import services as evaluations
from dangvu.inspection import services as inspection
from dangvu.meetings import selectors as meeting_selectors
from dangvu.meetings import services as meetings
from dangvu.meetings.models import GroupMembership
from dangvu.organizations import committees
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.reports import services as reports
from dangvu.residence import services as residence
from dangvu.study import services as study
from dangvu.study.models import StudyDocument
from dangvu.training import services as training
from dangvu.transfers import services as transfers
from tests.admissions import candidate
from tests.members import register
from tests.residence.conftest import assigned, make_res

D = dt.date
NOW = dt.datetime(2026, 10, 1, 9, 0)

# Views that read no organization's records, with the reason.
PUBLIC = {
    "home": "redirects to the dashboard or the tree",
    "accounts:login": "login page", "accounts:logout": "logout", "accounts:password_change": "own password",
    "accounts:tokens": "own API tokens", "accounts:token_revoke": "own API tokens",
    "api-tokens": "own API tokens", "api-token": "own API tokens",
    "rules:overview": "the rules and parameters, the same for everyone",
    "rules:parameter_edit": "administrators only (is_system_admin)",
    "rules:calendar": "the holiday calendar", "rules:calendar_remove": "administrators only (is_system_admin)",
    "audit:log": "administrators only (is_system_admin)",
    "api-root": "the API's index", "api-schema": "the API's schema", "api-docs": "the API's documentation",
    "api-redoc": "the API's documentation (Redoc)",
    "api-rules": "the rules", "api-rules-deadline": "a deadline computed from dates", "api-rules-calendar": "the holidays",
    "set_language": "the language switch", "favicon": "the site's icon",
    "api-statistics-figures": "the figure registry (codes, labels, definitions), the same for everyone",
    "dues-rates": "the dues rates and parameters on a date, the same for everyone",
    "study:documents": "the library of documents to study (central documents), the same for everyone",
    "study:document_add": "officers add to the library (has_scope study.manage): no organization's records",
    "study-document-list": "the library of documents to study, the same for everyone",
    "study-document-detail": "a document of the library, the same for everyone",
}
# Pickers that list organizations of the whole system by name (a letter or an introduction may go to
# any organization): names of organizations, never of members.
DIRECTORIES = {"transfers:destinations", "residence:receiving_options"}


def _walk(patterns, namespace=None, params=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns == "admin":
                continue  # Django's admin site: staff only, its own permission system
            yield from _walk(p.url_patterns, f"{namespace}:{p.namespace}" if namespace and p.namespace else ns,
                             (*params, *_params(p)))
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), (*params, *_params(p))


def _params(p) -> tuple[str, ...]:
    pattern = p.pattern
    if hasattr(pattern, "converters") and pattern.converters:
        return tuple(pattern.converters)
    regex = getattr(pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def routes():
    seen = {}
    for name, params in _walk(get_resolver("dangvu.urls").url_patterns):
        if "format" in params:
            continue  # the same route with a ".json" suffix
        seen.setdefault((name, params), None)
    return sorted(seen)


@pytest.fixture
def world(cast):
    t = cast.tree
    with time_machine.travel(NOW, tick=False):
        res = make_res(cast)
        binh = register("Trần Văn Bình", t.cell_a1, admitted=D(2012, 6, 1))
        hoa = register("Lê Thị Hoà", t.cell_a1, admitted=D(2012, 6, 1), sex="female", born=D(1960, 3, 1))
        worker = register("Đặng Văn Tùng", res.office, admitted=D(2012, 6, 1), current_address="Số 12, thôn Đông")
        tien = candidate(t.cell_a1, "Nguyễn Văn Tiến")
        letter = transfers.issue_letter(by=SYSTEM, member=binh, kind="internal", number="3-GGT/ĐU",
                                        issue_date=D(2026, 9, 28), destination=t.cell_a2)
        contact = assigned(SYSTEM, SYSTEM, worker, t.grassroots_a, t.cell_a1)
        comment = residence.record_comment(by=SYSTEM, contact=contact, year=2025, comment_occasion="annual",
                                           text="Gương mẫu nơi cư trú", comment_assessment="fulfilled",
                                           commented_on=D(2025, 12, 1))
        meeting = residence.record_meeting(by=SYSTEM, cell=t.cell_a1, held_on=D(2026, 6, 14), meeting_type="periodic",
                                           content="Thông báo tình hình địa phương", attendance=[(contact, "present", "")])
        card = awards.issue_card(by=SYSTEM, member=hoa, number="11112222", kind="issue", issued_on=D(2020, 1, 1))
        term = committees.create_term(by=SYSTEM, organization=t.grassroots_a, name="2020–2025", start_date=D(2020, 6, 1))
        seat = committees.add_seat(by=SYSTEM, term=term, full_name="Vũ Văn Hải", position="secretary",
                                   start_date=D(2020, 6, 1))
        report_job = reports.start_report(by=SYSTEM, organization=t.cell_a1, year=2025, fmt="docx")
        review_campaign = evaluations.open_campaign(by=SYSTEM, organization=t.district_a, year=2026)
        cell_meeting = meetings.schedule_meeting(by=SYSTEM, cell=t.cell_a1, date=D(2026, 9, 10), starts_at=dt.time(8, 0))
        cell_meeting = meetings.record_held(by=SYSTEM, meeting=cell_meeting, ends_at=dt.time(9, 30), attendance=[
            (e.member_id, "excused" if e.optional else "present", "Theo quy định" if e.optional else "")
            for e in meeting_selectors.expected(t.cell_a1, D(2026, 9, 10))])
        task = meetings.add_task(by=SYSTEM, meeting=cell_meeting, description="Rà soát hồ sơ", owner=binh, due_on=D(2026, 9, 30))
        programme = inspection.create_programme(by=SYSTEM, organization=t.district_a, body_kind="commission", year=2026,
                                                title="Chương trình kiểm tra, giám sát 2026", adopted_on=D(2026, 1, 5))
        case = inspection.open_case(by=SYSTEM, body=t.district_a, body_kind="commission", kind="thematic_supervision",
                                    subject_member=binh, topic="Nêu gương", decision_number="1-QĐ/UBKTHU",
                                    decision_date=D(2026, 9, 1), due_on=D(2026, 10, 30), team="Đoàn giám sát",
                                    steps=[("Báo cáo", D(2026, 9, 15))], programme=programme)
        remedy = inspection.add_remedy(by=SYSTEM, case=case, description="Khắc phục", due_on=D(2026, 12, 1))
        denunciation = inspection.receive_denunciation(by=SYSTEM, body=t.district_a, received_on=D(2026, 9, 2),
                                                       subject_member=binh, content="Đơn tố cáo", specific=True)
        proceeding = discipline.open_proceeding(by=SYSTEM, member=hoa, opened_on=D(2026, 9, 1), summary="Vi phạm",
                                                proposed_form="warning", violations=[
                                                    discipline.ViolationInput("ordinary", D(2026, 8, 1), "Vi phạm")])
        discipline.record_hearing(by=SYSTEM, proceeding=proceeding, heard_on=D(2026, 9, 5))
        proceeding = discipline.decide(by=SYSTEM, proceeding=proceeding, form="warning", body_kind="committee",
                                       deciding_organization=t.grassroots_a, decided_on=D(2026, 9, 10), votes_for=1,
                                       vote_base=1, announced_on=D(2026, 9, 11))
        appeal = discipline.receive_appeal(by=SYSTEM, proceeding=proceeding, appellant="Lê Thị Hoà",
                                           decision_received_on=D(2026, 9, 12), received_on=D(2026, 9, 20))
        notification = discipline.record_notification(by=SYSTEM, member=hoa, body_kind="state", body_name="UBND xã",
                                                      measure="Khiển trách", decision_date=D(2026, 9, 1),
                                                      received_on=D(2026, 9, 3))
        training_class = training.create_class(by=SYSTEM, organization=t.district_a, kind="awareness", name="Lớp nhận thức 2026",
                                               organizer_kind="political_centre", organizer_name="Trung tâm Chính trị",
                                               start_date=D(2026, 9, 14), end_date=D(2026, 9, 18))
        (enrolment,) = training.enrol(by=SYSTEM, training_class=training_class, candidates=[tien])
        enrolment = training.record_result(by=SYSTEM, enrolment=enrolment, result="passed", certificate_number="7/GCN",
                                           certificate_date=D(2026, 9, 18))
        nq57 = StudyDocument.objects.get(number="57-NQ/TW")
        study_session = study.schedule_session(by=SYSTEM, organization=t.cell_a1, date=D(2026, 9, 12), documents=[nq57])
        study_session = study.record_attendance(by=SYSTEM, session=study_session, absent={binh.pk: "Ốm"})
        study_plan = study.add_plan(by=SYSTEM, document=nq57, organization=t.cell_a1, title="Kế hoạch thực hiện",
                                    due_on=D(2026, 12, 31))
        party_group = org_services.establish(by=SYSTEM, parent=t.cell_a1, code=f"{t.cell_a1.code}.01", name="Tổ đảng số 1",
                                             kind=Kind.PARTY_GROUP, effective_date=D(2026, 1, 1), unit_type=UnitType.RESIDENTIAL)
        meetings.assign_groups(by=SYSTEM, cell=t.cell_a1, on=D(2026, 9, 1), assignments=[(binh, party_group)])
        group_membership = GroupMembership.objects.get(member=binh)
    assert admissions  # the candidate is created through admissions.services (tests.admissions.candidate)
    return SimpleNamespace(t=t, res=res, binh=binh, hoa=hoa, worker=worker, tien=tien, letter=letter, contact=contact,
                           comment=comment, meeting=meeting, card=card, term=term, seat=seat, report_job=report_job,
                           review_campaign=review_campaign, member_review=review_campaign.member_reviews.get(member=binh),
                           org_review=review_campaign.organization_reviews.get(organization=t.cell_a1),
                           cell_meeting=cell_meeting, task=task, programme=programme, inspection_case=case,
                           inspection_step=case.steps.get(), remedy=remedy, denunciation=denunciation,
                           proceeding=proceeding, appeal=appeal, notification=notification,
                           training_class=training_class, enrolment=enrolment, study_session=study_session,
                           study_plan=study_plan, study_document=nq57, group_membership=group_membership)


# Text that must not reach officer_b: district A's members, candidate and cells.
def _markers(w) -> list[str]:
    return ["Trần Văn Bình", "Lê Thị Hoà", "Đặng Văn Tùng", "Nguyễn Văn Tiến", "Vũ Văn Hải",
            "Chi bộ thôn Đông", "Chi bộ thôn Tây", "Chi bộ Phòng Nội vụ"]


API_OBJECTS = {"organization": "cell", "committee-term": "term", "committee-seat": "seat", "member": "binh",
               "candidate": "tien", "probation": "binh", "transfer": "letter", "badge": None, "party-card": "card",
               "residence-contact": "contact", "residence-meeting": "meeting",
               "report-job": "report_job", "job": "report_job",
               "review-campaign": "review_campaign", "member-review": "member_review",
               "organization-review": "org_review", "meeting": "cell_meeting", "meeting-task": "task",
               "inspection-case": "inspection_case", "inspection-programme": "programme",
               "inspection-denunciation": "denunciation",
               "discipline-proceeding": "proceeding", "discipline-appeal": "appeal", "discipline-notification": "notification",
               "training-class": "training_class", "training-certificate": "enrolment",
               "study-session": "study_session", "study-plan": "study_plan", "study-document": "study_document",
               "party-group-member": "group_membership"}
PAGE_OBJECTS = {
    "organizations": "cell", "members": "binh", "awards": "hoa",
    "admissions:detail": "tien", "admissions:edit": "tien", "admissions:step": "tien", "admissions:withdraw": "tien",
    "admissions:decision_docx": "tien", "admissions": "binh",
    "transfers:member": "binh", "transfers:exemption_add": "binh", "transfers:exemption_end": "binh",
    "transfers:suspension_add": "binh", "transfers:suspension_end": "binh", "transfers": "letter",
    "residence:comment_docx": "comment", "residence:meeting": "meeting", "residence:member": "worker", "residence": "contact",
    "rules": None, "reports": "report_job", "jobs": "report_job",
    "evaluations:self": "member_review", "evaluations": "review_campaign",
    "meetings:task_done": "task", "meetings": "cell_meeting",
    "inspection:programme": "programme", "inspection:step_done": "inspection_step", "inspection:remedy_done": "remedy",
    "inspection:denunciation": "denunciation", "inspection:denunciation_reveal": "denunciation",
    "inspection:denunciation_settle": "denunciation", "inspection": "inspection_case",
    "discipline:appeal_decide": "appeal", "discipline": "proceeding",
    "training": "training_class",
    "study:document": "study_document", "study:plan_status": "study_plan", "study": "study_session",
    "dues": "binh", "dues:cell_month": "cell", "dues:book": "cell", "dues:book_pdf": "cell", "dues:void": None,
}


def _pk(name: str, w) -> int:
    if ":" not in name:
        basename = name.rsplit("-", 1)[0]
        key = next((v for k, v in sorted(API_OBJECTS.items(), key=lambda kv: -len(kv[0]))
                    if basename == k or basename.startswith(k + "-")), None)
    else:
        key = PAGE_OBJECTS.get(name, PAGE_OBJECTS.get(name.split(":")[0]))
    if key is None:
        return 1
    return w.t.cell_a1.pk if key == "cell" else getattr(w, key).pk


def _kwargs(name: str, params, w) -> dict:
    values = {"pk": _pk(name, w), "org_pk": w.t.cell_a1.pk, "term_pk": w.term.pk, "seat_pk": w.seat.pk,
              "document_pk": 1, "field": "citizen_id", "slug": "certificate", "action": "doi-ten", "key": "admission.min_age_months",
              "code": "members.total", "cell_pk": w.t.cell_a1.pk, "review_pk": w.org_review.pk, "year": 2026, "month": 9,
              "kind": "members"}
    return {p: values[p] for p in params}


def _request(client, url):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def test_outsiders_and_anonymous_users_get_nothing_of_district_a(cast, world):
    """One walk over every route (one world: building it per route would take minutes)."""
    problems = []
    for name, params in routes():
        problems += _check(cast, world, name, params)
    assert not problems, "\n".join(problems)


def _check(cast, world, name, params) -> list[str]:
    url = reverse(name, kwargs=_kwargs(name, params, world))
    api = url.startswith("/api/")
    outsider = APIClient() if api else Client()
    if api:
        outsider.force_authenticate(user=cast.officer_b)
    else:
        outsider.force_login(cast.officer_b)
    problems = []
    with time_machine.travel(NOW, tick=False), recording() as calls:
        response = _request(outsider, url)
    body = response.content.decode(errors="replace") if response.status_code == 200 else ""
    # A directory's content is organization names; members never appear there.
    markers = [m for m in _markers(world) if not m.startswith("Chi bộ")] if name in DIRECTORIES else _markers(world)
    leaked = [m for m in markers if m in body]
    if leaked:
        problems.append(f"{url} ({name}) shows district A's {leaked} to officer_b")
    # 400: the input is refused before any record is read (a POST with no data to an action route).
    if name not in PUBLIC and name not in DIRECTORIES and not calls and response.status_code != 400:
        problems.append(f"{url} ({name}) answered {response.status_code} without going through restrict(user, action)")
    with time_machine.travel(NOW, tick=False):
        anonymous = _request(APIClient() if api else Client(), url)
    if name not in PUBLIC and anonymous.status_code not in (301, 302, 401, 403, 404, 405):
        problems.append(f"{url} ({name}) answers {anonymous.status_code} anonymously")
    body = anonymous.content.decode(errors="replace") if anonymous.status_code == 200 else ""
    if [m for m in _markers(world) if m in body]:
        problems.append(f"{url} ({name}) shows district A's data anonymously")
    return problems


def test_the_walk_covers_pages_and_api():
    names = {name for name, _ in routes()}
    assert {"members:detail", "organizations:detail", "transfers:detail", "residence:detail", "admissions:detail",
            "awards:member", "member-list", "member-detail", "transfer-detail", "badge-list"} <= names


def test_the_instrument_sees_a_restricted_read(cast, world):
    """The walk's assertion is not vacuous: officer_a's own member page reads through restrict."""
    client = Client()
    client.force_login(cast.officer_a)
    with time_machine.travel(NOW, tick=False), recording() as calls:
        response = client.get(reverse("members:detail", args=[world.binh.pk]))
    assert response.status_code == 200 and "Trần Văn Bình" in response.content.decode()
    assert ("members.member", "view") in calls
