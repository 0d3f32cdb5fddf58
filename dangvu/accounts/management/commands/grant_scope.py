from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts import services
from dangvu.accounts.models import Role, User
from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import RuleViolation


class Command(BaseCommand):
    help = "Cấp cho USERNAME vai trò ROLE trên tổ chức ORG_CODE (tạo người dùng nếu chưa có)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("org_code", help="mã tổ chức, ví dụ 38.168")
        parser.add_argument("role", choices=Role.values, help="vai trò: " + ", ".join(f"{v} ({lbl})" for v, lbl in Role.choices))
        parser.add_argument("--password", help="mật khẩu cho người dùng mới (hoặc đặt lại)")
        parser.add_argument("--full-name", default="", help="họ và tên")

    def handle(self, *args, username, org_code, role, password=None, full_name="", **options):
        organization_model = apps.get_model("organizations", "Organization")  # accounts is below organizations
        try:
            org = organization_model.objects.get(code=org_code)
        except organization_model.DoesNotExist as exc:
            raise CommandError(f"Không có tổ chức mã “{org_code}”.") from exc
        username = User.normalize_username(username)  # one spelling (accounts/login.py)
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created and not password:
            user.set_unusable_password()
            self.stdout.write(self.style.WARNING("Người dùng mới chưa có mật khẩu: dùng --password để đặt."))
        if password:
            user.set_password(password)
        if full_name:
            user.full_name = full_name
        if role == Role.ADMIN:
            user.is_staff = True
        user.save()
        try:
            services.grant_scope(by=SYSTEM, user=user, organization=org, role=role)
        except RuleViolation as exc:
            raise CommandError(str(exc)) from exc
        verb = "Đã tạo" if created else "Đã cập nhật"
        self.stdout.write(self.style.SUCCESS(f"{verb} {username}: {Role(role).label} — {org.name} ({org.code})"))
