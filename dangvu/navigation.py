"""One navigation module: the menu shown to each user, by what their scopes allow."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.accounts import permissions


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    icon: str
    active: bool


def menu_for(request) -> list[MenuItem]:
    user = request.user
    path = request.path
    items = [
        (_("Việc cần làm"), reverse("todo"), "check2-square"),
        (_("Cây tổ chức"), reverse("organizations:tree"), "diagram-3"),
        (_("Danh sách tổ chức"), reverse("organizations:list"), "list-ul"),
        (pgettext_lazy("menu", "Đảng viên"), reverse("members:list"), "people"),
        (_("Quy tắc"), reverse("rules:overview"), "sliders"),
        ("API", reverse("api-docs"), "plug"),
    ]
    if permissions.has_scope(user, "members.view"):
        # Figures: the dashboard and the congress targets (officers, secretaries, leaders).
        items[0:0] = [(_("Tổng quan"), reverse("dashboard:index"), "speedometer2")]
        items.insert(2, (_("Chỉ tiêu"), reverse("targets:list"), "bullseye"))
        # The registers of the lifecycle: not for a user who holds only the member role.
        items[6:6] = [
            (_("Kết nạp"), reverse("admissions:list"), "person-plus"),
            (_("Dự bị"), reverse("admissions:probation_list"), "hourglass-split"),
            (_("Chuyển sinh hoạt"), reverse("transfers:list"), "arrow-left-right"),
            (_("Nơi cư trú"), reverse("residence:index"), "house-door"),
            (_("Huy hiệu Đảng, thẻ đảng viên"), reverse("awards:due"), "award"),
            (_("Thống kê"), reverse("statistics:page"), "bar-chart"),
            (_("Báo cáo năm"), reverse("reports:index"), "file-earmark-text"),
        ]
    if user.is_system_admin:
        items.append((_("Nhật ký thay đổi"), reverse("audit:log"), "journal-text"))
    # The longest matching prefix is the active one (/ket-nap/du-bi/ is "Dự bị", not "Kết nạp").
    active = max((url for _label, url, _icon in items if path.startswith(url)), key=len, default=None)
    return [MenuItem(label, url, icon, url == active) for label, url, icon in items]


def navigation(request):
    """Context processor: the menu of the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menu": []}
    return {"nav_menu": menu_for(request)}
