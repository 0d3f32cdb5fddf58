"""`manage.py clean_report_files [--days N]`: delete the year-end report jobs finished more than N days ago
(default REPORT_RETENTION_DAYS, 30) and their files (dangvu.reports.jobs.clean_up). For a daily cron job
where no `run_report_jobs` worker runs (it cleans up on each pass)."""

from django.core.management.base import BaseCommand, CommandError

from dangvu.reports import jobs


class Command(BaseCommand):
    help = "Xóa các báo cáo năm đã lập quá số ngày lưu giữ (REPORT_RETENTION_DAYS) cùng tệp của chúng."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="số ngày lưu giữ (mặc định REPORT_RETENTION_DAYS; 0: giữ tất cả)")

    def handle(self, *args, **options):
        days = jobs.retention_days() if options["days"] is None else options["days"]
        if days < 0:
            raise CommandError(f"--days: số ngày lưu giữ phải từ 0 trở lên (nhận {days}).")
        removed = jobs.clean_up(days)
        self.stdout.write(f"Đã xóa {removed} báo cáo cũ (quá {days} ngày)." if days else
                          "Số ngày lưu giữ là 0: giữ tất cả báo cáo.")
