"""The one door every login goes through: the app's login page, the Django admin's login, API token
creation and the old-password check of a password change.

- Usernames are normalized (NFKC, trimmed, case-folded) before anything reads them, so that
  `Admin `, `ａｄｍｉｎ` and `admin` are one account, for the lockout as for the password check.
- Throttling is django-axes (database handler), keyed per account (LOGIN_MAX_FAILURES failures
  within LOGIN_LOCKOUT_MINUTES lock the account, from every address) and per real client address
  (LOGIN_MAX_FAILURES_PER_ADDRESS failures from one address, whatever the usernames, lock that
  address). The address is the peer's, or, only when the peer is one of TRUSTED_PROXIES, the
  nearest untrusted hop of X-Forwarded-For: a client cannot choose its own address.
- Atomic: an attempt holds a database row lock for its account and its address (one of a fixed set
  of slots, so the table never grows) from the lockout check until its failure is counted, so
  parallel attempts are counted one after the other and the (N+1)th is refused unprocessed.
- Every success, failure and refusal because of a lockout is in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from dangvu.accounts.models import LoginGate
from dangvu.audit import services as audit

GATE_SLOTS = 1024


def normalize_username(raw) -> str:
    """The one spelling of a username: NFKC (full-width → ASCII), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", str(raw or "")).strip().casefold()


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


UNKNOWN_ADDRESS = "0.0.0.0"


def client_ip(request) -> str:
    """The real client address: REMOTE_ADDR, unless that peer is a trusted proxy; then the nearest
    X-Forwarded-For hop that is not itself a trusted proxy (hops a client wrote are further left
    and never reached)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    try:
        ipaddress.ip_address(remote)
    except ValueError:  # no peer address (an in-process WSGI call): one fixed address, a valid value for
        remote = UNKNOWN_ADDRESS  # the address columns (PostgreSQL's inet refuses "unknown")
    if not _is_trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a malformed chain: the proxy's own address is all we know
        if not _is_trusted(hop):
            return hop
    return hops[0] if hops else remote


def axes_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: axes keys its counters by the normalized name too."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    return normalize_username(raw)


def _slot(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") % GATE_SLOTS


def _hold(*keys: str) -> None:
    """Lock the gate slots of `keys` until the surrounding transaction ends (sorted: no deadlock)."""
    slots = sorted({_slot(k) for k in keys})
    LoginGate.objects.bulk_create([LoginGate(slot=s) for s in slots], ignore_conflicts=True)
    list(LoginGate.objects.select_for_update().filter(slot__in=slots).order_by("slot"))


class LockedOut(Exception):
    """Too many failures for this account or from this address: refused without checking."""

    def __init__(self):
        minutes = settings.LOGIN_LOCKOUT_MINUTES
        super().__init__(f"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.")


@dataclass
class Outcome:
    user: object | None
    locked: bool = False


def _failures(**where) -> int:
    """Failures counted by axes within the lockout window, for one account or one address."""
    from axes.models import AccessAttempt

    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    total = AccessAttempt.objects.filter(attempt_time__gte=since, **where).aggregate(n=Sum("failures_since_start"))["n"]
    return total or 0


def is_locked(username: str, ip: str) -> bool:
    return (_failures(username=normalize_username(username)) >= settings.LOGIN_MAX_FAILURES
            or _failures(ip_address=ip) >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS)


def _audit(action: str, username: str, ip: str, channel: str, user=None) -> None:
    data = {"ip": ip, "channel": channel}
    if user is not None:
        audit.record(actor=user if action == "accounts.login" else None, action=action, obj=user,
                     object_label=user.username, data=data)
    else:
        audit.record(actor=None, action=action, object_type="accounts.user", object_id=username[:40],
                     object_label=username[:300], data=data)


def attempt(request, username, password, *, channel: str) -> Outcome:
    """Check `username`/`password` through the throttle; audit the outcome.

    `channel` says which door was used: "app", "admin", "api_token", "password_change".
    Returns Outcome(user) on success, Outcome(None) on a wrong password, Outcome(None, locked=True)
    when refused (the password is then not checked at all).
    """
    from axes.utils import reset

    name = normalize_username(username)
    ip = client_ip(request)
    with transaction.atomic():
        _hold(f"u:{name}", f"a:{ip}")
        if is_locked(name, ip):
            _audit("accounts.login_refused", name, ip, channel, user=_existing(name))
            return Outcome(None, locked=True)
        user = authenticate(request, username=name, password=password or "")
        if user is not None:
            reset(username=name)
            _audit("accounts.login", name, ip, channel, user=user)
            return Outcome(user)
        existing = _existing(name)
        _audit("accounts.login_failed", name, ip, channel, user=existing)
        if is_locked(name, ip):
            _audit("accounts.lockout", name, ip, channel, user=existing)
        return Outcome(None)


def _existing(name: str):
    from dangvu.accounts.models import User

    return User.objects.filter(username=name).first()
