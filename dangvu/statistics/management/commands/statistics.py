"""`manage.py statistics --organization CODE (--on D | --year Y | --from D --to D) [--rounding …]
[--format json|xlsx] [--output FILE] [--figure CODE …]`: the figure set of an organization."""

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.figures import Window
from dangvu.core.numbers import ROUNDING_MODES
from dangvu.organizations.models import Organization
from dangvu.statistics import engine


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày {text!r} không hợp lệ: viết theo dạng YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = "Các chỉ tiêu thống kê của một tổ chức đảng vào một ngày hoặc trong một kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="mã tổ chức đảng")
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--on", help="ngày (YYYY-MM-DD): số liệu vào ngày đó")
        when.add_argument("--year", type=int, help="năm: kỳ 01/01–31/12, số liệu tồn vào 31/12")
        when.add_argument("--from", dest="start", help="đầu kỳ (YYYY-MM-DD), cùng với --to")
        parser.add_argument("--to", dest="end", help="cuối kỳ (YYYY-MM-DD)")
        parser.add_argument("--rounding", choices=sorted(ROUNDING_MODES), default=engine.DEFAULT_ROUNDING)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", help="tệp kết quả (mặc định: in ra màn hình; bắt buộc với xlsx)")
        parser.add_argument("--figure", action="append", dest="codes", help="chỉ lấy chỉ tiêu có mã này (lặp lại được)")

    def handle(self, *args, **options):
        try:
            org = Organization.objects.get(code=options["organization"])
        except Organization.DoesNotExist as exc:
            raise CommandError(f"Không có tổ chức đảng mã {options['organization']!r}") from exc
        if options["on"]:
            window = Window.on(org, _date(options["on"]))
        elif options["year"]:
            window = Window.year(org, options["year"])
        else:
            if not options["end"]:
                raise CommandError("--from cần đi cùng --to")
            start, end = _date(options["start"]), _date(options["end"])
            if start > end:
                raise CommandError("Đầu kỳ (--from) phải trước hoặc bằng cuối kỳ (--to)")
            window = Window(org, start, end)
        try:
            values = engine.compute(window, options["codes"], rounding=options["rounding"])
        except KeyError as exc:
            raise CommandError(exc.args[0]) from exc
        if options["format"] == "json":
            text = json.dumps([v.as_dict() for v in values], ensure_ascii=False, indent=2)
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8") as fh:
                    fh.write(text + "\n")
            else:
                sys.stdout.write(text + "\n")
            return
        if not options["output"]:
            raise CommandError("--format xlsx cần --output TỆP")
        from dangvu.statistics.exports import figures_xlsx

        with open(options["output"], "wb") as fh:
            fh.write(figures_xlsx(window, values))
