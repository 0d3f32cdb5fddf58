"""`python -m bench.imports [--rows N] [--database NAME]`: validate + apply N member rows and their events (two XLSX).

On a throw-away database (bench/__main__.prepare_database: SQLite var/bench.sqlite3, or with a postgres://
DATABASE_URL the database `dangvu_bench_imports` on that server): migrate, establish a district with 20
cells, write an XLSX of N valid members (varied CCCD, dates, names; a third admitted elsewhere, two thirds
recognized) and an XLSX of their later events (the recognition of half the others, a quarter transferred to
another cell, some of them dying there, transfers out of the system, deaths), then measure for each file:
- preview (read + check every row, the set-based apply of the kind rolled back),
- apply (the same, committed: members, their events and state intervals, audit entries),
the run's page and its first page of rows in the API after the preview (seconds, memory the request allocated),
and a raw bulk insert of the same Member and MembershipEvent rows (bulk_create, no states, no audit): the floor,
and print wall time, this process's CPU time (the machine is shared: the wall time moves with the load
average, printed too), rows per second, the ratio to the raw insert and the peak resident memory of the
import (both files; the process's peak after the floor is printed too: the floor loads every row).
Results go to bench/results-imports-<vendor>.json, one entry per row count.
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


def _xlsx(rows: int, cells: list[str], seed: int) -> tuple[bytes, bytes]:
    """The members file and the events file of their later history: a member row each (admission, the arrival
    for a third admitted elsewhere, the recognition for two thirds); then, in the events file, the recognition
    of a share of the probationary members, transfers between cells, transfers out of the system and deaths."""
    from dangvu.core import spreadsheets
    from dangvu.imports.kinds import KINDS
    from dangvu.members.kinds import EventType

    kind, events_kind = KINDS["members"], KINDS["events"]
    rnd = random.Random(seed)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    middle = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thu"]
    given = ["An", "Bình", "Cường", "Dung", "Hoà", "Hải", "Lan", "Minh", "Nga", "Quang", "Sơn", "Tùng", "Yến"]
    last_day = dt.date(2026, 6, 1)  # before the bench's today: no event in the future
    wb, events_wb = spreadsheets.workbook(write_only=True), spreadsheets.workbook(write_only=True)
    ws, events_ws = wb.create_sheet(kind.sheet_name), events_wb.create_sheet(events_kind.sheet_name)
    ws.append([c.header for c in kind.columns])
    events_ws.append([c.header for c in events_kind.columns])
    index = {c.key: i for i, c in enumerate(kind.columns)}
    event_index = {c.key: i for i, c in enumerate(events_kind.columns)}

    def event(cid, name, event_type, on, **more):
        row = [None] * len(events_kind.columns)
        row[event_index["citizen_id"]], row[event_index["full_name"]] = cid, name
        row[event_index["event_type"]], row[event_index["effective_date"]] = str(EventType(event_type).label), on
        for key, value in more.items():
            row[event_index[key]] = value
        events_ws.append(row)
        _xlsx.events += 1

    _xlsx.events = 0
    for n in range(rows):
        female = rnd.random() < 0.4
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(0, 35 * 365))
        ceremony = born + dt.timedelta(days=int(365.25 * rnd.randint(20, 30)) + rnd.randrange(0, 200))
        ceremony = min(ceremony, dt.date(2024, 6, 1))
        decided = ceremony - dt.timedelta(days=rnd.randrange(5, 30))
        row = [None] * len(kind.columns)
        digit = (1 if female else 0) + (2 if born.year >= 2000 else 0)
        name = f"{rnd.choice(family)} {'Thị' if female else rnd.choice(middle)} {rnd.choice(given)}"
        cid = f"001{digit}{born.year % 100:02d}{n:06d}"
        cell = cells[n % len(cells)]
        row[index["full_name"]] = name
        row[index["sex"]] = "Nữ" if female else "Nam"
        row[index["date_of_birth"]] = born
        row[index["citizen_id"]] = cid
        row[index["ethnicity"]] = "Kinh"
        row[index["admission_decision_date"]] = decided
        row[index["ceremony_date"]] = ceremony
        recognized = ceremony + dt.timedelta(days=366 + rnd.randrange(0, 30))
        in_file = rnd.random() < 0.66
        if in_file:
            row[index["recognition_date"]] = recognized
        row[index["organization"]] = cell
        latest = recognized
        if rnd.random() < 0.33:
            row[index["admitted_in"]] = "Chi bộ nơi khác"
            row[index["joined_on"]] = ceremony + dt.timedelta(days=400 + rnd.randrange(0, 300))
            latest = max(latest, row[index["joined_on"]])
        ws.append(row)
        if not in_file:
            if rnd.random() < 0.5:
                continue  # still probationary (the last year's admissions)
            event(cid, name, EventType.RECOGNIZED, recognized, decision_number=f"{n}-QĐ/ĐU", decision_date=recognized,
                  deciding_body="Đảng ủy xã Đo")
        draw = rnd.random()
        moved = latest + dt.timedelta(days=30 + rnd.randrange(0, 2000))
        if draw < 0.25 and moved < last_day:  # a transfer to another cell, a tenth of them then dying there
            other = cells[(n + 1 + rnd.randrange(len(cells) - 1)) % len(cells)]
            event(cid, name, EventType.TRANSFERRED_INTERNAL, moved, organization=other, decision_number=f"{n}-QĐ/ĐU",
                  decision_date=moved, deciding_body="Đảng ủy xã Đo")
            died = moved + dt.timedelta(days=30 + rnd.randrange(0, 2000))
            if rnd.random() < 0.1 and died < last_day:
                event(cid, name, EventType.DECEASED, died)
        elif draw < 0.30 and moved < last_day:
            event(cid, name, EventType.TRANSFERRED_OUT, moved, external_place="Đảng bộ tỉnh khác", decision_number=f"{n}-QĐ/ĐU",
                  decision_date=moved, deciding_body="Đảng ủy xã Đo")
        elif draw < 0.33 and moved < last_day:
            event(cid, name, EventType.DECEASED, moved)
    return spreadsheets.to_bytes(wb), spreadsheets.to_bytes(events_wb)


def _timed(fn):
    """The result, the seconds, and the process's peak resident memory so far (MB). Not under tracemalloc,
    which slows allocation-heavy code two to three times."""
    t, cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds = time.perf_counter() - t
    _timed.cpu = time.process_time() - cpu  # this process's own CPU seconds: the cost on a machine shared with others
    return result, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _profiled(path: str | None, fn):
    if not path:
        return fn()
    import cProfile

    profile = cProfile.Profile()
    try:
        return profile.runcall(fn)
    finally:
        profile.dump_stats(path)


def _run_pages(officer, pk) -> dict:
    """The previewed run's page and its first page of rows in the API, as the officer opens them after the check:
    seconds, and the Python memory the request allocated at its peak (tracemalloc, a second request)."""
    import tracemalloc

    from django.test import Client
    from django.urls import reverse
    from rest_framework.test import APIClient

    measured = {}
    for name, client, url in (("page", Client(SERVER_NAME="localhost"), reverse("imports:detail", args=[pk])),
                              ("api_rows", APIClient(SERVER_NAME="localhost"), f"/api/imports/{pk}/rows/")):
        client.force_login(officer)
        t = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - t
        assert response.status_code == 200, (url, response.status_code)
        tracemalloc.start()
        client.get(url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        measured |= {f"{name}_s": round(seconds, 3), f"{name}_peak_mb": round(peak / 1024 / 1024, 1)}
    return measured


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--database", default="dangvu_bench_imports")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--profile", metavar="FILE", help="write cProfile statistics of each apply to FILE-<kind>.prof "
                        "(slower: read them with python -m pstats)")
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
    from dangvu.imports.models import ImportRun
    from dangvu.members.models import Member, MembershipEvent
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
        content, events_content = _xlsx(args.rows, cells, args.seed)
        n_events = _xlsx.events
        print(f"{label}: {args.rows} member rows, file {len(content) / 1024 / 1024:.1f} MB; {n_events} event rows, file "
              f"{len(events_content) / 1024 / 1024:.1f} MB; load average {os.getloadavg()[0]:.1f}")
        measured = {}
        for kind, data in (("members", content), ("events", events_content)):
            run, preview_s, preview_mem = _timed(lambda kind=kind, data=data: services.preview(
                by=officer, kind=kind, organization=district, file_name=f"bench-{kind}.xlsx", content=data))
            assert run.counts["rejected"] == 0, list(run.rows.filter(status="rejected").values_list("errors", flat=True)[:5])
            preview_cpu = _timed.cpu
            checked = run.pk
            pages = _run_pages(officer, checked)
            del run  # as the job and the command apply it: the run read again
            run = ImportRun.objects.get(pk=checked)
            run, apply_s, apply_mem = _timed(lambda run=run, kind=kind: _profiled(args.profile and f"{args.profile}-{kind}.prof",
                                                                       lambda: services.apply(by=officer, run=run)))
            assert run.status == "applied", run.report.get("error")
            measured[kind] = {"preview_s": round(preview_s, 2), "preview_cpu_s": round(preview_cpu, 2), "apply_s": round(apply_s, 2),
                              "apply_cpu_s": round(_timed.cpu, 2), "peak_rss_after_preview_mb": round(preview_mem, 1),
                              "peak_rss_after_apply_mb": round(apply_mem, 1), **pages}
            print(f"  {kind}: {measured[kind]}")
            del run
        assert Member.objects.count() == args.rows
        assert MembershipEvent.objects.count() >= args.rows + n_events
        fields = ["full_name", "sex", "date_of_birth", "citizen_id"]
        rows = list(Member.objects.values(*fields, "admission_decision_date", "ceremony_date", "recognition_date"))
        event_rows = list(MembershipEvent.objects.values("member_id", "event_type", "effective_date", "organization_id"))
        with transaction.atomic():  # the floor: the same members and events, bulk_create, no check, no state, no audit
            def raw():
                made = Member.objects.bulk_create(
                    [Member(**{**r, "citizen_id": "9" + r["citizen_id"][1:], "search_text": "", "name_key": ""}) for r in rows],
                    batch_size=2000)
                MembershipEvent.objects.bulk_create([MembershipEvent(**e) for e in event_rows], batch_size=2000)
                return made
            _, raw_s, _ = _timed(raw)
            raw_cpu = _timed.cpu
            transaction.set_rollback(True)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        apply_s = measured["members"]["apply_s"] + measured["events"]["apply_s"]
        apply_cpu = measured["members"]["apply_cpu_s"] + measured["events"]["apply_cpu_s"]
        preview_s = measured["members"]["preview_s"] + measured["events"]["preview_s"]
        preview_cpu = measured["members"]["preview_cpu_s"] + measured["events"]["preview_cpu_s"]
        result = {
            "when": dt.datetime.now().isoformat(timespec="seconds"), "database": connection.vendor, "rows": args.rows,
            "event_rows": n_events, "events_in_database": MembershipEvent.objects.count(),
            "machine": f"{platform.node()} {os.cpu_count()} cpu",
            "load_average_1min": round(os.getloadavg()[0], 1),
            "members": measured["members"], "events": measured["events"],
            "preview_s": round(preview_s, 2), "apply_s": round(apply_s, 2), "raw_bulk_insert_s": round(raw_s, 3),
            "preview_cpu_s": round(preview_cpu, 2), "apply_cpu_s": round(apply_cpu, 2), "raw_bulk_insert_cpu_s": round(raw_cpu, 2),
            "rows_per_s_apply": round(args.rows / apply_s, 1), "ratio_apply_to_raw": round(apply_s / max(raw_s, 1e-6), 1),
            "ratio_apply_cpu_to_raw_cpu": round(apply_cpu / max(raw_cpu, 1e-6), 1),
            # the import's peak (both files, preview and apply: the process's peak before the floor below was measured),
            # then the process's, the floor's loading of every row as instances included
            "import_peak_rss_mb": measured["events"]["peak_rss_after_apply_mb"], "process_peak_rss_mb": round(rss_mb, 1),
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
