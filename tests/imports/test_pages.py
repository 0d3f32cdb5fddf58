"""Pages: upload → preview → apply, the list, templates and export; who may (officer), who may not."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.imports.models import ImportRun, RunStatus
from dangvu.members.models import Member
from tests.imports.helpers import member_row, xlsx

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def _upload(client, org, content, name="dv.xlsx", kind="members", **more):
    return client.post(reverse("imports:index"), {"kind": kind, "organization": org.pk,
                                                  "file": SimpleUploadedFile(name, content), **more})


def test_officer_uploads_previews_and_applies(client, cast):
    c = _client(client, cast.officer_a)
    response = _upload(c, cast.tree.district_a, xlsx("members", [member_row()]))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:detail", args=[run.pk])
    page = c.get(response["Location"]).content.decode()
    assert "Nguyễn Thị Hoà" in page and 'data-testid="import-apply"' in page and not Member.objects.exists()
    c.post(reverse("imports:apply", args=[run.pk]))
    assert Member.objects.count() == 1 and ImportRun.objects.get().status == RunStatus.APPLIED
    assert list(run.rows.values_list("row", "status")) == [(2, "new")]  # the apply's rows in place of the check's
    listed = c.get(reverse("imports:index")).content.decode()
    assert "dv.xlsx" in listed and "<td>Đảng viên (phiếu 2-HSĐV)</td>" in listed and "<td>members</td>" not in listed


def test_rejected_rows_listed_and_errors_file_downloadable(client, cast):
    c = _client(client, cast.officer_a)
    _upload(c, cast.tree.district_a, xlsx("members", [member_row(date_of_birth="31/02/1985")]))
    run = ImportRun.objects.get()
    page = c.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert "Ngày sinh" in page and "không có thật" in page and 'data-testid="import-apply"' not in page
    response = c.get(reverse("imports:errors_file", args=[run.pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert "không có thật" in ws.cell(2, ws.max_column).value
    assert c.post(reverse("imports:apply", args=[run.pk])).status_code == 302 and not Member.objects.exists()


def test_a_runs_rows_are_shown_by_kind_a_page_at_a_time(client, cast, monkeypatch):
    """The rows of a run in tabs (refused first, then new), a page at a time, read from their own table: the page of
    a 100.000-row import reads one page of rows, not the run's every row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.imports import views

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 2)
    c = _client(client, cast.officer_a)
    names = ["Đỗ Thị Chín", "Vũ Thị Mười", "Bùi Thị Một"]
    rows = [member_row(citizen_id="12"), *(member_row(full_name=n, citizen_id=f"00118500000{i}") for i, n in enumerate(names))]
    _upload(c, cast.tree.district_a, xlsx("members", rows))
    run = ImportRun.objects.get()
    url = reverse("imports:detail", args=[run.pk])
    first = c.get(url).content.decode()
    assert 'data-testid="import-rejected"' in first and "Số CCCD" in first and "Đỗ Thị Chín" not in first
    assert "?rows=new" in first and "Trang" not in first
    with CaptureQueriesContext(connection) as queries:
        new = c.get(url, {"rows": "new"}).content.decode()
    assert "Đỗ Thị Chín" in new and "Vũ Thị Mười" in new and "Bùi Thị Một" not in new and "Trang 1/2" in new
    read = [q["sql"] for q in queries if "imports_importrow" in q["sql"]]
    assert [sql for sql in read if "LIMIT 2" in sql] and all("LIMIT" in sql or "COUNT(" in sql for sql in read), read
    assert 'class="nav-link active" aria-current="page" href="?rows=new"' in new
    second = c.get(url, {"rows": "new", "page": 2}).content.decode()
    assert "Bùi Thị Một" in second and "Đỗ Thị Chín" not in second and "Trang 2/2" in second
    assert 'data-testid="import-rejected"' in c.get(url, {"rows": "nonsense"}).content.decode()


def test_templates_have_three_sheets(client, cast):
    c = _client(client, cast.officer_a)
    wb = load_workbook(io.BytesIO(c.get(reverse("imports:template", args=["members"])).content))
    assert wb.sheetnames == ["Dang vien", "Vi du", "Huong dan"]
    assert wb["Dang vien"].cell(1, 1).value == "Họ và tên (*)"
    assert wb["Vi du"].cell(2, 1).value == "Nguyễn Thị Hoà"
    assert c.get(reverse("imports:template", args=["nope"])).status_code == 404


@pytest.mark.parametrize("who", ["secretary_a1", "viewer_a", "member_a1"])
def test_those_who_do_not_keep_the_register_get_403(client, cast, who):
    c = _client(client, getattr(cast, who))
    assert c.get(reverse("imports:index")).status_code == 403
    assert c.get(reverse("imports:template", args=["members"])).status_code == 403


def test_outsider_sees_404_for_another_districts_run_and_export(client, cast):
    _upload(_client(client, cast.officer_a), cast.tree.district_a, xlsx("members", [member_row()]))
    run = ImportRun.objects.get()
    c = _client(client, cast.officer_b)
    for name in ("imports:detail", "imports:errors_file"):
        assert c.get(reverse(name, args=[run.pk])).status_code == 404
    assert c.post(reverse("imports:apply", args=[run.pk])).status_code == 404
    assert c.get(reverse("imports:export", args=["members"]), {"organization": cast.tree.district_a.pk}).status_code == 404
    # nor can the outsider choose district A in the form
    response = _upload(c, cast.tree.district_a, xlsx("members", [member_row()]))
    assert response.status_code == 200 and ImportRun.objects.count() == 1


def test_export_in_the_template_format(client, cast):
    c = _client(client, cast.officer_a)
    _upload(c, cast.tree.district_a, xlsx("members", [member_row()]))
    c.post(reverse("imports:apply", args=[ImportRun.objects.get().pk]))
    response = c.get(reverse("imports:export", args=["members"]), {"organization": cast.tree.district_a.pk})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(2, 1).value == "Nguyễn Thị Hoà" and ws.cell(2, 5).value == "001185012345"


def test_large_files_are_checked_and_applied_as_background_jobs(client, cast, settings):
    from dangvu.jobs.models import Job

    settings.IMPORT_BACKGROUND_BYTES = 100
    settings.JOBS = "immediate"
    c = _client(client, cast.officer_a)
    response = _upload(c, cast.tree.district_a, xlsx("members", [member_row()]))
    job = Job.objects.get()
    assert response["Location"].startswith(reverse("jobs:detail", args=[job.pk]))
    job.refresh_from_db()
    run = ImportRun.objects.get()
    assert job.status == "done" and job.result["import_run"] == run.pk and run.status == RunStatus.PREVIEWED
    page = c.get(reverse("jobs:detail", args=[job.pk])).content.decode()  # the job's page links to the checked run
    assert f'href="{reverse("imports:detail", args=[run.pk])}" data-testid="job-link"' in page
    response = c.post(reverse("imports:apply", args=[run.pk]))
    assert Job.objects.count() == 2 and response["Location"].startswith("/cong-viec/")
    assert ImportRun.objects.get().status == RunStatus.APPLIED and Member.objects.count() == 1


def test_a_file_checked_and_applied_at_once_on_the_page(client, cast):
    """"Nhập luôn nếu không có dòng lỗi": one pass, one run, applied; a refused row still writes nothing and its run
    lists the reasons as a check does."""
    c = _client(client, cast.officer_a)
    response = _upload(c, cast.tree.district_a, xlsx("members", [member_row()]), at_once="on")
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("imports:detail", args=[run.pk])
    assert run.status == RunStatus.APPLIED and run.applied_at and Member.objects.count() == 1
    assert "Đã nhập: 1 mới" in c.get(response["Location"]).content.decode()
    _upload(c, cast.tree.district_a, xlsx("members", [member_row(full_name="Lê Thị Bảy", citizen_id="001185000007"),
                                                      member_row(full_name="Hà Thị Tám", citizen_id="12")]), at_once="on")
    refused = ImportRun.objects.latest("id")
    assert refused.status == RunStatus.REJECTED and refused.counts["rejected"] == 1 and Member.objects.count() == 1
    assert "Số CCCD" in c.get(reverse("imports:detail", args=[refused.pk])).content.decode()


def test_a_large_file_checked_and_applied_at_once_as_one_background_job(client, cast, settings):
    from dangvu.jobs.models import Job

    settings.IMPORT_BACKGROUND_BYTES, settings.JOBS = 100, "immediate"
    c = _client(client, cast.officer_a)
    response = _upload(c, cast.tree.district_a, xlsx("members", [member_row()]), at_once="on")
    job = Job.objects.get()
    assert response["Location"].startswith(reverse("jobs:detail", args=[job.pk]))
    job.refresh_from_db()
    run = ImportRun.objects.get()
    assert job.status == "done" and job.result["import_run"] == run.pk and run.status == RunStatus.APPLIED
    assert Member.objects.count() == 1
    _upload(c, cast.tree.district_a, xlsx("members", [member_row(full_name="Hà Thị Tám", citizen_id="12")]), at_once="on")
    failed, refused = Job.objects.latest("id"), ImportRun.objects.latest("id")
    assert failed.status == "failed" and "1 dòng bị từ chối" in failed.error and refused.file_name in failed.error
    assert refused.status == RunStatus.REJECTED and Member.objects.count() == 1
    assert failed.result["link"] == reverse("imports:detail", args=[refused.pk])  # the refused rows, one click away
    assert f'href="{failed.result["link"]}" data-testid="job-link"' in c.get(reverse("jobs:detail", args=[failed.pk])).content.decode()


def test_column_mapping_step_is_saved_for_the_next_file(client, cast, settings):
    c = _client(client, cast.officer_a)
    other = ["Họ tên", "Giới tính", "Ngày sinh", "CCCD", "Dân tộc", "Ngày QĐ kết nạp", "Chi bộ"]
    row = member_row()
    from dangvu.core import spreadsheets
    wb = spreadsheets.workbook()
    wb.active.append(other)
    wb.active.append([row["full_name"], row["sex"], row["date_of_birth"], row["citizen_id"], row["ethnicity"],
                      row["admission_decision_date"], row["organization"]])
    content = spreadsheets.to_bytes(wb)
    _upload(c, cast.tree.district_a, content, name="khac.xlsx")
    run = ImportRun.objects.get()
    assert run.status == RunStatus.REJECTED and "Thiếu cột bắt buộc" in run.report["error"]
    page = c.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert 'data-testid="import-mapping"' in page
    keys = {"Họ tên": "full_name", "CCCD": "citizen_id", "Ngày QĐ kết nạp": "admission_decision_date", "Chi bộ": "organization"}
    data = {f"map-{i}": keys.get(h, "") for i, h in enumerate(run.report["headers"])}
    data.update({f"map-{i}": k for i, h in enumerate(run.report["headers"])
                 for name, k in (("Giới tính", "sex"), ("Ngày sinh", "date_of_birth"), ("Dân tộc", "ethnicity")) if h == name})
    response = c.post(reverse("imports:remap", args=[run.pk]), data)
    remapped = ImportRun.objects.latest("id")
    assert response["Location"] == reverse("imports:detail", args=[remapped.pk])
    assert remapped.status == RunStatus.PREVIEWED, remapped.report
    assert remapped.counts["new"] == 1
    # the apply reads the file again with the run's mapping
    c.post(reverse("imports:apply", args=[remapped.pk]))
    remapped.refresh_from_db()
    assert remapped.status == RunStatus.APPLIED and remapped.counts["new"] == 1, remapped.report
    assert remapped.report["mapping"]["CCCD"] == "citizen_id" and Member.objects.count() == 1
    # the next file with the same headers uses the saved mapping, checked on the page or as a background job
    _upload(c, cast.tree.district_a, content, name="khac-2.xlsx")
    assert ImportRun.objects.latest("id").status == RunStatus.PREVIEWED
    settings.IMPORT_BACKGROUND_BYTES, settings.JOBS = 100, "immediate"
    _upload(c, cast.tree.district_a, content, name="khac-3.xlsx")
    assert ImportRun.objects.latest("id").file_name == "khac-3.xlsx" and ImportRun.objects.latest("id").status == RunStatus.PREVIEWED
