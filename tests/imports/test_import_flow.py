"""Upload → preview → apply through the services: counts, diffs, rejections, scope, idempotence, audit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.imports import services
from dangvu.imports.engine import run as engine_run
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.imports.workbooks import with_errors
from dangvu.members.kinds import EventType, Status
from dangvu.members.models import Member, MemberState
from dangvu.organizations.models import Organization
from tests.imports.helpers import csv_bytes, member_row, rows_of, xlsx

pytestmark = pytest.mark.django_db


def _import(cast, kind, content, *, by=None, org=None, name="tep.xlsx"):
    by = by or cast.officer_a
    run = services.preview(by=by, kind=kind, organization=org or cast.tree.district_a, file_name=name, content=content)
    if run.status == RunStatus.PREVIEWED:
        run = services.apply(by=by, run=run)
    return run


def test_members_preview_writes_nothing_then_apply_and_reimport_changes_nothing(cast):
    content = xlsx("members", [member_row(), member_row(full_name="Trần Văn Bình", citizen_id=31090000001, sex="Nam",
                                                        date_of_birth="2/3/90", recognition_date="")], title_rows=2)
    run = services.preview(by=cast.officer_a, kind="members", organization=cast.tree.district_a, file_name="dv.xlsx",
                           content=content)
    assert run.status == RunStatus.PREVIEWED, [r["errors"] for r in rows_of(run) if r["errors"]]
    assert run.counts == {"new": 2, "changed": 0, "unchanged": 0, "rejected": 0}
    assert not Member.objects.exists()
    run = services.apply(by=cast.officer_a, run=run)
    assert run.status == RunStatus.APPLIED
    hoa = Member.objects.get(citizen_id="001185012345")
    binh = Member.objects.get(citizen_id="031090000001")  # the leading zero restored
    assert (hoa.status, hoa.organization) == (Status.FULL, cast.tree.cell_a1)
    assert binh.status == Status.PROBATIONARY
    assert list(hoa.events.values_list("event_type", flat=True)) == [EventType.ADMITTED, EventType.RECOGNIZED]
    # the history is there for a past year: on 31/12/2015 she was probationary in the cell
    assert MemberState.objects.filter(member=hoa, valid_from__lte="2015-12-31", valid_to__gt="2015-12-31",
                                      status=Status.PROBATIONARY, organization=cast.tree.cell_a1).exists()
    again = _import(cast, "members", content)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 2, "rejected": 0}
    assert Member.objects.count() == 2
    audit = AuditEntry.objects.filter(action="imports.apply").order_by("id").first()
    assert audit.changes["_data"]["sha256"] == run.sha256 and audit.changes["_data"]["file_name"] == "dv.xlsx"


def test_changed_rows_show_a_field_by_field_diff(cast):
    _import(cast, "members", xlsx("members", [member_row()]))
    run = services.preview(by=cast.officer_a, kind="members", organization=cast.tree.district_a, file_name="b.csv",
                           content=csv_bytes("members", [member_row(workplace="UBND xã An Lạc")]))
    assert run.counts["changed"] == 1
    assert rows_of(run)[0]["diff"] == [["Nơi làm việc", "", "UBND xã An Lạc"]]
    services.apply(by=cast.officer_a, run=run)
    assert Member.objects.get().workplace == "UBND xã An Lạc"


def test_one_bad_row_rejects_the_whole_file_with_row_column_and_reason(cast):
    rows = [member_row(),
            member_row(full_name="Lê Văn C", citizen_id="0011850", sex="Nam"),                 # 7 digits
            member_row(full_name="Lê Văn D", citizen_id="001185012345"),                        # duplicate in file
            member_row(full_name="Lê Văn E", citizen_id="001185099999", organization="99.002.001.000.001"),  # outside
            member_row(full_name="Lê Văn F", citizen_id="001185088888", date_of_birth="31/06/1985"),
            member_row(full_name="Lê Văn G", citizen_id="001185077777", recognition_date="01/06/2015"),  # < 12 months
            member_row(full_name="", citizen_id="001185066666")]
    run = _import(cast, "members", xlsx("members", rows))
    assert run.status == RunStatus.REJECTED
    assert run.counts["rejected"] == 6 and not Member.objects.exists()
    errors = {r["row"]: r["errors"] for r in rows_of(run) if r["errors"]}
    assert errors[3][0][0] == "Số CCCD" and "7 chữ số" in errors[3][0][1]
    assert "trùng với dòng 2" in errors[4][0][1]
    assert errors[5][0][0] == "Mã chi bộ" and "ngoài phạm vi" in errors[5][0][1]
    assert errors[6][0][0] == "Ngày sinh"
    assert any("chính thức" in msg.lower() for _, msg in errors[7])
    assert errors[8] == [["Họ và tên", "bắt buộc, không được để trống."]]
    content, ext = with_errors(ImportRun.objects.get(pk=run.pk))
    import io

    from openpyxl import load_workbook
    ws = load_workbook(io.BytesIO(content)).active
    assert ext == "xlsx" and ws.cell(1, ws.max_column).value == "Lỗi (không nhập)"
    assert "trùng với dòng 2" in ws.cell(4, ws.max_column).value and ws.cell(2, ws.max_column).value is None


def test_secretary_and_outsider_may_not_import_into_the_district(cast):
    content = xlsx("members", [member_row()])
    for user in (cast.secretary_a1, cast.officer_b, cast.viewer_a):
        with pytest.raises(PermissionDeniedInScope):
            services.preview(by=user, kind="members", organization=cast.tree.district_a, file_name="a.xlsx", content=content)
    # the outsider importing into their own district cannot reach district A's cell
    run = services.preview(by=cast.officer_b, kind="members", organization=cast.tree.district_b, file_name="a.xlsx",
                           content=content)
    assert run.counts["rejected"] == 1 and not Member.objects.exists()


def test_organizations_then_members_then_events(cast):
    orgs = [{"code": "99.001.001.000.003", "name": "Chi bộ thôn Nam", "kind": "Chi bộ trực thuộc", "parent": "99.001.001",
             "unit_type": "Thôn, tổ dân phố, khu dân cư", "established_on": "01/01/2012"}]
    run = _import(cast, "organizations", xlsx("organizations", orgs))
    assert run.status == RunStatus.APPLIED, run.report
    south = Organization.objects.get(code="99.001.001.000.003")
    assert south.parent == cast.tree.grassroots_a
    _import(cast, "members", xlsx("members", [member_row(organization="99.001.001.000.003")]))
    events = [{"citizen_id": "001185012345", "event_type": "Chuyển sinh hoạt nội bộ", "effective_date": "01/07/2020",
               "organization": "99.001.001.000.001", "decision_number": "12-QĐ/ĐU"},
              {"citizen_id": "001185012345", "event_type": "Từ trần", "effective_date": "05/05/2024"}]
    run = _import(cast, "events", xlsx("events", events))
    assert run.status == RunStatus.APPLIED, run.report
    hoa = Member.objects.get()
    assert hoa.status == Status.DECEASED
    assert MemberState.objects.filter(member=hoa, valid_from="2020-07-01", organization=cast.tree.cell_a1).exists()
    assert _import(cast, "events", xlsx("events", events)).counts["unchanged"] == 2
    # the member moved to another cell since the first placement: the same member row is still unchanged
    assert _import(cast, "members", xlsx("members", [member_row(organization="99.001.001.000.003")])).counts["unchanged"] == 1
    # and outside the officer's district, a record that would change is refused, an unchanged one is reported unchanged
    run = _import(cast, "members", xlsx("members", [member_row(organization="99.001.001.000.003", workplace="X")]),
                  by=cast.officer_b, org=cast.tree.district_b)
    assert run.status == RunStatus.REJECTED and "không sinh hoạt" in rows_of(run)[0]["errors"][0][1]
    # renaming through the file is a correction; moving is refused (a dated event, done on its page)
    run = _import(cast, "organizations", xlsx("organizations", [orgs[0] | {"name": "Chi bộ xóm Nam"}]))
    assert run.counts["changed"] == 1 and Organization.objects.get(code="99.001.001.000.003").name == "Chi bộ xóm Nam"
    run = _import(cast, "organizations", xlsx("organizations", [orgs[0] | {"parent": "99.001"}]))
    assert run.status == RunStatus.REJECTED and "chuyển trực thuộc" in rows_of(run)[0]["errors"][0][1]


def test_missing_required_column_and_unreadable_file(cast):
    run = services.preview(by=cast.officer_a, kind="members", organization=cast.tree.district_a, file_name="a.csv",
                           content="Họ và tên,Giới tính\nA,Nam\n".encode())
    assert run.status == RunStatus.REJECTED and "Thiếu cột bắt buộc" in run.report["error"] and "Ngày sinh" in run.report["error"]
    run = services.preview(by=cast.officer_a, kind="members", organization=cast.tree.district_a, file_name="a.xlsx",
                           content=b"PK\x03\x04broken")
    assert "hỏng" in run.report["error"]


def test_command_dry_run_and_rejection_exit_status(cast, tmp_path, capsys, monkeypatch):
    good = tmp_path / "dv.xlsx"
    good.write_bytes(xlsx("members", [member_row()]))
    call_command("import_data", str(good), kind="members", organization="99.001", user="officer_a", dry_run=True)
    assert "Mới: 1" in capsys.readouterr().out and not Member.objects.exists()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("members", [member_row(citizen_id="123")]))
    with pytest.raises(CommandError) as exc:
        call_command("import_data", str(bad), kind="members", organization="99.001", user="officer_a")
    assert exc.value.returncode == 1 and not Member.objects.exists()
    refused = ImportRun.objects.latest("id")
    assert (refused.status, refused.counts["rejected"], refused.applied_at) == (RunStatus.REJECTED, 1, None)
    assert rows_of(refused)[0]["errors"] and AuditEntry.objects.filter(action="imports.rejected").count() == 1

    passes = []
    monkeypatch.setattr(services.engine, "run", lambda **kw: passes.append(kw["apply"]) or engine_run(**kw))
    call_command("import_data", str(good), kind="members", organization="99.001", user="officer_a")
    assert Member.objects.count() == 1 and "Đã nhập." in capsys.readouterr().out
    assert passes == [True]  # checked and applied in one pass: the file's work done once
    run = ImportRun.objects.latest("id")
    assert (run.status, run.counts["new"], run.applied_at is not None) == (RunStatus.APPLIED, 1, True)
    assert list(AuditEntry.objects.filter(object_id=str(run.organization_id), action__startswith="imports.")
                .order_by("id").values_list("action", "changes___data__status")) == [
        ("imports.preview", "previewed"), ("imports.rejected", "rejected"), ("imports.apply", "applied")]


def test_memory_is_given_back_around_a_large_file_only(cast, monkeypatch):
    """Before and after a file of RELEASE_FROM_BYTES or more, preview and apply give the process's free memory back
    (core.memory.release); a small file does not pay the whole process's collection."""
    released = []
    monkeypatch.setattr(services.memory, "release", lambda: released.append(True))
    content = xlsx("members", [member_row(), member_row(full_name="Trần Văn Bình", citizen_id="031090000001", sex="Nam",
                                                        date_of_birth="2/3/90")])
    run = services.preview(by=cast.officer_a, kind="members", organization=cast.tree.district_a, file_name="a.xlsx",
                           content=content)
    assert run.status == RunStatus.PREVIEWED and released == []
    monkeypatch.setattr(services, "RELEASE_FROM_BYTES", len(content))
    assert services.apply(by=cast.officer_a, run=run).status == RunStatus.APPLIED and released == [True, True]
