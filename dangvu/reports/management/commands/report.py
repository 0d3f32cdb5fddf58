"""`manage.py report yearly --organization CODE --year YYYY --format docx|pdf|xlsx --output FILE
[--rounding half_up|truncate]`: the year-end report of an organization."""

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.numbers import ROUNDING_MODES
from dangvu.organizations.models import Organization
from dangvu.reports import render
from dangvu.statistics import engine


class Command(BaseCommand):
    help = "Báo cáo kết quả công tác xây dựng Đảng năm của một tổ chức đảng (DOCX, PDF hoặc XLSX)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        yearly = sub.add_parser("yearly", help="báo cáo năm")
        yearly.add_argument("--organization", required=True, help="mã tổ chức đảng")
        yearly.add_argument("--year", type=int, required=True, help="năm báo cáo")
        yearly.add_argument("--format", choices=sorted(render.RENDERERS), required=True)
        yearly.add_argument("--output", required=True, help="tệp kết quả")
        yearly.add_argument("--rounding", choices=sorted(ROUNDING_MODES), default=engine.DEFAULT_ROUNDING,
                            help="half_up: làm tròn (mặc định); truncate: cắt bớt như các báo cáo đã công bố")

    def handle(self, *args, **options):
        try:
            org = Organization.objects.get(code=options["organization"])
        except Organization.DoesNotExist as exc:
            raise CommandError(f"Không có tổ chức đảng mã {options['organization']!r}") from exc
        if not 1930 <= options["year"] <= 2100:
            raise CommandError(f"Năm {options['year']} không hợp lệ")
        data = render.yearly(org, options["year"], options["format"], rounding=options["rounding"])
        with open(options["output"], "wb") as fh:
            fh.write(data)
        self.stdout.write(f"Đã ghi {options['output']} ({len(data):,} byte)".replace(",", "."))
