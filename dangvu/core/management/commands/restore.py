from django.core.management.base import BaseCommand, CommandError

from dangvu.core import backup


class Command(BaseCommand):
    help = ("Khôi phục bản sao lưu FILE (của `manage.py backup`) vào cơ sở dữ liệu trống, đã migrate "
            "(một giao dịch: hoặc đủ cả, hoặc không gì).")

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu")

    def handle(self, *args, file, **options):
        try:
            restored = backup.restore(file)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục {sum(restored.values()):,} dòng từ {file}.".replace(",", ".")))
