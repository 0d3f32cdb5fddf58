from django.contrib import admin
from django.urls import include, path

from dangvu.access import homes
from dangvu.core.views import favicon
from dangvu.todo.views import todo_page

# The admin site in Vietnamese (Django's default "Django administration" reads "Trang quản trị cho Django").
admin.site.site_header = "Quản trị Đảng Vụ"
admin.site.site_title = "Quản trị Đảng Vụ"
admin.site.index_title = "Dữ liệu hệ thống"

# An unknown path under /api/ answers the API's JSON 404; elsewhere the HTML page (dangvu.api.errors.not_found).
handler404 = "dangvu.api.errors.not_found"

urlpatterns = [
    path("", homes.home, name="home"),
    path("ho-so-cua-toi/", homes.my_record, name="my_record"),
    path("chi-bo-cua-toi/", homes.my_cell, name="my_cell"),
    path("favicon.ico", favicon, name="favicon"),
    path("tong-quan/", include("dangvu.statistics.dashboard_urls")),
    path("chi-tieu/", include("dangvu.targets.urls")),
    path("tai-khoan/quan-ly/", include("dangvu.access.urls")),
    path("tai-khoan/", include("dangvu.accounts.urls")),
    path("to-chuc/", include("dangvu.organizations.urls")),
    path("dang-vien/", include("dangvu.members.urls")),
    path("nhat-ky/", include("dangvu.audit.urls")),
    path("viec-can-lam/", todo_page, name="todo"),
    path("viec-can-lam/", include("dangvu.todo.urls")),
    path("quy-tac/", include("dangvu.rules.urls")),
    path("ket-nap/", include("dangvu.admissions.urls")),
    path("chuyen-sinh-hoat/", include("dangvu.transfers.urls")),
    path("huy-hieu/", include("dangvu.awards.urls")),
    path("noi-cu-tru/", include("dangvu.residence.urls")),
    path("danh-gia/", include("dangvu.evaluations.urls")),
    path("sinh-hoat-chi-bo/", include("dangvu.meetings.urls")),
    path("kiem-tra/", include("dangvu.inspection.urls")),
    path("ky-luat/", include("dangvu.discipline.urls")),
    path("boi-duong/", include("dangvu.training.urls")),
    path("hoc-tap-nghi-quyet/", include("dangvu.study.urls")),
    path("dang-phi/", include("dangvu.dues.urls")),
    path("nhap-du-lieu/", include("dangvu.imports.urls")),
    path("thong-ke/bieu-mau/", include("dangvu.statistics.tables_urls")),
    path("thong-ke/", include("dangvu.statistics.urls")),
    path("bao-cao/", include("dangvu.reports.urls")),
    path("cong-viec/", include("dangvu.jobs.urls")),
    path("api/", include("dangvu.api.urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
