"""`manage.py clean_job_files [--days N]`: delete the background jobs finished more than N days ago
(default JOBS_RETENTION_DAYS, 30) and their files (dangvu.jobs.runner.clean_up). For a daily cron job
where no `run_jobs` worker runs (it cleans up on each pass)."""

from django.core.management.base import BaseCommand, CommandError

from dangvu.jobs import runner


class Command(BaseCommand):
    help = "Xóa các công việc nền đã xong quá số ngày lưu giữ (JOBS_RETENTION_DAYS) cùng tệp của chúng."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="số ngày lưu giữ (mặc định JOBS_RETENTION_DAYS; 0: giữ tất cả)")

    def handle(self, *args, **options):
        days = runner.retention_days() if options["days"] is None else options["days"]
        if days < 0:
            raise CommandError(f"--days: số ngày lưu giữ phải từ 0 trở lên (nhận {days}).")
        removed = runner.clean_up(days)
        self.stdout.write(f"Đã xóa {removed} công việc cũ (quá {days} ngày)." if days else
                          "Số ngày lưu giữ là 0: giữ tất cả.")
