"""`manage.py run_report_jobs [--once] [--interval S]`: the worker of the year-end report jobs queued
by the page and the API (dangvu.reports.jobs; needed only with REPORT_JOBS=queue, or to resume a job
a server restart interrupted). Each pass also deletes the report files older than REPORT_RETENTION_DAYS
(jobs.clean_up)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from dangvu.reports import jobs


class Command(BaseCommand):
    help = "Lập các báo cáo năm đang chờ (hàng đợi của trang Báo cáo năm và API)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="lập các báo cáo đang chờ rồi dừng")
        parser.add_argument("--interval", type=float, default=5.0, help="số giây giữa hai lần xem hàng đợi")

    def handle(self, *args, **options):
        while True:
            close_old_connections()  # a long-running worker: drop connections the database has closed
            n = jobs.run_pending()
            if n:
                self.stdout.write(f"Đã lập {n} báo cáo")
            removed = jobs.clean_up()
            if removed:
                self.stdout.write(f"Đã xóa {removed} báo cáo cũ (quá {jobs.retention_days()} ngày)")
            if options["once"]:
                return
            time.sleep(options["interval"])
