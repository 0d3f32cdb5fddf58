"""manage.py export_data --kind members --organization CODE [--on DD/MM/YYYY] --output FILE

Writes the template format of the kind, so that the file imports back as it is (round trip)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.dates import ImpossibleDate, NotADate, parse_date
from dangvu.imports.kinds import KINDS
from dangvu.imports.management.commands.import_data import organization
from dangvu.imports.workbooks import export


class Command(BaseCommand):
    help = "Xuất dữ liệu theo mẫu nhập (XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=sorted(KINDS))
        parser.add_argument("--organization", required=True)
        parser.add_argument("--on", help="Trạng thái tại ngày (dd/mm/yyyy).")
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options):
        try:
            on = parse_date(options["on"])
        except (NotADate, ImpossibleDate) as exc:
            raise CommandError(str(exc)) from None
        content = export(KINDS[options["kind"]], organization(options["organization"]), on)
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"Đã ghi {options['output']} ({len(content)} byte).")
