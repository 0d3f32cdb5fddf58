from django.core.management.base import BaseCommand

from dangvu.core.generated import write_or_check
from dangvu.rules import docs


class Command(BaseCommand):
    help = "Write docs/rules.md from the rule catalog, the parameters and the regime table."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Exit with an error when docs/rules.md is out of date.")

    def handle(self, *args, check=False, **options):
        message = write_or_check(docs.PATH, docs.render(), check=check, command="rules_doc")
        if message:
            self.stdout.write(message)
