"""One navigation module: the menu shown to each user, by what their scopes allow."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    if user.is_system_admin:
        items.append((_("Nhật ký thay đổi"), reverse("audit:log"), "journal-text"))
    return [MenuItem(label, url, icon, path.startswith(url)) for label, url, icon in items]
