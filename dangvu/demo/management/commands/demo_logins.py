from django.core.management.base import BaseCommand

from dangvu.accounts.models import Role, User
from dangvu.demo.organizations import DEMO_PASSWORD, DEMO_URL, DEMO_USERNAMES


class Command(BaseCommand):
    help = "In các tài khoản dùng thử do seed_demo tạo: tên đăng nhập, mật khẩu, vai trò, phạm vi."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=DEMO_URL, help="địa chỉ trang web in ra (make run: http://HOST:PORT/)")

    def handle(self, *args, url=DEMO_URL, **options):
        from dangvu.members.models import Member  # the demo fills every app

        linked = dict(Member.objects.filter(user__username__in=DEMO_USERNAMES).values_list("user__username", "full_name"))
        users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES).prefetch_related("scopes__organization")}
        if not users:
            self.stdout.write("Chưa có tài khoản dùng thử: chạy manage.py seed_demo trước.")
            return
        header = ("Tên đăng nhập", "Mật khẩu", "Họ và tên", "Vai trò", "Phạm vi (tổ chức)")
        rows = []
        for username in DEMO_USERNAMES:
            user = users.get(username)
            if user is None:
                continue
            password = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(đã đổi)"
            scopes = sorted(user.scopes.all(), key=lambda s: (s.organization.path.count("/"), s.organization.code))
            roles = ", ".join(dict.fromkeys(Role(s.role).label for s in scopes)) or "—"
            if username in linked:
                roles += f" (hồ sơ: {linked[username]})"
            orgs = [s.organization.name + ("" if s.organization.is_active else f" (đến {s.organization.ended_on:%d/%m/%Y})")
                    for s in scopes] or ["—"]
            rows.append((username, password, user.full_name, roles, orgs[0]))
            rows.extend(("", "", "", "", name) for name in orgs[1:])
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

        def line(cells):
            return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write(f"Tài khoản dùng thử Đảng Vụ — mở {url}")
        self.stdout.write("")
        self.stdout.write(line(header))
        self.stdout.write(line(["-" * w for w in widths]))
        for row in rows:
            self.stdout.write(line(row))
