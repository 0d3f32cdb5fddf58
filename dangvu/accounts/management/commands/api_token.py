from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts import tokens
from dangvu.accounts.models import User


class Command(BaseCommand):
    help = "Cấp một mã truy cập API (token) mới cho USERNAME và in mã (chỉ một lần); --reset thu hồi các mã cũ trước."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="thu hồi mọi mã cũ trước khi cấp mã mới")
        parser.add_argument("--name", default="lệnh api_token", help="tên gợi nhớ của mã")

    def handle(self, *args, username, reset=False, name="", **options):
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng “{username}”.") from exc
        if reset:
            tokens.revoke_all(user, by=None, reason="admin")
        _token, key = tokens.create(by=user, name=name, channel="command")
        self.stdout.write(key)
