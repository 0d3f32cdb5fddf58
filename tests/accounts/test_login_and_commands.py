import pytest
from django.core.management import call_command
from django.urls import reverse

from dangvu.accounts.models import Role, Scope, User
from dangvu.audit.models import AuditEntry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_throttled_after_repeated_failures(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    for _ in range(3):
        response = client.post(url, {"username": "officer_a", "password": "sai"})
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    response = client.post(url, {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert AuditEntry.objects.filter(action="accounts.login_failed", object_label="officer_a").count() == 3


@pytest.mark.production_hashers
def test_login_success_and_passwords_are_argon2(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(username="officer_a").password.startswith("argon2")


def test_password_change(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026"})
    assert response.status_code == 302
    assert User.objects.get(username="officer_a").check_password("Mot-mat-khau-moi-2026")
    assert AuditEntry.objects.filter(action="accounts.password_change", actor=cast.officer_a).exists()


def test_grant_scope_command_creates_user_and_audits(cast, capsys):
    call_command("grant_scope", "bithu.moi", cast.tree.cell_a2.code, "cell_secretary", "--password", "Mat-khau-dai-2026")
    user = User.objects.get(username="bithu.moi")
    assert user.check_password("Mat-khau-dai-2026")
    assert Scope.objects.filter(user=user, organization=cast.tree.cell_a2, role=Role.CELL_SECRETARY).exists()
    assert AuditEntry.objects.filter(action="accounts.grant_scope", object_id=str(user.pk)).exists()
    assert "Bí thư chi bộ" in capsys.readouterr().out


def test_grant_scope_command_unknown_org(cast):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có tổ chức mã"):
        call_command("grant_scope", "x", "00.000", "viewer")


def test_api_token_command(cast, capsys):
    from rest_framework.test import APIClient

    call_command("api_token", "officer_a")
    key = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/tokens/").status_code == 200
    call_command("api_token", "officer_a", "--reset")
    assert client.get("/api/tokens/").status_code == 401  # the old key was revoked
