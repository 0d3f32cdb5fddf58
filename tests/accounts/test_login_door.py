"""Issue 8 §2: every way to log in goes through one throttled, audited door (dangvu/accounts/login.py).

Each test here failed on the code before the door: the admin login was neither throttled nor
audited, the old-password check of a password change could be guessed without limit, parallel
failures were all processed and then locked out every user of the address, a variant spelling got
past a lock and reset it, and the address behind a proxy was the proxy's.
"""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts import login
from dangvu.accounts.models import User
from dangvu.audit.models import AuditEntry
from dangvu.references.models import ReferenceItem
from tests.conftest import PASSWORD

LOGIN = "/tai-khoan/dang-nhap/"


ADMIN_LOGIN = "/quan-tri/login/"


def entries(action, **where):
    return AuditEntry.objects.filter(action=action, **where)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_admin_login_is_throttled_and_audited(cast):
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(5):
        response = client.post(ADMIN_LOGIN, {"username": "admin", "password": "sai", "next": "/quan-tri/"})
        assert response.status_code == 200 and not logged_in(client)
    response = client.post(ADMIN_LOGIN, {"username": "admin", "password": PASSWORD, "next": "/quan-tri/"})
    assert not logged_in(client)
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert entries("accounts.login_failed", object_id=str(cast.admin.pk), changes___data__channel="admin").count() == 5
    assert entries("accounts.lockout", object_id=str(cast.admin.pk)).count() == 1
    assert entries("accounts.login_refused", object_id=str(cast.admin.pk)).count() == 1


@pytest.mark.django_db
def test_admin_login_success_is_audited(cast):
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True, is_superuser=True)
    client = Client()
    response = client.post(ADMIN_LOGIN, {"username": " Admin ", "password": PASSWORD, "next": "/quan-tri/"})
    assert response.status_code == 302 and logged_in(client)
    entry = entries("accounts.login").get()
    assert entry.actor_id == cast.admin.pk and entry.changes["_data"] == {"ip": "127.0.0.1", "channel": "admin"}


@pytest.mark.django_db
def test_password_change_old_password_guesses_are_throttled(cast):
    client = Client()
    client.force_login(cast.officer_a)
    url = reverse("accounts:password_change")
    new = {"new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026"}
    for _ in range(5):
        response = client.post(url, {"old_password": "doan-bua", **new})
        assert response.status_code == 200 and "Mật khẩu hiện tại không đúng" in response.content.decode()
    response = client.post(url, {"old_password": PASSWORD, **new})
    assert response.status_code == 429
    assert User.objects.get(pk=cast.officer_a.pk).check_password(PASSWORD)  # unchanged
    assert entries("accounts.login_failed", changes___data__channel="password_change").count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["officer_a ", "OFFICER_A", "ｏｆｆｉｃｅｒ＿ａ", "\u3000Officer_A"])
def test_a_variant_spelling_neither_gets_past_a_lock_nor_resets_it(cast, variant):
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "officer_a", "password": "sai"})
    response = client.post(LOGIN, {"username": variant, "password": PASSWORD})
    assert response.status_code == 429 and not logged_in(client)
    assert client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_failures_under_variant_spellings_count_for_one_account(cast):
    client = Client()
    for variant in ["officer_a", "Officer_A", " officer_a", "ＯＦＦＩＣＥＲ_A", "officer_a\t"]:
        client.post(LOGIN, {"username": variant, "password": "sai"})
    assert client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 429
    assert set(entries("accounts.login_failed").values_list("object_label", flat=True)) == {"officer_a"}


@pytest.mark.django_db
def test_a_variant_spelling_logs_in_when_not_locked(cast):
    client = Client()
    assert client.post(LOGIN, {"username": " OFFICER_A ", "password": PASSWORD}).status_code == 302
    assert logged_in(client) and int(client.session["_auth_user_id"]) == cast.officer_a.pk


@pytest.mark.django_db
def test_usernames_are_stored_normalized(cast):
    user = User.objects.create_user(username="  ＢíThu.Mới ", password=PASSWORD)
    assert user.username == "bíthu.mới"
    from django.core.management import call_command

    call_command("grant_scope", " Officer_A ", cast.tree.cell_a2.code, "viewer")
    assert not User.objects.filter(username__icontains=" ").exists()
    assert User.objects.filter(username__iexact="officer_a").count() == 1


@pytest.mark.django_db
def test_a_made_up_user_does_not_lock_out_the_others_of_its_address(cast):
    client = Client()
    for _ in range(20):
        client.post(LOGIN, {"username": "khong.co.ai", "password": "sai"})
    assert entries("accounts.login_failed").count() == 5  # the rest were refused unprocessed
    assert entries("accounts.login_refused").count() == 15
    assert Client().post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_an_address_spraying_many_accounts_is_locked_only_itself(cast, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for n in range(20):
        attacker.post(LOGIN, {"username": f"nguoi.{n % 4}", "password": "sai"})
    assert attacker.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 429
    # Another user behind the same proxy is another address.
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert colleague.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 302
    assert set(entries("accounts.login_failed").values_list("changes___data__ip", flat=True)) == {"203.0.113.5"}


def test_the_client_address_trusts_forwarded_for_only_from_configured_proxies(settings, rf):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert login.client_ip(rf.get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "192.0.2.9"
    # The nearest hop that is not a trusted proxy; what the client wrote further left is never reached.
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.2")
    assert login.client_ip(request) == "203.0.113.5"
    assert login.client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")) == "10.0.0.1"
    settings.TRUSTED_PROXIES = []
    assert login.client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")) == "10.0.0.1"


@pytest.mark.django_db
def test_the_lock_passes_with_its_window(cast, frozen_clock):
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "officer_a", "password": "sai"})
    assert client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 429
    frozen_clock.shift(dt.timedelta(minutes=16))
    assert client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_parallel_failures_are_counted_one_by_one(cast):
    """20 failed logins at once for a made-up user: 5 are checked, 15 refused; the address stays open."""
    if connection.vendor == "sqlite":
        pytest.skip("the test database is SQLite's shared in-memory cache, which has no waiting lock; "
                    "a file database serializes writers itself (IMMEDIATE transactions)")
    def attempt(_):
        try:
            return Client().post(LOGIN, {"username": "ke.gian", "password": "sai"}).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(attempt, range(20)))
    assert sorted(codes) == [200] * 5 + [429] * 15
    assert entries("accounts.login_failed").count() == 5
    assert Client().post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 302


# ---------------------------------------------------------------- API tokens


@pytest.mark.django_db
def test_api_token_creation_goes_through_the_door(cast):
    api = APIClient()
    for _ in range(5):
        assert api.post("/api/tokens/", {"username": "officer_a", "password": "sai"}).status_code == 401
    response = api.post("/api/tokens/", {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 429 and "Đăng nhập sai quá nhiều lần" in response.json()["detail"]
    assert entries("accounts.login_failed", changes___data__channel="api_token").count() == 5


@pytest.mark.django_db
def test_own_tokens_listed_used_and_revoked(cast):
    api = APIClient()
    created = api.post("/api/tokens/", {"username": "officer_a", "password": PASSWORD, "name": "máy chủ báo cáo"})
    assert created.status_code == 201
    key = created.json()["key"]
    user_api = APIClient()
    user_api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    listed = user_api.get("/api/tokens/").json()
    assert [t["name"] for t in listed] == ["máy chủ báo cáo"] and "key" not in listed[0]
    other = APIClient()
    other.force_authenticate(cast.officer_b)
    assert other.delete(f"/api/tokens/{listed[0]['id']}/").status_code == 404  # not someone else's
    assert user_api.delete(f"/api/tokens/{listed[0]['id']}/").status_code == 204
    assert user_api.get("/api/tokens/").status_code == 401
    assert entries("accounts.token_create").count() == 1 and entries("accounts.token_revoke").count() == 1


@pytest.mark.django_db
def test_tokens_expire(cast, settings, frozen_clock):
    settings.API_TOKEN_DAYS = 90
    key = APIClient().post("/api/tokens/", {"username": "officer_a", "password": PASSWORD}).json()["key"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    frozen_clock.shift(dt.timedelta(days=89))
    assert api.get("/api/tokens/").status_code == 200
    frozen_clock.shift(dt.timedelta(days=2))
    response = api.get("/api/tokens/")
    assert response.status_code == 401 and "hết hạn" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["password_change", "deactivated"])
def test_tokens_are_revoked_on_password_change_and_deactivation(cast, how):
    key = APIClient().post("/api/tokens/", {"username": "officer_a", "password": PASSWORD}).json()["key"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/members/").status_code == 200
    if how == "password_change":
        client = Client()
        client.force_login(cast.officer_a)
        response = client.post(reverse("accounts:password_change"), {
            "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026"})
        assert response.status_code == 302
    else:
        user = User.objects.get(pk=cast.officer_a.pk)
        user.is_active = False
        user.save()
    assert api.get("/api/members/").status_code == 401
    assert entries("accounts.token_revoke", changes___data__reason=how).count() == 1


@pytest.mark.django_db
def test_token_page_creates_shows_once_and_revokes(cast):
    client = Client()
    client.force_login(cast.officer_a)
    url = reverse("accounts:tokens")
    wrong = client.post(url, {"name": "x", "password": "sai"})
    assert "Mật khẩu không đúng" in wrong.content.decode()
    page = client.post(url, {"name": "Bảng tính", "password": PASSWORD}).content.decode()
    assert 'data-testid="new-key"' in page and "Bảng tính" in page
    token = cast.officer_a.api_tokens.get()
    assert token.prefix in page
    assert 'data-testid="new-key"' not in client.get(url).content.decode()  # shown once
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_reason == "owner"
    other = Client()
    other.force_login(cast.officer_b)
    assert other.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404


# ---------------------------------------------------------------- the Django admin


@pytest.mark.django_db
def test_reference_list_edits_in_the_admin_are_audited(cast):
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True, is_superuser=True)
    item = ReferenceItem.objects.create(list_code="ethnicity", code="ZZ", name="Thử", sort_order=1)
    client = Client()
    client.force_login(User.objects.get(pk=cast.admin.pk))
    url = f"/quan-tri/references/referenceitem/{item.pk}/change/"
    response = client.post(url, {"list_code": "ethnicity", "code": "ZZ", "name": "Thử nghiệm", "sort_order": 1,
                                 "rank": 0, "active": "on"})
    assert response.status_code == 302
    entry = entries("audit.admin_change").get()
    assert entry.actor_id == cast.admin.pk and entry.changes["name"] == ["Thử", "Thử nghiệm"]
    client.post(f"/quan-tri/references/referenceitem/{item.pk}/delete/", {"post": "yes"})
    assert not ReferenceItem.objects.filter(pk=item.pk).exists()
    assert entries("audit.admin_delete", object_id=str(item.pk)).get().changes["name"] == ["Thử nghiệm", None]
