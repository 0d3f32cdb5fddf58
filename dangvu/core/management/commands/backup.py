from django.core.management.base import BaseCommand, CommandError

from dangvu.core import backup


class Command(BaseCommand):
    help = ("Sao lưu toàn bộ cơ sở dữ liệu (kể cả nhật ký) vào FILE, nhất quán khi ứng dụng đang chạy "
            "(PostgreSQL và SQLite; khôi phục bằng `manage.py restore FILE`).")

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="tệp sao lưu sẽ ghi (JSON lines nén gzip)")

    def handle(self, *args, output, **options):
        try:
            header = backup.backup(output)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(header["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu {rows:,} dòng của {len(header['counts'])} bảng vào {output}.".replace(",", ".")))
