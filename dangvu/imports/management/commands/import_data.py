"""manage.py import_data FILE --kind members --organization CODE [--dry-run] [--user USERNAME]

Prints the same summary as the preview page; exits with status 1 when any row is rejected (then
nothing is applied) or the file cannot be read. Without --dry-run the file is checked and applied in one
pass (services.check_and_apply), not previewed and then applied. Acts as --user (default: the first system administrator),
so the scope and the audit are a real person's.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.models import User
from dangvu.imports import services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import RunStatus
from dangvu.imports.workbooks import summary_lines
from dangvu.organizations.models import Organization


def acting_user(username: str | None) -> User:
    if username:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"Không có người dùng “{username}”.") from None
    user = User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
    user = user or next((u for u in User.objects.filter(is_active=True).order_by("id") if u.is_system_admin), None)
    if user is None:
        raise CommandError("Không có quản trị hệ thống: hãy chỉ rõ --user.")
    return user


def organization(code: str | None) -> Organization:
    org = Organization.objects.filter(code=code).first() if code else Organization.objects.filter(parent=None).order_by("id").first()
    if org is None:
        raise CommandError(f"Không có tổ chức mã “{code}”." if code else "Chưa có tổ chức gốc.")
    return org


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp XLSX/CSV theo mẫu (kiểm tra mọi dòng; có lỗi thì không nhập gì)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=sorted(KINDS))
        parser.add_argument("--organization", help="Mã tổ chức nhận dữ liệu (mặc định: tổ chức gốc).")
        parser.add_argument("--user", help="Tên đăng nhập của người nhập (mặc định: quản trị hệ thống đầu tiên).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        by = acting_user(options["user"])
        org = organization(options["organization"])
        # without --dry-run the file is checked and applied in one pass (nothing applied when a row is refused)
        import_file = services.preview if options["dry_run"] else services.check_and_apply
        run = import_file(by=by, kind=options["kind"], organization=org, file_name=path.name, content=path.read_bytes())
        for line in summary_lines(run):
            self.stdout.write(line)
        if run.status == RunStatus.REJECTED:
            raise CommandError("Có dòng bị từ chối hoặc tệp không đọc được: không nhập gì.", returncode=1)
        self.stdout.write("Đã nhập." if run.status == RunStatus.APPLIED else "Kiểm tra xong (--dry-run): chưa ghi gì.")
