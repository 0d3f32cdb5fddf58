"""imports 0002: the rows an earlier run reported inside its JSON report move to their own table (ImportRow), the rows
that changed nothing counted, not kept; and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dangvu.imports.models import ImportRow, ImportRun

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = [("imports", "0001_initial")], [("imports", "0002_import_rows")]
ROWS = [{"row": 2, "status": "new", "label": "Nguyễn Thị Hoà", "diff": [], "errors": []},
        {"row": 3, "status": "unchanged", "label": "Lê Văn Bảy", "diff": [], "errors": []},
        {"row": 4, "status": "changed", "label": "Hà Văn Tám", "diff": [["Nơi làm việc", "", "UBND xã An Lạc"]], "errors": []},
        {"row": 5, "status": "rejected", "label": "", "diff": [], "errors": [["Số CCCD", "Số CCCD phải có 12 chữ số."]]}]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_the_rows_of_earlier_runs_move_to_their_own_table_and_back(tree):
    try:
        old = _migrate(BEFORE)
        run = old.get_model("imports", "ImportRun").objects.create(
            kind="members", organization_id=tree.district_a.pk, file_name="dv.xlsx", sha256="0" * 64, content=b"",
            status="previewed", counts={"new": 1, "changed": 1, "unchanged": 1, "rejected": 1},
            report={"error": "", "header_row": 1, "headers": ["Họ và tên (*)"], "mapping": {}, "rows": ROWS})
        _migrate(AFTER)
        assert list(ImportRow.objects.filter(run_id=run.pk).order_by("row").values("row", "status", "label", "diff", "errors")) \
            == [r for r in ROWS if r["status"] != "unchanged"]
        assert ImportRun.objects.get(pk=run.pk).report == {"error": "", "header_row": 1, "headers": ["Họ và tên (*)"], "mapping": {}}
        back = _migrate(BEFORE).get_model("imports", "ImportRun").objects.get(pk=run.pk)
        assert back.report["rows"] == [r for r in ROWS if r["status"] != "unchanged"]
    finally:
        _migrate(AFTER)
