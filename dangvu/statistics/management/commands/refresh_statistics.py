"""`manage.py refresh_statistics [--on D …] [--organization CODE] [--stale] [--forget D …]`: the summary of the
stock figures (dangvu.statistics.summaries).

- no option: recompute every day already summarized (the first time: today, yesterday and the two last 31/12);
- `--on D` (repeatable): recompute (or start keeping) those days;
- `--organization CODE`: only the subtree of that organization, on those days;
- `--stale`: only what the register's changes marked stale since the last refresh (what the background
  job runs: `summaries.refresh_stale`);
- `--forget D` (repeatable): stop keeping those days (their figures are then computed live).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.dates import parse_date, vn_date
from dangvu.organizations.models import Organization
from dangvu.statistics import summaries


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

    def handle(self, *args, **options):
        started = time.perf_counter()
        forget = _dates(options["forget"], "--forget")
        if forget:
            n = summaries.forget(forget)
            self.stdout.write(f"Đã bỏ tổng hợp của {n} ngày: {', '.join(vn_date(d) for d in forget)}")
            return
        days = _dates(options["days"], "--on")
        if options["stale"]:
            if days or options["organization"]:
                raise CommandError("--stale: không dùng cùng --on hoặc --organization (tính lại mọi ngày đã lưu).")
            done = summaries.refresh_stale()
        else:
            org = None
            if options["organization"]:
                org = Organization.objects.filter(code=options["organization"]).first()
                if org is None:
                    raise CommandError(f"--organization: không có tổ chức đảng mã “{options['organization']}”.")
            done = summaries.refresh(days or None, org)
        self.stdout.write(f"Đã tính tổng hợp ngày {', '.join(vn_date(d) for d in done.days) or '(không có)'}: "
                          f"{done.rows} dòng, bỏ {done.marks_cleared} dấu thay đổi, "
                          f"{time.perf_counter() - started:.1f} giây.")
