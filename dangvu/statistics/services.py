"""Submitting (locking) and reopening a period of the official tables: the only writers of
dangvu.statistics.models. Each is one audited transaction; permission and rules are checked first.

- `submit_period`: an organization officer (or an administrator) submits the tables of an
  organization of their subtree for a window; every registered figure is copied as it is now. A
  second submission of the same organization and window is refused while the first stands.
- `reopen_period`: a system administrator, or an organization officer whose scope lies **above** the
  organization (the level the tables were sent to), reopens a submitted period with a reason. The
  frozen copy stays (history); the period may then be submitted again.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.figures import Window
from dangvu.core.models import check_version, field_violations, lock_for_update
from dangvu.organizations.tree import version_on
from dangvu.statistics import engine
from dangvu.statistics.models import SUBMIT, SubmittedFigure, SubmittedPeriod


def may_submit(user, organization) -> bool:
    return permissions.can(user, SUBMIT, organization)


def may_reopen(user, period: SubmittedPeriod) -> bool:
    """A system administrator, or an organization officer whose scope organization lies strictly above
    the period's organization (today's tree): the level the tables were sent to."""
    if permissions.is_system_admin(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    org = period.organization
    return any(scope.path != org.path and org.path.startswith(scope.path) for scope in permissions.scope_orgs(user, SUBMIT))


def already_submitted_violation(existing: SubmittedPeriod) -> Violation:
    return Violation(
        "statistics.already_submitted",
        f"Kỳ báo cáo: số liệu của “{existing.organization_name}” từ ngày {vn_date(existing.start)} đến ngày "
        f"{vn_date(existing.end)} đã được nộp lúc {timezone.localtime(existing.created_at):%H:%M %d/%m/%Y} "
        f"({existing.submitted_by_label}); không nộp lại được. Muốn nộp lại, cấp trên phải mở lại kỳ báo cáo này.",
        "period")


@audited
def submit_period(*, by, organization, start: dt.date, end: dt.date, note: str = "") -> SubmittedPeriod:
    """Submit the tables of `organization` for [start, end]: freeze every registered figure."""
    if not may_submit(by, organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền nộp số liệu thống kê của “{organization.name}”.")
    v: list[Violation] = []
    if start > end:
        v.append(Violation("statistics.period", "Từ ngày: phải trước hoặc bằng đến ngày.", "start"))
    if end >= today():
        v.append(Violation("statistics.period_not_over", f"Đến ngày: kỳ báo cáo đến ngày {vn_date(end)} chưa kết thúc; "
                           "chỉ nộp được số liệu của kỳ đã qua.", "end"))
    version = version_on(organization, end)
    if version is None:
        v.append(Violation("statistics.organization_absent", f"Tổ chức đảng: “{organization.name}” không tồn tại vào "
                           f"ngày {vn_date(end)}.", "organization"))
    v += field_violations(SubmittedPeriod, {"note": note})
    raise_if(v)
    existing = SubmittedPeriod.objects.current().filter(organization=organization, start=start, end=end).first()
    if existing is not None:
        raise RuleViolation([already_submitted_violation(existing)])
    values = engine.compute(Window(organization, start, end))
    try:
        with transaction.atomic():
            period = SubmittedPeriod.objects.create(
                organization=organization, organization_name=version.name, start=start, end=end, note=note.strip(),
                submitted_by=by if getattr(by, "pk", None) else None, submitted_by_label=audit.actor_label(by))
    except IntegrityError as exc:  # submitted by someone else at the same moment
        existing = SubmittedPeriod.objects.current().filter(organization=organization, start=start, end=end).first()
        raise RuleViolation([already_submitted_violation(existing)] if existing else []) from exc
    SubmittedFigure.objects.bulk_create([
        SubmittedFigure(period=period, code=fv.code, label=str(fv.label)[:255], value=fv.value, denominator=fv.denominator)
        for fv in values])
    audit.record(actor=by, action="statistics.submit", obj=period,
                 after=audit.snapshot(period, SubmittedPeriod.AUDIT_FIELDS),
                 data={"figures": len(values), "organization_name": version.name})
    return period


@audited
def reopen_period(*, by, period: SubmittedPeriod, reason: str, expected_version: int | None = None) -> SubmittedPeriod:
    """Reopen a submitted period (its copy is kept): only from the level above, with a reason."""
    period = lock_for_update(period, queryset=SubmittedPeriod.objects.select_related("organization"))
    if not may_reopen(by, period):
        raise PermissionDeniedInScope("Chỉ quản trị hệ thống hoặc cán bộ tổ chức của cấp trên mới được mở lại kỳ báo cáo "
                                      "đã nộp.")
    check_version(period, expected_version)
    v: list[Violation] = []
    if not period.is_open:
        v.append(Violation("statistics.already_reopened", f"Kỳ báo cáo đã được mở lại lúc "
                           f"{timezone.localtime(period.reopened_at):%H:%M %d/%m/%Y} ({period.reopened_by_label}).",
                           "period"))
    if not (reason or "").strip():
        v.append(Violation("statistics.reopen_reason", "Lý do mở lại: bắt buộc nhập.", "reason"))
    raise_if(v)
    before = audit.snapshot(period, SubmittedPeriod.AUDIT_FIELDS)
    period.reopened_at = timezone.now()
    period.reopened_by = by if getattr(by, "pk", None) else None
    period.reopened_by_label = audit.actor_label(by)
    period.reopen_reason = reason.strip()
    period.save()
    audit.record(actor=by, action="statistics.reopen", obj=period, before=before,
                 after=audit.snapshot(period, SubmittedPeriod.AUDIT_FIELDS), note=period.reopen_reason)
    return period
