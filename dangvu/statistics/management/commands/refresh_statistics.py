"""`manage.py refresh_statistics [--on D …] [--organization CODE] [--stale] [--forget D …]`: the summary of the
stock figures (dangvu.statistics.summaries).

- no option: recompute every day already summarized (the first time: today, yesterday and the two last 31/12);
- `--on D` (repeatable): recompute (or start keeping) those days;
- `--organization CODE`: only the subtree of that organization, on those days;
- `--stale`: only what the register's changes marked stale since the last refresh (what the background
  job runs: `summaries.refresh_stale`);
- `--forget D` (repeatable): stop keeping those days (their figures are then computed live);
- `--wait N`: when a refresh is already running (the background job `refresh_summaries`, or another run of this
  command), wait up to N seconds for it to finish (default 0: refuse at once).

Every run goes through the exclusive job kind `refresh_summaries` (`jobs.run_by_hand`), run here in the
caller: a refresh by hand and the background refresh never interleave.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.dates import parse_date, vn_date
from dangvu.jobs import runner
from dangvu.jobs.models import Status
from dangvu.organizations.models import Organization
from dangvu.statistics import jobs


def _dates(values, flag: str):
    out = []
    for value in values or []:
        try:
            out.append(parse_date(value))
        except ValueError as exc:
            raise CommandError(f"{flag}: {exc}") from exc
    return out


class Command(BaseCommand):
    help = "Tính lại bảng tổng hợp số liệu thống kê (chỉ tiêu tồn theo tổ chức và ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--on", action="append", dest="days", help="ngày số liệu (dd/mm/yyyy hoặc YYYY-MM-DD), lặp lại được")
        parser.add_argument("--organization", help="mã tổ chức đảng: chỉ tính lại phần cây dưới tổ chức này")
        parser.add_argument("--stale", action="store_true", help="chỉ tính lại phần đã thay đổi từ lần tính trước")
        parser.add_argument("--forget", action="append", help="thôi lưu tổng hợp của ngày này (lặp lại được)")
        parser.add_argument("--wait", type=int, default=0, metavar="GIÂY",
                            help="nếu đang có một lần tính tổng hợp chạy: chờ tối đa bấy nhiêu giây (mặc định: không chờ)")

    def handle(self, *args, **options):
        started = time.perf_counter()
        forget = _dates(options["forget"], "--forget")
        days = _dates(options["days"], "--on")
        if options["wait"] < 0:
            raise CommandError("--wait: số giây chờ phải là số nguyên không âm.")
        if forget:
            params = {"forget": [d.isoformat() for d in forget]}
        elif options["stale"]:
            if days or options["organization"]:
                raise CommandError("--stale: không dùng cùng --on hoặc --organization (tính lại mọi ngày đã lưu).")
            params = {"stale": True}
        else:
            params = {"days": [d.isoformat() for d in days]}
            if options["organization"]:
                org = Organization.objects.filter(code=options["organization"]).first()
                if org is None:
                    raise CommandError(f"--organization: không có tổ chức đảng mã “{options['organization']}”.")
                params["organization"] = org.pk
        try:
            job = jobs.run_by_hand(params, wait=options["wait"])
        except runner.JobAlreadyRunning as exc:
            raise CommandError(f"{exc.messages[0]} (Chạy lại sau, hoặc thêm --wait GIÂY để chờ.)") from exc
        if job is None:
            raise CommandError("Chưa có tổ chức đảng nào: không có gì để tính tổng hợp.")
        if job.status != Status.DONE:
            raise CommandError(f"Tính tổng hợp không xong (công việc #{job.pk}): {job.error}")
        result = job.result
        refreshed = ", ".join(vn_date(parse_date(d)) for d in result["refreshed"])
        if forget:
            self.stdout.write(f"Đã bỏ tổng hợp của {result['forgotten']} ngày: {refreshed}")
            return
        self.stdout.write(f"Đã tính tổng hợp ngày {refreshed or '(không có)'}: "
                          f"{result['rows']} dòng, bỏ {result['marks_cleared']} dấu thay đổi, "
                          f"{time.perf_counter() - started:.1f} giây (công việc #{job.pk}).")
