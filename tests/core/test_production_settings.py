"""Issue 8 §6: production settings (check --deploy, SECRET_KEY, Content-Security-Policy, request ids)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from dangvu.audit.models import AuditEntry

ROOT = Path(settings.BASE_DIR)
PRODUCTION = {"DEBUG": "0", "HTTPS": "1", "BEHIND_PROXY": "1", "ALLOWED_HOSTS": "dangvu.example.vn",
              "CSRF_TRUSTED_ORIGINS": "https://dangvu.example.vn", "TRUSTED_PROXIES": "10.0.0.2",
              "SECRET_KEY": "k" * 20 + "Zq8-w_Lr3sT9vB2nM5xC7jH1gF4dS6aP0oI"}


def run(args, **env):
    # (DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' conftest in this process, never in production)
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=base | env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_a_key_made_on_this_host():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run(["manage.py", "check", "--deploy"], **env)
    assert result.returncode != 0 and "dangvu.E001" in result.stderr


def test_the_web_process_needs_secret_key_from_the_environment_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run(["-c", "import dangvu.wsgi"], **env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    assert run(["-c", "import dangvu.wsgi"], **PRODUCTION).returncode == 0


@pytest.mark.django_db
def test_every_answer_carries_the_content_security_policy(client, cast):
    for response in [client.get(reverse("accounts:login")), client.get("/api/schema/")]:
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("style-src-attr")[0]
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)


def test_no_template_has_inline_script_or_event_handlers():
    templates = list((ROOT / "dangvu").rglob("templates/**/*.html"))
    assert len(templates) > 50
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in templates for pattern in (INLINE_SCRIPT, HANDLER)
             for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    found += [str(p.relative_to(ROOT)) for p in templates if "javascript:" in p.read_text(encoding="utf-8")]
    assert found == []


def test_the_detectors_see_inline_code():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>") and not INLINE_SCRIPT.search('<script src="/a.js">')
    assert HANDLER.search('<a onclick="x()">') and not HANDLER.search('<a data-on="x">')


@pytest.mark.django_db
def test_request_ids_are_the_servers_and_a_clients_is_kept_apart(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(reverse("accounts:tokens"), {"name": "x", "password": "sai"}, HTTP_X_REQUEST_ID="client-chosen")
    entry = AuditEntry.objects.filter(action="accounts.login_failed").get()
    assert response["X-Request-ID"] == entry.request_id != "client-chosen"
    assert entry.client_request_id == "client-chosen"
    assert len(entry.request_id) == 32
