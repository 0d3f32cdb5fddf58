"""API access tokens: created through the login door, expiring, revoked on password change and
deactivation, listed and revoked by their owner (page /tai-khoan/ma-truy-cap/ and /api/tokens/,
accounts/tokens_api.py).

Only the SHA-256 of a key is stored; the key itself is shown once, when the token is created.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from dangvu.accounts.models import ApiToken, User
from dangvu.audit import services as audit

LAST_USED_PRECISION = dt.timedelta(minutes=5)  # last_used_at is written at most this often


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def active(user) -> list[ApiToken]:
    now = timezone.now()
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now))


def create(*, by: User, name: str = "", channel: str) -> tuple[ApiToken, str]:
    """A new token for `by` (already authenticated through the login door); returns it and its key."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=by, name=name[:100], key_hash=_hash(key), prefix=key[:8],
            expires_at=timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS))
        audit.record(actor=by, action="accounts.token_create", obj=by, object_label=by.username,
                     data={"token": token.prefix, "expires_at": token.expires_at.isoformat(), "channel": channel})
    return token, key


def revoke(token: ApiToken, *, by, reason: str) -> None:
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.revoked_reason = reason
        token.save(update_fields=["revoked_at", "revoked_reason"])
        audit.record(actor=by, action="accounts.token_revoke", obj=token.user, object_label=token.user.username,
                     data={"token": token.prefix, "reason": reason})


def revoke_all(user, *, by, reason: str) -> int:
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    count = 0
    for token in tokens:
        revoke(token, by=by, reason=reason)
        count += 1
    return count


# A password change or a deactivation, by whatever path (page, admin, command, service), revokes
# every token of the user: compared on save with the stored row.
@receiver(pre_save, sender=User, dispatch_uid="tokens_note_credentials")
def _note_credentials(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    instance._tokens_revoke_reason = None
    if old is None:
        return
    if old["password"] != instance.password:
        instance._tokens_revoke_reason = "password_change"
    elif old["is_active"] and not instance.is_active:
        instance._tokens_revoke_reason = "deactivated"


@receiver(post_save, sender=User, dispatch_uid="tokens_revoke_on_credentials")
def _revoke_on_credentials(sender, instance, raw=False, **kwargs):
    reason = getattr(instance, "_tokens_revoke_reason", None)
    if reason:
        instance._tokens_revoke_reason = None
        revoke_all(instance, by=None, reason=reason)


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`; refuses an expired or revoked token, or an inactive user."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
        now = timezone.now()
        if token is None or token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
            raise AuthenticationFailed("Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
        if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
