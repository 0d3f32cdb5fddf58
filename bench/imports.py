"""`python -m bench.imports [--rows N] [--database NAME]`: validate + apply N member rows from one XLSX.

On a throw-away database (bench/__main__.prepare_database: SQLite var/bench.sqlite3, or with a postgres://
DATABASE_URL the database `dangvu_bench_imports` on that server): migrate, establish a district with 20
cells, write an XLSX of N valid members (varied CCCD, dates, names; a third admitted elsewhere, two thirds
recognized), then measure:
- preview (read + check every row, the set-based apply of the members kind rolled back),
- apply (the same, committed: members, their events and state intervals, audit entries),
- a raw bulk insert of the same N Member rows (bulk_create, no events, no states, no audit): the floor,
and print wall time, this process's CPU time (the machine is shared: the wall time moves with the load
average, printed too), rows per second, the ratio to the raw insert and the process's peak resident
memory. Results go to bench/results-imports-<vendor>.json, one entry per row count.
Target (issue 16): 100.000 rows validated and applied in < 60 s on SQLite, < 30 s on PostgreSQL, < 500 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def _xlsx(rows: int, cells: list[str], seed: int) -> bytes:
    from dangvu.core import spreadsheets
    from dangvu.imports.kinds import KINDS

    kind = KINDS["members"]
    rnd = random.Random(seed)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    middle = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thu"]
    given = ["An", "Bình", "Cường", "Dung", "Hoà", "Hải", "Lan", "Minh", "Nga", "Quang", "Sơn", "Tùng", "Yến"]
    wb = spreadsheets.workbook(write_only=True)
    ws = wb.create_sheet(kind.sheet_name)
    ws.append([c.header for c in kind.columns])
    index = {c.key: i for i, c in enumerate(kind.columns)}
    for n in range(rows):
        female = rnd.random() < 0.4
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(0, 35 * 365))
        ceremony = born + dt.timedelta(days=int(365.25 * rnd.randint(20, 30)) + rnd.randrange(0, 200))
        ceremony = min(ceremony, dt.date(2025, 6, 1))
        decided = ceremony - dt.timedelta(days=rnd.randrange(5, 30))
        row = [None] * len(kind.columns)
        digit = (1 if female else 0) + (2 if born.year >= 2000 else 0)
        row[index["full_name"]] = f"{rnd.choice(family)} {'Thị' if female else rnd.choice(middle)} {rnd.choice(given)}"
        row[index["sex"]] = "Nữ" if female else "Nam"
        row[index["date_of_birth"]] = born
        row[index["citizen_id"]] = f"001{digit}{born.year % 100:02d}{n:06d}"
        row[index["ethnicity"]] = "Kinh"
        row[index["admission_decision_date"]] = decided
        row[index["ceremony_date"]] = ceremony
        if rnd.random() < 0.66:
            row[index["recognition_date"]] = ceremony + dt.timedelta(days=366 + rnd.randrange(0, 30))
        row[index["organization"]] = cells[n % len(cells)]
        if rnd.random() < 0.33:
            row[index["admitted_in"]] = "Chi bộ nơi khác"
            row[index["joined_on"]] = ceremony + dt.timedelta(days=400 + rnd.randrange(0, 300))
        ws.append(row)
    return spreadsheets.to_bytes(wb)


def _timed(fn):
    """The result, the seconds, and the process's peak resident memory so far (MB). Not under tracemalloc,
    which slows allocation-heavy code two to three times."""
    t, cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds = time.perf_counter() - t
    _timed.cpu = time.process_time() - cpu  # this process's own CPU seconds: the cost on a machine shared with others
    return result, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--database", default="dangvu_bench_imports")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)

    from bench.__main__ import drop_database, prepare_database

    bench_url, label = prepare_database(print, args.database)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from dangvu.accounts import services as account_services
    from dangvu.accounts.models import Role, User
    from dangvu.accounts.system import SYSTEM
    from dangvu.imports import services
    from dangvu.members.models import Member
    from dangvu.organizations import services as org_services
    from dangvu.organizations.kinds import Kind

    try:
        call_command("migrate", verbosity=0, interactive=False)
        founded = dt.date(1980, 1, 1)
        province = org_services.establish(by=SYSTEM, parent=None, code="98", name="Đảng bộ tỉnh Đo", kind=Kind.PROVINCIAL_COMMITTEE,
                                          effective_date=founded)
        district = org_services.establish(by=SYSTEM, parent=province, code="98.001", name="Đảng bộ huyện Đo",
                                          kind=Kind.DISTRICT_COMMITTEE, effective_date=founded)
        grassroots = org_services.establish(by=SYSTEM, parent=district, code="98.001.001", name="Đảng bộ xã Đo",
                                            kind=Kind.GRASSROOTS_COMMITTEE, effective_date=founded)
        cells = [org_services.establish(by=SYSTEM, parent=grassroots, code=f"98.001.001.000.{i:03d}", name=f"Chi bộ số {i}",
                                        kind=Kind.CELL, effective_date=founded).code for i in range(1, 21)]
        officer = User.objects.create_user(username="bench_officer", password="x", full_name="Cán bộ Đo")
        account_services.grant_scope(by=SYSTEM, user=officer, organization=district, role=Role.ORG_OFFICER)
        content = _xlsx(args.rows, cells, args.seed)
        print(f"{label}: {args.rows} rows, file {len(content) / 1024 / 1024:.1f} MB")
        run, preview_s, preview_mem = _timed(lambda: services.preview(
            by=officer, kind="members", organization=district, file_name="bench.xlsx", content=content))
        assert run.counts["rejected"] == 0, [r["errors"] for r in run.report["rows"] if r["errors"]][:5]
        preview_cpu = _timed.cpu
        run, apply_s, apply_mem = _timed(lambda: services.apply(by=officer, run=run))
        apply_cpu = _timed.cpu
        assert run.status == "applied", run.report.get("error")
        assert Member.objects.count() == args.rows
        fields = ["full_name", "sex", "date_of_birth", "citizen_id"]
        rows = list(Member.objects.values(*fields, "admission_decision_date", "ceremony_date", "recognition_date"))
        with transaction.atomic():
            _, raw_s, _ = _timed(lambda: Member.objects.bulk_create(
                [Member(**{**r, "citizen_id": "9" + r["citizen_id"][1:], "search_text": "", "name_key": ""}) for r in rows],
                batch_size=2000))
            transaction.set_rollback(True)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result = {
            "when": dt.datetime.now().isoformat(timespec="seconds"), "database": connection.vendor, "rows": args.rows,
            "machine": f"{platform.node()} {os.cpu_count()} cpu",
            "load_average_1min": round(os.getloadavg()[0], 1),
            "preview_s": round(preview_s, 2), "apply_s": round(apply_s, 2), "raw_bulk_insert_s": round(raw_s, 3),
            "preview_cpu_s": round(preview_cpu, 2), "apply_cpu_s": round(apply_cpu, 2),
            "rows_per_s_apply": round(args.rows / apply_s, 1), "ratio_apply_to_raw": round(apply_s / max(raw_s, 1e-6), 1),
            "peak_rss_after_preview_mb": round(preview_mem, 1), "peak_rss_after_apply_mb": round(apply_mem, 1),
            "process_peak_rss_mb": round(rss_mb, 1),
            "extrapolated_100k_apply_s": round(apply_s / args.rows * 100_000),
        }
        for key, value in result.items():
            print(f"  {key}: {value}")
        path = BENCH_DIR / f"results-imports-{connection.vendor}.json"
        runs = json.loads(path.read_text()).get("runs", {}) if path.exists() else {}
        runs[str(args.rows)] = result
        path.write_text(json.dumps({"runs": dict(sorted(runs.items(), key=lambda kv: int(kv[0])))}, indent=2) + "\n")
    finally:
        drop_database(bench_url)


if __name__ == "__main__":
    main()
