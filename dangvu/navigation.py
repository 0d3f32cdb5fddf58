"""One navigation module: the menu shown to each user, by what their scopes allow."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.access import homes
from dangvu.accounts import permissions


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    icon: str
    active: bool


@dataclass(frozen=True)
class MenuGroup:
    """A dropdown of the menu (issue 10 §8): its entries, in the order of the flat menu."""

    key: str
    label: str
    icon: str
    items: tuple

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


# The groups of the menu, in their order on the bar; an entry not named here stays on the bar itself
# ("Hồ sơ của tôi", "Chi bộ của tôi", "Tổng quan", "Việc cần làm"). A group left with one entry for a user
# shows that entry on the bar, not a dropdown of one.
GROUPS = (
    ("organization", _("Tổ chức & đảng viên"), "diagram-3", (
        "organizations:tree", "organizations:list", "members:list", "admissions:list", "admissions:probation_list",
        "transfers:list", "residence:index", "awards:due")),
    ("cell_life", _("Sinh hoạt & đảng phí"), "calendar-check", ("meetings:index", "dues:index")),
    ("review", _("Đánh giá, kiểm tra, kỷ luật"), "clipboard-check", (
        "evaluations:index", "inspection:index", "discipline:index")),
    ("learning", _("Học tập & bồi dưỡng"), "mortarboard", ("training:list", "study:index")),
    ("reports", _("Báo cáo & thống kê"), "bar-chart", ("targets:list", "statistics:page", "reports:index")),
    ("system", _("Hệ thống"), "gear", ("rules:overview", "jobs:index", "imports:index", "access:list", "audit:log")),
)


def grouped_menu(items: list[MenuItem]) -> list:
    """The flat menu as the bar shows it: the entries of no group first, then the groups (MenuGroup) in
    their order; nothing is added or removed, so each role still sees only what it may use."""
    group_of = {reverse(name): key for key, _label, _icon, names in GROUPS for name in names}
    bar = [item for item in items if item.url not in group_of]
    for key, label, icon, _names in GROUPS:
        members = tuple(item for item in items if group_of.get(item.url) == key)
        if len(members) == 1:
            bar.append(members[0])
        elif members:
            bar.append(MenuGroup(key, label, icon, members))
    return bar


def menu_for(request) -> list[MenuItem]:
    """The officer screens only for those who read the register; a member sees their own record, a cell
    secretary their cell first; the API is linked from the footer (base.html), not from the menu."""
    user = request.user
    path = request.path
    items = [
        (_("Việc cần làm"), reverse("todo"), "check2-square"),
        (_("Cây tổ chức"), reverse("organizations:tree"), "diagram-3"),
        (_("Đánh giá, xếp loại"), reverse("evaluations:index"), "clipboard-check"),
        (_("Quy tắc"), reverse("rules:overview"), "sliders"),
    ]
    if homes.has_own_record_menu(user):
        items.insert(0, (_("Hồ sơ của tôi"), reverse("my_record"), "person-vcard"))
    if homes.is_member_only(user):
        items = [i for i in items if i[1] != reverse("todo")]
    if permissions.has_scope(user, "members.view"):
        # Figures: the dashboard and the congress targets (officers, secretaries, leaders).
        items[0:0] = [(_("Tổng quan"), reverse("dashboard:index"), "speedometer2")]
        if homes.secretary_cells(user):
            items.insert(0, (_("Chi bộ của tôi"), reverse("my_cell"), "house-heart"))
        at = next(i for i, item in enumerate(items) if item[1] == reverse("organizations:tree")) + 1
        # The registers of the lifecycle: not for a user who holds only the member role.
        items[at:at] = [
            (_("Danh sách tổ chức"), reverse("organizations:list"), "list-ul"),
            (pgettext_lazy("menu", "Đảng viên"), reverse("members:list"), "people"),
            (_("Chỉ tiêu"), reverse("targets:list"), "bullseye"),
            (_("Kết nạp"), reverse("admissions:list"), "person-plus"),
            (_("Dự bị"), reverse("admissions:probation_list"), "hourglass-split"),
            (_("Chuyển sinh hoạt"), reverse("transfers:list"), "arrow-left-right"),
            (_("Nơi cư trú"), reverse("residence:index"), "house-door"),
            (_("Sinh hoạt chi bộ"), reverse("meetings:index"), "calendar-check"),
            (_("Lớp bồi dưỡng"), reverse("training:list"), "mortarboard"),
            (_("Học tập nghị quyết"), reverse("study:index"), "book"),
            (_("Huy hiệu Đảng, thẻ đảng viên"), reverse("awards:due"), "award"),
            (_("Đảng phí"), reverse("dues:index"), "cash-coin"),
            (_("Thống kê"), reverse("statistics:page"), "bar-chart"),
            (_("Báo cáo năm"), reverse("reports:index"), "file-earmark-text"),
        ]
    if permissions.has_scope(user, "inspection.view"):
        # Inspection and supervision: inspection officers and cell secretaries (restricted by nature).
        at = next((i for i, item in enumerate(items) if item[1] == reverse("statistics:page")), len(items))
        items.insert(at, (_("Kiểm tra, giám sát"), reverse("inspection:index"), "search"))
    if permissions.has_scope(user, "discipline.decide") or permissions.has_scope(user, "discipline.cell"):
        # Discipline, appeals, notifications of state bodies: inspection and organization officers; a cell's
        # secretary for the cell's own reprimands and warnings (K2).
        at = next((i + 1 for i, item in enumerate(items) if item[1] == reverse("meetings:index")), len(items))
        items.insert(at, (_("Kỷ luật đảng"), reverse("discipline:index"), "shield-exclamation"))
    # Every signed-in user may have asked for an export or a report made in the background.
    items.append((_("Công việc của tôi"), reverse("jobs:index"), "list-task"))
    if permissions.has_scope(user, "members.change"):
        items.append((_("Nhập, xuất dữ liệu"), reverse("imports:index"), "upload"))
    if permissions.has_scope(user, "accounts.manage"):
        items.append((_("Tài khoản"), reverse("access:list"), "person-gear"))
    if user.is_system_admin:
        items.append((_("Nhật ký thay đổi"), reverse("audit:log"), "journal-text"))
    # The longest matching prefix is the active one (/ket-nap/du-bi/ is "Dự bị", not "Kết nạp").
    active = max((url for _label, url, _icon in items if path.startswith(url)), key=len, default=None)
    return [MenuItem(label, url, icon, url == active) for label, url, icon in items]


def navigation(request):
    """Context processor: the menu of the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menu": [], "nav_bar": []}
    menu = menu_for(request)
    return {"nav_menu": menu, "nav_bar": grouped_menu(menu)}
