"""`manage.py run_jobs [--once] [--interval S]`: the worker of the background jobs (dangvu.jobs.runner):
needed with JOBS=queue (production), or to resume a job a server restart interrupted. Each pass also
deletes the jobs (and files) older than JOBS_RETENTION_DAYS (runner.clean_up), and first calls the apps'
worker passes (runner.on_worker_pass: the statistics summary's daily refresh)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from dangvu.jobs import runner


class Command(BaseCommand):
    help = "Chạy các công việc nền đang chờ (xuất lớn, báo cáo năm, nhập dữ liệu)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="chạy các công việc đang chờ rồi dừng")
        parser.add_argument("--interval", type=float, default=5.0, help="số giây giữa hai lần xem hàng đợi")

    def handle(self, *args, **options):
        while True:
            close_old_connections()  # a long-running worker: drop connections the database has closed
            for line in runner.run_worker_passes():
                self.stdout.write(line)
            n = runner.run_pending()
            if n:
                self.stdout.write(f"Đã chạy {n} công việc")
            removed = runner.clean_up()
            if removed:
                self.stdout.write(f"Đã xóa {removed} công việc cũ (quá {runner.retention_days()} ngày)")
            if options["once"]:
                return
            time.sleep(options["interval"])
