"""What the cases feed: the year-end report section, the to-do items of deadlines, the DOCX of the decision and of
the conclusion (the inspection commission's header and signature), the API's writes."""

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from docx import Document
from rest_framework.test import APIClient

from dangvu.core import todo
from dangvu.inspection import services
from dangvu.reports import builder
from tests.inspection.conftest import open_thematic

D = dt.date


def test_the_report_section_counts_inspections_supervisions_and_coverage(world):
    open_thematic(world)
    services.open_case(by=world.inspector, body=world.t.district_a, body_kind="commission", kind="signs_of_violation",
                       subject_member=world.hai, topic="Dấu hiệu", decision_number="20-QĐ/UBKTHU",
                       decision_date=D(2026, 5, 4), due_on=D(2026, 6, 30), team="Đoàn")
    services.receive_denunciation(by=world.inspector, body=world.t.district_a, received_on=D(2026, 2, 3),
                                  subject_member=world.binh, content="Đơn không ký tên")
    report = builder.build(world.t.district_a, 2026)
    section = next(s for s in report.sections if s.key == "inspection")
    text = " ".join(section.paragraphs)
    assert "tiến hành 1 cuộc kiểm tra (1 cuộc khi có dấu hiệu vi phạm) và 1 cuộc giám sát (1 cuộc giám sát chuyên đề)" in text
    assert "2 đảng viên được kiểm tra, giám sát chuyên đề, đạt 50,00% tổng số đảng viên (chỉ tiêu 10%)" in text
    assert "1 đơn tố cáo, trong đó 1 đơn không đủ điều kiện giải quyết" in text


def test_deadlines_are_to_do_items_of_whoever_conducts_the_case(world):
    case = open_thematic(world, date=D(2026, 11, 10))  # step due 25/11 (overdue), case due 09/01/2027
    services.add_remedy(by=world.inspector, case=case, description="Bổ sung cam kết", due_on=D(2026, 12, 10))
    items = todo.collect(world.inspector, D(2026, 12, 3))
    found = {(i.category, i.overdue) for i in items if i.category.startswith("inspection")}
    assert found == {("inspection_step_due", True), ("inspection_remedy_due", False)}
    assert not [i for i in todo.collect(world.cast.officer_a, D(2026, 12, 3)) if i.category.startswith("inspection")]
    assert not [i for i in todo.collect(world.inspector_b, D(2026, 12, 3)) if i.category.startswith("inspection")]


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_decision_and_conclusion_docx(world):
    case = open_thematic(world)
    services.conclude_case(by=world.inspector, case=case, concluded_on=D(2026, 4, 20), conclusion="Thực hiện tốt",
                           result="good")
    client = Client()
    client.force_login(world.inspector)
    decision = _text(client.get(reverse("inspection:decision_docx", args=[case.pk])).content)
    assert "ỦY BAN KIỂM TRA" in decision and "QUYẾT ĐỊNH" in decision and "12-QĐ/UBKTHU" in decision
    assert "giám sát chuyên đề đối với đồng chí Trần Văn Bình" in decision and "T/M ỦY BAN KIỂM TRA" in decision
    assert "296-QĐ/TW" in decision
    conclusion = _text(client.get(reverse("inspection:conclusion_docx", args=[case.pk])).content)
    assert "THÔNG BÁO KẾT LUẬN" in conclusion and "Thực hiện tốt" in conclusion


def test_the_api_opens_and_concludes_a_case_with_rules_as_400(world):
    api = APIClient()
    api.force_authenticate(user=world.inspector)
    body = {"body": world.t.district_a.pk, "body_kind": "board", "kind": "signs_of_violation",
            "subject_member": world.binh.pk, "topic": "Dấu hiệu", "decision_number": "50-QĐ/UBKTHU",
            "decision_date": "2026-11-02", "due_on": "2026-12-30", "team": "Đoàn"}
    refused = api.post("/api/inspection/cases/", body, format="json")
    assert refused.status_code == 400 and "không kiểm tra đảng viên khi có dấu hiệu vi phạm" in refused.content.decode()
    created = api.post("/api/inspection/cases/", {**body, "body_kind": "commission"}, format="json")
    assert created.status_code == 201, created.content
    case = created.json()
    done = api.post(f"/api/inspection/cases/{case['id']}/conclude/", {"concluded_on": "2026-11-30", "conclusion": "Vi phạm",
                                                                      "result": "violation", "version": case["version"]},
                    format="json")
    assert done.status_code == 200 and done.json()["status"] == "concluded"
    outsider = APIClient()
    outsider.force_authenticate(user=world.inspector_b)
    assert outsider.post(f"/api/inspection/cases/{case['id']}/remedies/", {"description": "x", "due_on": "2026-12-30"},
                         format="json").status_code == 404
