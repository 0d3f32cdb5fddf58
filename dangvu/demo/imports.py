"""Demo data of the import (called by seed_demo, before the to-do): two files of the officer `canbo.sonha`, made
by the demo from the register (the members kind's export of Chi bộ khu phố 1) and run through the real import
service, so that the imports page shows:

- an applied import: the export with the workplace of two members corrected ("Thay đổi: 2", the field-by-field
  diff on its page, the rest unchanged);
- a refused one: the same export with a citizen ID cut short and an impossible date of birth: nothing written,
  each bad row named with its column and reason, the file with an added error column downloadable (and the
  refused file listed in the officer's to-do).
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from dangvu.accounts.models import User
from dangvu.core import spreadsheets
from dangvu.core.dates import today
from dangvu.demo.organizations import KHU_PHO_1_CODE
from dangvu.imports import services, workbooks
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.organizations.models import Organization

WORKPLACES = ("Trường Tiểu học Sơn Hà", "Hợp tác xã Dịch vụ Nông nghiệp Sơn Hà")


def _edited(content: bytes, edits: dict[int, dict[str, object]]) -> bytes:
    """The exported workbook with some cells rewritten: {data row index (0 = first member): {column key: value}}."""
    kind = KINDS["members"]
    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    for index, values in edits.items():
        for key, value in values.items():
            ws.cell(2 + index, 1 + kind.columns.index(kind.column(key)), value)
    return spreadsheets.to_bytes(wb)


def seed_imports(log=None) -> list[str]:
    officer = User.objects.filter(username="canbo.sonha").first()
    cell = Organization.objects.filter(code=KHU_PHO_1_CODE).first()
    if officer is None or cell is None:
        return []
    # Today's members of the cell (an export without a date also lists those who have left it since, whose records
    # the cell's officer may no longer change: the import refuses them).
    exported = workbooks.export(KINDS["members"], cell, today())
    rows = load_workbook(io.BytesIO(exported)).worksheets[0].max_row - 1
    if rows < 3:
        return []
    results = []
    good = _edited(exported, {0: {"workplace": WORKPLACES[0]}, 1: {"workplace": WORKPLACES[1]}})
    run = services.preview(by=officer, kind="members", organization=cell, file_name="dang-vien-khu-pho-1-cap-nhat.xlsx",
                           content=good)
    if run.status == RunStatus.PREVIEWED:
        run = services.apply(by=officer, run=run)
    results.append(run.status)
    bad = _edited(exported, {1: {"citizen_id": "0381850"}, 2: {"date_of_birth": "31/02/1980"}})
    run = services.preview(by=officer, kind="members", organization=cell, file_name="dang-vien-khu-pho-1-loi.xlsx",
                           content=bad)
    results.append(run.status)
    if log is not None:
        log(f"Nhập dữ liệu mẫu: một tệp đã nhập ({results[0]}), một tệp bị từ chối ({run.counts.get('rejected', 0)} dòng lỗi).")
    return results
