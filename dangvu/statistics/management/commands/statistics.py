"""`manage.py statistics --organization CODE (--on D | --year Y | --from D --to D) [--rounding …]
[--format json|xlsx] [--output FILE] [--figure CODE …]`: the figure set of an organization.

The window and rounding are read by the same parser as the page and the API (dangvu.statistics.params);
without --on/--year/--from the window is its default (this year to date; in January, last year)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from dangvu.organizations.models import Organization
from dangvu.statistics import engine
from dangvu.statistics.exports import figures_xlsx
from dangvu.statistics.params import WindowError, parse


class Command(BaseCommand):
    help = "Các chỉ tiêu thống kê của một tổ chức đảng vào một ngày hoặc trong một kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="mã tổ chức đảng")
        parser.add_argument("--on", help="ngày (YYYY-MM-DD): số liệu vào ngày đó")
        parser.add_argument("--year", help="năm: kỳ 01/01–31/12, số liệu tồn vào 31/12")
        parser.add_argument("--from", dest="start", help="đầu kỳ (YYYY-MM-DD), cùng với --to")
        parser.add_argument("--to", dest="end", help="cuối kỳ (YYYY-MM-DD)")
        parser.add_argument("--rounding", default="half_up", help="half_up (mặc định) hoặc truncate")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", help="tệp kết quả (mặc định: in ra màn hình; bắt buộc với xlsx)")
        parser.add_argument("--figure", action="append", dest="codes", help="chỉ lấy chỉ tiêu có mã này (lặp lại được)")

    def handle(self, *args, **options):
        org = Organization.objects.filter(code=options["organization"]).first()
        if org is None:
            raise CommandError(f"--organization: không có tổ chức đảng mã “{options['organization']}”.")
        params = {"organization": str(org.pk), "on": options["on"], "year": options["year"], "from": options["start"],
                  "to": options["end"], "rounding": options["rounding"], "figure": options["codes"] or []}
        try:
            query = parse(params, Organization.objects.filter(pk=org.pk))
        except WindowError as exc:
            flags = {"from": "--from", "to": "--to", "on": "--on", "year": "--year", "rounding": "--rounding",
                     "figure": "--figure", "organization": "--organization"}
            raise CommandError(" ".join(f"{flags.get(k, k)}: {m}" for k, m in exc.errors.items())) from exc
        values = engine.compute(query.window, query.codes, rounding=query.rounding)
        if options["format"] == "json":
            text = json.dumps([v.as_dict() for v in values], ensure_ascii=False, indent=2)
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8") as fh:
                    fh.write(text + "\n")
            else:
                sys.stdout.write(text + "\n")
            return
        if not options["output"]:
            raise CommandError("--output: --format xlsx cần tên tệp kết quả (--output TỆP.xlsx).")
        with open(options["output"], "wb") as fh:
            fh.write(figures_xlsx(query.window, values, description=query.description))
        self.stdout.write(f"Đã ghi {options['output']}")
