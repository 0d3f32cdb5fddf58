from django.core.management.base import BaseCommand

from dangvu.statistics import docs


class Command(BaseCommand):
    help = "Write docs/statistics.md from the figure registry."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Exit with an error when docs/statistics.md is out of date.")

    def handle(self, *args, check=False, **options):
        text = docs.render()
        if check:
            if not docs.PATH.exists() or docs.PATH.read_text(encoding="utf-8") != text:
                raise SystemExit("docs/statistics.md is out of date: run `manage.py statistics_doc`.")
            return
        docs.PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {docs.PATH}")
