"""`python -m bench [--scale S] [--members N] [--repeat N] [--keep|--reuse] [--database N] [--strict]`: the tree, the register, at scale.

Never touches the developer's database: with a postgres:// DATABASE_URL it drops and creates a
throw-away database (`dangvu_bench`, or --database NAME) on that server (through the maintenance
database `postgres`); otherwise it recreates the SQLite file var/bench.sqlite3. Then: migrate,
generate (bench/generate.py; with --members N also the member register, bench/members.py), ANALYZE,
measure, print a table, write bench/results-<vendor>.json (bench/results-members-<vendor>.json with
--members), and drop the throw-away database unless --keep.

--keep also writes what the measurements need to know about the data next to it
(var/<database>.bench.json); --reuse then measures that kept database again without regenerating
it (same --scale and --members; the database is kept afterwards).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import sys
import time
import warnings
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
BENCH_DB = "dangvu_bench"
SQLITE_FILE = BASE_DIR / "var" / "bench.sqlite3"
PAGE_TARGET_MS = 200.0
SEARCH_TARGET_MS = 50.0  # the register's search: first page, p95 warm
SLOW_WARMUP_S = 2.0  # operations slower than this get at most SLOW_RUNS timed runs
SLOW_RUNS = 5


# ------------------------------------------------------------------------------ database set-up

def _pg_params(url: str) -> dict:
    import dj_database_url

    cfg = dj_database_url.parse(url)
    return {k: v for k, v in {
        "user": cfg.get("USER") or None, "password": cfg.get("PASSWORD") or None,
        "host": cfg.get("HOST") or None, "port": cfg.get("PORT") or None,
    }.items() if v}


def _pg_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **_pg_params(url)) as conn:
        for sql in statements:
            conn.execute(sql)


def prepare_database(log, name: str = BENCH_DB, reuse: bool = False) -> tuple[str, str]:
    """A throw-away database (or, with `reuse`, the kept one); returns (DATABASE_URL for it, a description)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        if not reuse:
            _pg_admin(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
        parts = urlsplit(url)
        bench_url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))
        log(f"PostgreSQL: {'reusing the kept' if reuse else 'created the throw-away'} database {name} on "
            f"{parts.hostname}:{parts.port or 5432}")
        return bench_url, f"postgresql {parts.hostname}:{parts.port or 5432}/{name}"
    SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
    if not reuse:
        _remove_sqlite()
    log(f"SQLite: {'reusing' if reuse else 'recreated'} {SQLITE_FILE.relative_to(BASE_DIR)}")
    return f"sqlite:///{SQLITE_FILE}", f"sqlite {SQLITE_FILE.relative_to(BASE_DIR)}"


def _kept_file(bench_url: str) -> Path:
    """Where --keep records the generated data's description, for --reuse."""
    name = "bench" if bench_url.startswith("sqlite") else urlsplit(bench_url).path.strip("/")
    return BASE_DIR / "var" / f"{name}.bench.json"


def _remove_sqlite() -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)


def drop_database(bench_url: str) -> None:
    from django.db import connections

    connections.close_all()
    _kept_file(bench_url).unlink(missing_ok=True)
    if bench_url.startswith("sqlite"):
        _remove_sqlite()
    else:
        _pg_admin(bench_url, f"DROP DATABASE IF EXISTS {urlsplit(bench_url).path.strip('/')} WITH (FORCE)")


# ------------------------------------------------------------------------------ measuring

def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def measure(fn, repeat: int) -> dict:
    """1 warm-up run, 1 run counting queries (not timed), then `repeat` timed runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t = time.perf_counter()
    fn()
    warmup = time.perf_counter() - t
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    queries = ctx.captured_queries
    runs = min(repeat, SLOW_RUNS) if warmup > SLOW_WARMUP_S else repeat
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    slowest = sorted(queries, key=lambda q: float(q.get("time") or 0), reverse=True)[:3]
    return {
        "runs": runs, "warmup_ms": round(warmup * 1000, 1),
        "p50_ms": round(_percentile(times, 0.5), 1), "p95_ms": round(_percentile(times, 0.95), 1),
        "min_ms": round(min(times), 1), "max_ms": round(max(times), 1),
        "queries": len(queries), "rows": result,
        "slowest_queries": [{"ms": round(float(q.get("time") or 0) * 1000, 1), "sql": q["sql"][:600]} for q in slowest],
    }


def operations(gen, users):
    """(key, group, label, callable returning a size) for every measured operation."""
    from django.test import Client

    from dangvu.accounts import permissions
    from dangvu.core.dates import today
    from dangvu.organizations import selectors
    from dangvu.organizations.models import Organization

    on = today()
    admin, po, co, cs = (users[k] for k in ("admin", "province_officer", "commune_officer", "cell_secretary"))

    def fresh(user):
        """Each run is one request: the per-request permission cache starts empty."""
        permissions.forget(user)
        return user

    def level(user, when, parent=None):
        return lambda: len(selectors.tree_level(fresh(user), when, parent))

    clients = {}
    for name, user in (("province_officer", po), ("admin", admin)):
        client = Client()
        client.force_login(user)
        clients[name] = client

    def page(who, url):
        client = clients[who]

        def get():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} as {who}: HTTP {response.status_code}")
            return len(response.content)
        return get

    p, c, cell = gen.province_id, gen.commune_id, gen.cell_id
    return [
        ("a_admin_top", "selector", "tree_level(admin, today): top level", level(admin, on)),
        ("b_province_top", "selector", "tree_level(province officer, today): top level", level(po, on)),
        ("b_province_expand", "selector", "tree_level(province officer, today, province)", level(po, on, p)),
        ("c_commune_expand", "selector", "tree_level(commune officer, today, commune)", level(co, on, c)),
        ("d_visible_count", "selector", "visible_to(province officer).count()",
         lambda: Organization.objects.visible_to(fresh(po)).count()),
        ("d_visible_page", "selector", "visible_to(cell secretary) first 50 by path",
         lambda: len(list(Organization.objects.visible_to(fresh(cs)).order_by("path")[:50]))),
        ("e_page_tree", "page", "GET /to-chuc/ (province officer)", page("province_officer", "/to-chuc/")),
        ("e_page_children", "page", "GET /to-chuc/cay/<province>/con/ (province officer)",
         page("province_officer", f"/to-chuc/cay/{p}/con/")),
        ("e_page_detail", "page", "GET /to-chuc/<cell>/ (province officer)", page("province_officer", f"/to-chuc/{cell}/")),
        ("e_page_search", "page", "GET /to-chuc/danh-sach/?q=xa (province officer)",
         page("province_officer", "/to-chuc/danh-sach/?q=xa")),
        ("e_page_tree_admin", "page", "GET /to-chuc/ (admin; extra, worst case)", page("admin", "/to-chuc/")),
        ("f_asof_province", "selector", "tree_level(admin, 31/12/2020, province)", level(admin, dt.date(2020, 12, 31), p)),
    ]


def explain(gen, users) -> dict:
    """Query plans of the prefix filter and of the two heaviest reads."""
    from django.db import connection

    from dangvu.accounts import permissions
    from dangvu.core.dates import today
    from dangvu.organizations import selectors
    from dangvu.organizations.models import Organization

    plans = {}
    pattern = f"{gen.province_path}%"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) SELECT id, path FROM organizations_organizationversion "
                           "WHERE path LIKE %s", [pattern])
        else:
            cursor.execute("EXPLAIN QUERY PLAN SELECT id, path FROM organizations_organizationversion "
                           "WHERE path LIKE ?", [pattern])
        plans[f"raw: organizationversion WHERE path LIKE '{pattern}'"] = "\n".join(
            " ".join(str(c) for c in row) for row in cursor.fetchall())
    opts = {"analyze": True, "buffers": True} if connection.vendor == "postgresql" else {}
    po, cs = users["province_officer"], users["cell_secretary"]
    permissions.forget(po)
    below = (selectors.visible_versions_on(po, today(), gen.province_path).exclude(organization_id=gen.province_id)
             .only("organization_id", "path", "depth", "parent_id", "name", "code", "kind", "name_key"))
    plans["tree_level(province officer, today, province): versions below"] = below.explain(**opts)
    top = selectors.visible_versions_on(po, today()).only("organization_id", "path", "depth")
    plans["tree_level(province officer, today): versions at the top (no path bound)"] = top.explain(**opts)
    permissions.forget(cs)
    plans["visible_to(cell secretary) first 50 by path"] = (
        Organization.objects.visible_to(cs).order_by("path")[:50].explain(**opts))
    return plans


# ------------------------------------------------------------------------------ the member register

ASOF_DATE = "31/12/2020"
PAGE_SIZES = (10, 50, 200)
FILTERED_QUERY = "status=full&sex=female&age_band=41-50"


def _member_clients(users):
    from django.test import Client
    from rest_framework.test import APIClient

    clients = {}
    for name in ("province_officer", "cell_secretary"):
        for kind, cls in (("page", Client), ("api", APIClient)):
            client = cls()
            client.force_login(users[name])  # a session: every request loads a fresh user (no warm permission cache)
            clients[(name, kind)] = client
    return clients


def _getter(clients, who, kind, url):
    client = clients[(who, kind)]

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} as {who}: HTTP {response.status_code}")
        return len(response.content)
    return get


def member_operations(mgen, users):
    """(key, group, label, callable, target ms) for the register: search, list pages, API, as-of, cell."""
    from urllib.parse import quote_plus

    from dangvu.accounts import permissions
    from dangvu.members.models import Member
    from dangvu.members.querysets import ROW

    po = users["province_officer"]
    clients = _member_clients(users)
    terms = mgen.search_terms

    def search(term):
        def run():
            permissions.forget(po)
            return len(list(Member.objects.search(term).restrict(po, form=ROW).order_by("name_key", "id")[:50]))
        return run

    def search_count(term):
        def run():
            permissions.forget(po)
            return Member.objects.search(term).restrict(po, form=ROW).count()
        return run

    page = lambda who, url: _getter(clients, who, "page", url)  # noqa: E731
    api = lambda who, url: _getter(clients, who, "api", url)  # noqa: E731
    return [
        ("m_search_name", "search", f"search {terms['name']!r}: first 50 by name_key", search(terms["name"]), SEARCH_TARGET_MS),
        ("m_search_cccd", "search", f"search CCCD fragment {terms['cccd']!r}: first 50", search(terms["cccd"]), SEARCH_TARGET_MS),
        ("m_search_card", "search", f"search card number {terms['card']!r}: first 50", search(terms["card"]), SEARCH_TARGET_MS),
        ("m_search_name_count", "search", f"search {terms['name']!r}: count (the page's total)", search_count(terms["name"]),
         None),
        ("m_page_search", "page", f"GET /dang-vien/?q={quote_plus(terms['name'])}",
         page("province_officer", f"/dang-vien/?q={quote_plus(terms['name'])}"), PAGE_TARGET_MS),
        ("m_page_filtered", "page", f"GET /dang-vien/?{FILTERED_QUERY}",
         page("province_officer", f"/dang-vien/?{FILTERED_QUERY}"), PAGE_TARGET_MS),
        ("m_page_list", "page", "GET /dang-vien/ (no filter; extra)", page("province_officer", "/dang-vien/"), PAGE_TARGET_MS),
        ("m_api_search", "api", f"GET /api/members/?search={quote_plus(terms['api_name'])}",
         api("province_officer", f"/api/members/?search={quote_plus(terms['api_name'])}"), PAGE_TARGET_MS),
        ("m_api_list", "api", "GET /api/members/ (no filter; extra)", api("province_officer", "/api/members/"),
         PAGE_TARGET_MS),
        ("m_page_asof", "page", f"GET /dang-vien/?as_of={ASOF_DATE}",
         page("province_officer", f"/dang-vien/?as_of={ASOF_DATE}"), PAGE_TARGET_MS),
        ("m_page_cell", "page", "GET /dang-vien/ (cell secretary)", page("cell_secretary", "/dang-vien/"), PAGE_TARGET_MS),
        ("m_api_cell", "api", "GET /api/members/ (cell secretary)", api("cell_secretary", "/api/members/"), PAGE_TARGET_MS),
        ("m_org_search", "page", "GET /dang-vien/to-chuc/?q=xa (the filter's organization search)",
         page("province_officer", "/dang-vien/to-chuc/?q=xa"), PAGE_TARGET_MS),
    ]


def page_size_checks(mgen, users) -> list[dict]:
    """Queries of every member list at page sizes 10, 50 and 200: the same count at 50 and 200 rows.

    (At 10 rows an as-of page may run one query less: the names of that date's cells are not read
    when no row of the page had a cell on that date.)
    """
    from unittest import mock
    from urllib.parse import quote_plus

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.members import views

    clients = _member_clients(users)
    terms = mgen.search_terms
    lists = [
        ("province_officer", "page", "/dang-vien/?status=in_party"),
        ("province_officer", "page", f"/dang-vien/?q={quote_plus(terms['api_name'])}"),
        ("province_officer", "page", f"/dang-vien/?{FILTERED_QUERY}"),
        ("province_officer", "page", f"/dang-vien/?as_of={ASOF_DATE}"),
        ("cell_secretary", "page", "/dang-vien/?status=in_party"),
        ("province_officer", "api", "/api/members/?status=in_party"),
        ("province_officer", "api", f"/api/members/?search={quote_plus(terms['api_name'])}"),
        ("province_officer", "api", f"/api/members/?as_of={ASOF_DATE}"),
        ("cell_secretary", "api", "/api/members/?status=in_party"),
    ]
    out = []
    for who, kind, url in lists:
        counts = {}
        for size in PAGE_SIZES:
            if kind == "api":
                get = _getter(clients, who, kind, f"{url}&page_size={size}")
                get()  # warm-up
                with CaptureQueriesContext(connection) as ctx:
                    get()
            else:
                with mock.patch.object(views, "PAGE_SIZE", size):
                    get = _getter(clients, who, kind, url)
                    get()
                    with CaptureQueriesContext(connection) as ctx:
                        get()
            counts[size] = len(ctx.captured_queries)
        out.append({"who": who, "kind": kind, "url": url, "queries": {str(k): v for k, v in counts.items()},
                    "verdict": "PASS" if counts[50] == counts[200] else "FAIL"})
    return out


def member_explain(mgen, users) -> dict:
    """Plans of the search (is member_search_trgm used?), its count, and the heavy list queries."""
    from django.db import connection

    from dangvu.accounts import permissions
    from dangvu.core.pagination import COUNT_BOUND
    from dangvu.members.filters import MemberFilterSet
    from dangvu.members.models import Member
    from dangvu.members.querysets import LIST, ROW

    opts = {"analyze": True, "buffers": True} if connection.vendor == "postgresql" else {}
    po = users["province_officer"]
    plans = {}

    def fresh():
        permissions.forget(po)
        return po

    for key in ("name", "cccd", "card"):
        term = mgen.search_terms[key]
        qs = Member.objects.search(term).restrict(fresh(), form=ROW).order_by("name_key", "id")
        plans[f"search {term!r}: first 50 by name_key"] = qs[:50].explain(**opts)
    plans[f"search {mgen.search_terms['name']!r}: count"] = _count_plan(
        Member.objects.search(mgen.search_terms["name"]).restrict(fresh(), form=ROW), opts)

    class _Request:
        user = po

    for who, label, data in (("province officer", FILTERED_QUERY, {"status": "full", "sex": "female", "age_band": "41-50"}),
                             ("province officer", f"as_of={ASOF_DATE}", {"status": "in_party", "as_of": ASOF_DATE}),
                             ("cell secretary", "status=in_party", {"status": "in_party"})):
        user = po if who == "province officer" else users["cell_secretary"]
        permissions.forget(user)
        _Request.user = user
        # What the page runs: the list form of the scope filter (restrict(form=LIST)) and the bounded count.
        fs = MemberFilterSet(data, queryset=Member.objects.order_by("name_key", "id"), request=_Request())
        qs = fs.qs.restrict(user, form=LIST)
        prefix = "list" if who == "province officer" else f"list ({who})"
        plans[f"{prefix} {label}: first 50"] = qs[:50].explain(**opts)
        plans[f"{prefix} {label}: count up to {COUNT_BOUND + 1:,}"] = _bounded_count_plans(qs, opts)
    return plans


def _bounded_count_plans(qs, opts) -> str:
    """EXPLAIN of each statement of the page's bounded count (captured, then explained)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.core.pagination import COUNT_BOUND

    with CaptureQueriesContext(connection) as ctx:
        qs.bounded_count(COUNT_BOUND)
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if opts else "EXPLAIN QUERY PLAN "
    plans = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            cursor.execute(prefix + query["sql"])
            plans.append("\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall()))
    return "\n---\n".join(plans)


def _count_plan(qs, opts) -> str:
    """EXPLAIN of the very COUNT(*) statement the paginator runs (captured, then explained)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        qs.count()
    sql = ctx.captured_queries[-1]["sql"]
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if opts else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


def key_lines(plan: str) -> list[str]:
    keep = ("Scan", "Execution Time", "SEARCH", "SCAN", "Filter", "Index Cond", "Rows Removed")
    return [line.strip() for line in plan.splitlines() if any(k in line for k in keep)][:8]


# ------------------------------------------------------------------------------ results

def load_baselines(vendor: str, members: bool = False) -> tuple[dict, dict]:
    """(query counts by scale for this vendor, the same for the other vendors) from earlier results.

    Runs with members compare with runs with members only (results-members-*.json), the tree-only
    runs with the tree-only ones.
    """
    own, other = {}, {}
    for path in BENCH_DIR.glob("results-*.json"):
        if path.name.startswith("results-statistics-") or path.name.startswith("results-members-") != members:
            continue
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        target = own if data.get("vendor") == vendor else other
        for scale, counts in data.get("query_counts_by_scale", {}).items():
            target.setdefault(scale, {}).update(counts)
    return own, other


def baseline_for(scale: float, own: dict, other: dict) -> tuple[str | None, dict]:
    """Query counts from a run at a different scale: same database first."""
    for source, counts in (("same database", own), ("other database", other)):
        scales = [s for s in counts if float(s) != scale]
        if scales:
            s = min(scales, key=float)
            return f"scale {s}, {source}", counts[s]
    return None, {}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the tree; 1.0 ≈ 290,000 organizations")
    parser.add_argument("--members", type=int, default=0,
                        help="members in the measured province (plus 10%% of that spread over the other provinces); "
                             "0: the tree only")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per operation (after 1 warm-up)")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help="measure a database kept by an earlier --keep run again, without regenerating it")
    parser.add_argument("--database", default=BENCH_DB, help=f"name of the throw-away PostgreSQL database ({BENCH_DB})")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-report", action="store_true", help="statistics: do not measure the year-end report")
    parser.add_argument("--elsewhere", type=float, default=0.1,
                        help="members in the other provinces, as a share of --members (default 0.1; 10 makes the "
                             "nation eleven times the province)")
    parser.add_argument("--only", choices=["statistics"],
                        help="measure only this group (with --members: the statistics, without the tree and list pages)")
    args = parser.parse_args(argv)
    if args.scale <= 0 or args.repeat < 1 or args.members < 0:
        parser.error("--scale must be > 0, --repeat >= 1 and --members >= 0")
    if not args.database.isidentifier() or args.database == "postgres":
        parser.error("--database must be a plain identifier (and not the maintenance database)")

    def log(msg: str) -> None:
        print(msg, flush=True)

    sys.path.insert(0, str(BASE_DIR))
    bench_url, db_label = prepare_database(log, args.database, reuse=args.reuse)
    kept = None
    if args.reuse:
        try:
            kept = json.loads(_kept_file(bench_url).read_text())
        except (OSError, ValueError):
            parser.error(f"--reuse: no description of a kept database at {_kept_file(bench_url)} (run with --keep first)")
        if ((kept["scale"], kept["members"], kept["seed"], kept.get("elsewhere", 0.1))
                != (args.scale, args.members, args.seed, args.elsewhere)):
            parser.error(f"--reuse: the kept database was generated with --scale {kept['scale']} --members "
                         f"{kept['members']} --seed {kept['seed']} --elsewhere {kept.get('elsewhere', 0.1)}")
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    hosts = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
    os.environ["ALLOWED_HOSTS"] = ",".join([*hosts, "testserver"])
    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import generate
    from dangvu.accounts.models import User

    try:
        t = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrate_s = time.perf_counter() - t
        mgen = None
        if kept is not None:
            from bench.generate import Generated
            from bench.members import MembersGenerated

            log(f"migrate: {migrate_s:.1f} s\nreusing the data generated on {kept['when']}")
            gen = Generated(**kept["generated"])
            mgen = MembersGenerated(**kept["members_generated"]) if kept["members_generated"] else None
        else:
            log(f"migrate: {migrate_s:.1f} s\ngenerate (scale {args.scale}):")
            gen = generate(args.scale, seed=args.seed, log=log)
            if args.members:
                from bench.members import generate_members

                log(f"generate members ({args.members:,} in province id {gen.province_id}):")
                mgen = generate_members(gen, args.members, seed=args.seed, log=log, elsewhere_share=args.elsewhere)
                log(f"  members: {mgen.seconds['total']:.0f} s")
            t = time.perf_counter()
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("VACUUM ANALYZE")  # statistics and visibility map, as autovacuum would leave them
                else:
                    cursor.execute("ANALYZE")
            gen.seconds["analyze"] = time.perf_counter() - t
            if args.keep:
                _kept_file(bench_url).parent.mkdir(parents=True, exist_ok=True)
                _kept_file(bench_url).write_text(json.dumps({
                    "scale": args.scale, "members": args.members, "seed": args.seed, "elsewhere": args.elsewhere,
                    "when": dt.datetime.now().isoformat(timespec="seconds"), "generated": asdict(gen),
                    "members_generated": asdict(mgen) if mgen is not None else None}, ensure_ascii=False, default=str))
        log(f"  {gen.total:,} organizations {gen.by_kind}; analyze {gen.seconds['analyze']:.1f} s")
        log(f"  measured province id {gen.province_id} ({gen.province_subtree:,} organizations below), "
            f"commune id {gen.commune_id} ({gen.commune_subtree} below), cell id {gen.cell_id}")

        users = {k: User.objects.get(pk=pk) for k, pk in gen.users.items()}
        vendor = connection.vendor
        own, other = load_baselines(vendor, members=mgen is not None)
        baseline_label, baseline = baseline_for(args.scale, own, other)

        results = []
        ops = [(*op, PAGE_TARGET_MS if op[1] == "page" else None) for op in operations(gen, users)]
        if args.only and mgen is None:
            parser.error("--only statistics needs --members")
        if mgen is not None:
            from bench.statistics import check_floor, prepare_summary, statistics_operations

            summary_check = prepare_summary(gen, log)
            ops = [] if args.only else ops + member_operations(mgen, users)
            ops += statistics_operations(gen, reports=not args.no_report)
            log(f"statistics floor = engine: {check_floor(gen)}")
        for key, group, label, fn, target_ms in ops:
            log(f"measuring {label} …")
            r = measure(fn, args.repeat)
            r.update(key=key, group=group, label=label)
            if target_ms is not None:
                r["target_ms"] = target_ms
                r["time_target"] = "PASS" if r["p95_ms"] < target_ms else "FAIL"
            if key in baseline:
                r["queries_baseline"] = baseline[key]
                r["query_target"] = "PASS" if r["queries"] == baseline[key] else "FAIL"
            results.append(r)
        statistics_profile = None
        if mgen is None:
            summary_check = None
        if mgen is not None:
            from bench.statistics import explain as explain_statistics
            from bench.statistics import ratios

            for line in ratios(results):
                log(line)
            statistics_profile = explain_statistics(gen)
            log("the province's figure set as of today (flows from 1/1), statement by statement (ms, as captured):")
            for item in statistics_profile["statements"]:
                log(f"  {item['ms']:>8.1f}  {' '.join(item['sql'].split())[:150]}")
        plans = {} if args.only else explain(gen, users)
        page_sizes = []
        if mgen is not None and not args.only:
            log("member lists at page sizes 10, 50 and 200 …")
            page_sizes = page_size_checks(mgen, users)
            plans.update(member_explain(mgen, users))

        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                db_version = "PostgreSQL " + cursor.fetchone()[0]
        else:
            import sqlite3

            db_version = "SQLite " + sqlite3.sqlite_version
        counts = {**own, f"{args.scale:g}": {r["key"]: r["queries"] for r in results}}
        report = {
            "vendor": vendor, "scale": args.scale, "repeat": args.repeat, "database": db_label, "db_version": db_version,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                        "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
            "when": dt.datetime.now().isoformat(timespec="seconds"), "migrate_seconds": round(migrate_s, 1),
            "reused_data_from": kept["when"] if kept is not None else None,
            "generated": asdict(gen), "page_target_ms": PAGE_TARGET_MS, "query_baseline": baseline_label,
            "results": results, "plans": plans, "query_counts_by_scale": counts,
        }
        if mgen is not None:
            report.update(members=asdict(mgen), search_target_ms=SEARCH_TARGET_MS, page_size_checks=page_sizes,
                          statistics_profile=statistics_profile, statistics_summary=summary_check)
            if vendor == "postgresql":  # the trigram index exists only there (migration 0002)
                report["search_uses_trigram_index"] = {k: "member_search_trgm" in v for k, v in plans.items()
                                                       if k.startswith("search ")}
        kind = f"{args.only}-" if args.only else ("members-" if mgen is not None else "")
        out = BENCH_DIR / f"results-{kind}{vendor}.json"
        out.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
        print_table(report)
        log(f"\nwritten {out.relative_to(BASE_DIR)}")
        failed = [r for r in results if "FAIL" in (r.get("time_target"), r.get("query_target"))]
        failed += [c for c in page_sizes if c["verdict"] == "FAIL"]
        return 1 if args.strict and failed else 0
    finally:
        if args.keep or args.reuse:
            log(f"kept the database: DATABASE_URL={bench_url}")
        else:
            drop_database(bench_url)


def print_table(report: dict) -> None:
    g = report["generated"]
    print(f"\n{report['db_version']}, scale {report['scale']:g}: {g['total']:,} organizations, "
          f"{report['machine']['cpus']} CPUs; generation {g['seconds']['total']:.0f} s")
    print(f"query-count baseline: {report['query_baseline'] or 'none yet (run another scale to compare)'}")
    if report.get("members"):
        m = report["members"]
        print(f"members: {m['total']:,} ({m['in_province']:,} in the measured province, {m['elsewhere']:,} elsewhere), "
              f"{m['events']:,} events, {m['states']:,} states; generation {m['seconds']['total']:.0f} s")
    header = (f"{'operation':<60} {'runs':>4} {'p50 ms':>9} {'p95 ms':>9} {'queries':>7} {'rows/bytes':>10}  "
              f"{'time target':<12}  queries")
    print(header)
    print("-" * len(header))
    for r in report["results"]:
        qt = r.get("query_target", "—")
        if qt == "FAIL":
            qt = f"FAIL (was {r['queries_baseline']})"
        tt = f"{r['time_target']} <{r['target_ms']:g}" if "time_target" in r else "—"
        print(f"{r['label'][:60]:<60} {r['runs']:>4} {r['p50_ms']:>9.1f} {r['p95_ms']:>9.1f} {r['queries']:>7} "
              f"{r['rows']:>10}  {tt:<12}  {qt}")
    if report.get("page_size_checks"):
        print("\nqueries per list at page sizes " + " / ".join(map(str, PAGE_SIZES)) + ":")
        for c in report["page_size_checks"]:
            counts = " / ".join(f"{n:>2}" for n in c["queries"].values())
            print(f"  {c['verdict']}  {counts}  {c['kind']:<4} {c['who']:<16} {c['url']}")
    if report.get("search_uses_trigram_index"):
        print("\nsearch plans use member_search_trgm: " + ", ".join(
            f"{k.split(':')[0]}: {'yes' if v else 'NO'}" for k, v in report["search_uses_trigram_index"].items()))
    print("\nplans (key lines):")
    for name, plan in report["plans"].items():
        print(f"  {name}")
        for line in key_lines(plan):
            print(f"      {line}")


if __name__ == "__main__":
    sys.exit(main())
