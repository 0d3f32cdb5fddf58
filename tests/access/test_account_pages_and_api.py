"""The account pages and `/api/accounts/`, the first-login password change, and each role's home."""

import pytest
from django.urls import reverse

from dangvu.accounts.models import Role, User
from dangvu.audit.models import AuditEntry
from tests.conftest import PASSWORD
from tests.members import register

OK, NF = 200, 404


@pytest.mark.django_db
def test_account_pages_open_only_to_officers_and_administrators(client, cast):
    urls = [reverse("access:list"), reverse("access:create"), reverse("access:bulk"),
            reverse("access:detail", args=[cast.secretary_a1.pk])]
    expected = {"admin": [OK] * 4, "officer_a": [OK] * 4, "secretary_a1": [NF] * 4, "member_a1": [NF] * 4,
                "viewer_a": [NF] * 4, "officer_b": [OK, OK, OK, NF]}
    failures = []
    for who, statuses in expected.items():
        client.force_login(getattr(cast, who))
        for url, status in zip(urls, statuses, strict=True):
            got = client.get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_the_list_shows_who_has_access_to_what_in_the_subtree(client, cast):
    client.force_login(cast.officer_a)
    body = client.get(reverse("access:list")).content.decode()
    assert "secretary_a1" in body and "Chi bộ thôn Đông" in body
    assert "officer_b" not in body and "Chi bộ thôn Bắc" not in body


@pytest.mark.django_db
def test_creating_an_account_prints_the_credentials_sheet(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(reverse("access:create"), {"username": "dv.tay", "full_name": "Đinh Thị Tây", "email": "",
                                                      "organization": cast.tree.cell_a2.pk, "role": Role.MEMBER})
    assert response.status_code == 200
    body = response.content.decode()
    assert "PHIẾU TÀI KHOẢN ĐẢNG VỤ" in body and "dv.tay" in body
    password = body.split('data-testid="credential-password">')[1].split("<")[0]
    assert User.objects.get(username="dv.tay").check_password(password)


@pytest.mark.django_db
def test_a_role_above_ones_own_is_refused_on_the_page_with_the_field_named(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(reverse("access:create"), {"username": "qt.moi", "full_name": "Quản Trị Mới",
                                                      "organization": cast.tree.cell_a2.pk, "role": Role.ADMIN})
    assert response.status_code == 200 and "Bạn không có quyền cấp vai trò" in response.content.decode()
    assert not User.objects.filter(username="qt.moi").exists()


@pytest.mark.django_db
def test_actions_on_an_account(client, cast):
    client.force_login(cast.officer_a)
    url = lambda action: reverse("access:action", args=[cast.member_a1.pk, action])  # noqa: E731
    client.post(url("cap-quyen"), {"organization": cast.tree.cell_a2.pk, "role": Role.VIEWER})
    scope = cast.member_a1.scopes.get(organization=cast.tree.cell_a2)
    client.post(url("thu-hoi"), {"scope": scope.pk})
    assert not cast.member_a1.scopes.filter(organization=cast.tree.cell_a2).exists()
    client.post(url("khoa"), {"reason": "Đã chuyển đi"})
    assert not User.objects.get(pk=cast.member_a1.pk).is_active
    client.post(url("mo-khoa"))
    assert User.objects.get(pk=cast.member_a1.pk).is_active
    hoa = register("Lê Thị Hoà", cast.tree.cell_a1, sex="female")
    client.post(url("gan-ho-so"), {"member": hoa.pk})
    hoa.refresh_from_db()
    assert hoa.user_id == cast.member_a1.pk
    assert AuditEntry.objects.filter(action="accounts.link_member", object_id=str(hoa.pk)).exists()
    # officer_b: district A's account is not found, its actions neither
    client.force_login(cast.officer_b)
    assert client.post(url("dat-lai-mat-khau")).status_code == NF


@pytest.mark.django_db
def test_first_login_must_change_the_password(client, cast):
    client.force_login(cast.officer_a)
    body = client.post(reverse("access:action", args=[cast.secretary_a1.pk, "dat-lai-mat-khau"])).content.decode()
    password = body.split('data-testid="credential-password">')[1].split("<")[0]
    client.logout()
    assert client.post(reverse("accounts:login"), {"username": "secretary_a1", "password": password}).status_code == 302
    response = client.get(reverse("members:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:password_change"))
    assert client.get("/api/members/").status_code == 403
    client.post(reverse("accounts:password_change"), {"old_password": password, "new_password1": "Bi-thu-moi-2026!",
                                                      "new_password2": "Bi-thu-moi-2026!"})
    assert not User.objects.get(pk=cast.secretary_a1.pk).must_change_password
    assert client.get(reverse("members:list")).status_code == 200


@pytest.mark.django_db
def test_api_accounts(api, cast):
    t = cast.tree
    officer = api(cast.officer_a)
    created = officer.post("/api/accounts/", {"username": "bt.tay", "full_name": "Vũ Văn Tây", "organization": t.cell_a2.pk,
                                              "role": Role.CELL_SECRETARY}, format="json")
    assert created.status_code == 201, created.content
    assert User.objects.get(username="bt.tay").check_password(created.json()["password"])
    pk = created.json()["id"]
    assert officer.post(f"/api/accounts/{pk}/grant/", {"organization": t.cell_a1.pk, "role": Role.ADMIN},
                        format="json").status_code == 403
    assert officer.post(f"/api/accounts/{pk}/deactivate/", {}, format="json").status_code == 400
    assert officer.post(f"/api/accounts/{pk}/deactivate/", {"reason": "Nghỉ"}, format="json").json()["is_active"] is False
    listed = {a["username"] for a in officer.get("/api/accounts/").json()["results"]}
    assert "bt.tay" in listed and "officer_b" not in listed
    outsider = api(cast.officer_b)
    assert outsider.get(f"/api/accounts/{pk}/").status_code == 404
    assert outsider.post(f"/api/accounts/{pk}/reset-password/").status_code == 404
    assert outsider.post("/api/accounts/", {"username": "x.y.z", "full_name": "X", "organization": t.cell_a2.pk,
                                            "role": Role.MEMBER}, format="json").status_code in (400, 403)
    assert api(cast.secretary_a1).get("/api/accounts/").status_code == 404
    bulk = officer.post("/api/accounts/bulk-secretaries/", {"organization": t.district_a.pk}, format="json")
    # bt.tay is deactivated: cell_a2 has no active secretary account again (cell_a1 has secretary_a1)
    assert bulk.status_code == 201 and [c["organization"] for c in bulk.json()] == [t.cell_a2.pk]


@pytest.mark.django_db
def test_each_role_lands_on_its_home(client, cast):
    register("Lê Văn Cường", cast.tree.cell_a1).__class__.objects.filter(full_name="Lê Văn Cường").update(user=cast.member_a1)
    homes = {"member_a1": reverse("my_record"), "secretary_a1": reverse("my_cell"), "officer_a": reverse("dashboard:index"),
             "viewer_a": reverse("dashboard:index")}
    for who, url in homes.items():
        client.force_login(getattr(cast, who))
        assert client.get("/")["Location"] == url, who


@pytest.mark.django_db
def test_the_members_home_shows_their_record_and_no_officer_screens(client, cast):
    cuong = register("Lê Văn Cường", cast.tree.cell_a1)
    type(cuong).objects.filter(pk=cuong.pk).update(user=cast.member_a1)
    client.force_login(cast.member_a1)
    body = client.get(reverse("my_record")).content.decode()
    assert 'data-testid="my-name">Lê Văn Cường' in body and "Chi bộ thôn Đông" in body
    menu = body.split('aria-label="Chức năng"')[1].split("</nav>")[0]
    assert "Hồ sơ của tôi" in menu
    assert 'href="/cong-viec/"' in menu and "Công việc của tôi" in menu
    for officer_screen in ("Danh sách tổ chức", "Đảng viên<", "/api/docs/", "Tài khoản", "Tổng quan"):
        assert officer_screen not in menu
    assert "/api/docs/" in body.split('data-testid="footer"')[1]


@pytest.mark.django_db
def test_the_secretarys_cell_at_a_glance(client, cast):
    register("Trần Văn Bình", cast.tree.cell_a1)
    register("Lê Thị Hoà", cast.tree.cell_a1, sex="female", full=False)
    client.force_login(cast.secretary_a1)
    body = client.get(reverse("my_cell")).content.decode()
    assert "Chi bộ thôn Đông" in body and "Chính thức: 1" in body and "Dự bị: 1" in body
    client.force_login(cast.officer_a)
    assert client.get(reverse("my_cell")).status_code == NF


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


@pytest.mark.django_db
def test_transfers_page_opens_on_the_tab_with_a_letter_waiting(client, cast):
    import datetime as dt

    from dangvu.accounts.system import SYSTEM
    from dangvu.transfers import services as transfers

    client.force_login(cast.secretary_a1)
    assert client.get(reverse("transfers:list")).context["tab"] == "outgoing"  # nothing waiting
    binh = register("Trần Văn Bình", cast.tree.cell_a2)
    transfers.issue_letter(by=SYSTEM, member=binh, kind="internal", number="3-GGT/ĐU", issue_date=dt.date(2026, 11, 28),
                           destination=cast.tree.cell_a1)
    client.force_login(cast.secretary_a1)
    response = client.get(reverse("transfers:list"))
    assert "Trần Văn Bình" in response.content.decode()
    assert response.context["tab"] == "incoming"


@pytest.mark.django_db
def test_read_only_roles_see_no_establish_button_and_an_outside_parent_as_text(client, cast):
    client.force_login(cast.viewer_a)
    assert 'data-testid="org-establish"' not in client.get(reverse("organizations:list")).content.decode()
    client.force_login(cast.officer_a)
    assert 'data-testid="org-establish"' in client.get(reverse("organizations:list")).content.decode()
    body = client.get(reverse("organizations:detail", args=[cast.tree.district_a.pk])).content.decode()
    assert 'data-testid="parent-text">Đảng bộ tỉnh Thử Nghiệm' in body
    assert reverse("organizations:detail", args=[cast.tree.province.pk]) not in body


@pytest.mark.django_db
def test_demo_logins_names_the_linked_record_and_the_address_make_run_serves(cast):
    from io import StringIO

    from django.core.management import call_command

    from dangvu.accounts import services as account_services
    from dangvu.accounts.system import SYSTEM
    from dangvu.members.models import Member

    user = User.objects.create_user(username="dangvien.khupho1", password="dangvu2025", full_name="Hoàng Thị Thuỷ")
    account_services.grant_scope(by=SYSTEM, user=user, organization=cast.tree.cell_a1, role=Role.MEMBER)
    thuy = register("Hoàng Thị Thuỷ", cast.tree.cell_a1, sex="female")
    Member.objects.filter(pk=thuy.pk).update(user=user)
    out = StringIO()
    call_command("demo_logins", "--url", "http://127.0.0.1:8123/", stdout=out)
    text = out.getvalue()
    assert "mở http://127.0.0.1:8123/" in text
    assert "Đảng viên (hồ sơ: Hoàng Thị Thuỷ)" in text


@pytest.mark.django_db
def test_the_admin_site_is_titled_in_vietnamese(client, cast):
    client.force_login(User.objects.create_superuser("quantri", password=PASSWORD))
    body = client.get("/quan-tri/").content.decode()
    assert "Quản trị Đảng Vụ" in body and "Django" not in body.split("<title>")[1].split("</title>")[0]
