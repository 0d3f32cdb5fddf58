"""Print a user's to-do list (for a daily e-mail or a cron job): `manage.py todo canbo.sonha`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dangvu.core import todo
from dangvu.core.dates import parse_date, today, vn_date


class Command(BaseCommand):
    help = "Việc cần làm của một người dùng (trong phạm vi của họ), tính đến một ngày."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--date", help="dd/mm/yyyy (mặc định hôm nay)")

    def handle(self, username, date=None, **options):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Không có người dùng “{username}” đang hoạt động.") from exc
        try:
            on = parse_date(date) or today()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        items = todo.collect(user, on)
        self.stdout.write(f"Việc cần làm của {user.full_name or user.username} tính đến {vn_date(on)}: {len(items)}")
        for item in items:
            flag = "QUÁ HẠN " if item.overdue else ""
            due = vn_date(item.due) if item.due else "—"
            self.stdout.write(f"- {flag}[{item.category_label}] {item.title} · {item.organization} · hạn {due}")
