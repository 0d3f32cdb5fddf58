from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from dangvu.accounts.models import User


class Command(BaseCommand):
    help = "In mã truy cập API (token) của USERNAME; --reset để cấp mã mới."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="hủy mã cũ và cấp mã mới")

    def handle(self, *args, username, reset=False, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng “{username}”.") from exc
        if reset:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
