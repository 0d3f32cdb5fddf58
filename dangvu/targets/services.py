"""Use cases of targets: the only code that writes this app's tables.

Each one: permission first ("targets.change" over the target's organization, refused with
PermissionDeniedInScope), then every rule at once (rules.check_definition, the breakdown under the
parent), then one transaction that writes the rows and the audit entry (actions targets.create,
targets.change, targets.record_actual).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.errors import PermissionDeniedInScope, Violation, raise_if
from dangvu.core.figures import CODE_RE
from dangvu.core.models import check_version, field_violations, full_clean, lock_for_update
from dangvu.members.rules import add_months
from dangvu.organizations.models import CommitteeTerm, Organization
from dangvu.rules.parameters import params_on
from dangvu.targets import rules
from dangvu.targets.kinds import Measure, PlanKind
from dangvu.targets.models import Target, TargetActual
from dangvu.targets.querysets import CHANGE

INHERITED = ("plan_kind", "source", "term", "period_start", "period_end")


def may_change(user, organization: Organization) -> bool:
    return permissions.can(user, CHANGE, organization)


def _require(by, organization: Organization) -> None:
    if not may_change(by, organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền đặt, sửa chỉ tiêu của “{organization.name}”.")


def term_for(organization: Organization, start: dt.date) -> CommitteeTerm | None:
    """The committee term of the organization that holds `start` (the congress whose resolution it is)."""
    return (CommitteeTerm.objects.filter(organization=organization, start_date__lte=start)
            .order_by("-start_date").first())


def term_end(term: CommitteeTerm) -> dt.date:
    """The last day of a term: its end date, else its start plus the term length in force then (O6)."""
    if term.end_date:
        return term.end_date - dt.timedelta(days=1)
    months = params_on(term.start_date)["committee.term_months"]
    return add_months(term.start_date, months) - dt.timedelta(days=1)


def _violations(values: dict, parent: Target | None, organization: Organization) -> list[Violation]:
    v = field_violations(Target, {k: values[k] for k in ("source", "number", "figure_code", "plan_kind", "comparison", "measure")
                                  if k in values})
    v += rules.check_definition(**{k: values.get(k) for k in ("comparison", "threshold", "threshold_high", "measure",
                                                              "figure_code", "period_start", "period_end", "as_percent")})
    code = values.get("figure_code") or ""
    if code and not CODE_RE.match(code):
        v.append(Violation("targets.code_format", f"Mã số liệu thống kê: “{code}” không đúng dạng (chữ thường, các phần "
                                                  "cách nhau bằng dấu chấm, ví dụ members.admitted).", "figure_code"))
    if not (values.get("text") or "").strip():
        v.append(Violation("targets.text", "Nội dung chỉ tiêu: bắt buộc nhập.", "text"))
    if not (values.get("source") or "").strip():
        v.append(Violation("targets.source", "Nghị quyết, kế hoạch: bắt buộc nhập.", "source"))
    if parent is not None and (organization.pk == parent.organization_id
                               or not organization.path.startswith(parent.organization.path)):
        v.append(Violation("targets.breakdown", f"Tổ chức: chỉ tiêu phân bổ cho tổ chức trực thuộc “{parent.organization.name}”.",
                           "organization"))
    return v


@audited
def create_target(*, by, organization: Organization, text: str, comparison: str, threshold: Decimal, measure: str,
                  plan_kind: str = PlanKind.CONGRESS, source: str = "", term: CommitteeTerm | None = None,
                  period_start: dt.date | None = None, period_end: dt.date | None = None, parent: Target | None = None,
                  number: str = "", threshold_high: Decimal | None = None, figure_code: str = "",
                  as_percent: bool = False) -> Target:
    """Set a target of `organization`. A breakdown (`parent`) takes the parent's document and period;
    a congress target without a period takes its term's (the term holding `period_start`, when none is given)."""
    _require(by, organization)
    if parent is not None:
        plan_kind, source, term, period_start, period_end = (getattr(parent, f) for f in INHERITED)
    elif plan_kind == PlanKind.CONGRESS:
        term = term or (term_for(organization, period_start) if period_start else None)
        if term is not None:
            period_start = period_start or term.start_date
            period_end = period_end or term_end(term)
    values = dict(organization=organization, parent=parent, plan_kind=plan_kind, source=source.strip(), term=term,
                  period_start=period_start, period_end=period_end, number=number.strip(), text=text.strip(),
                  comparison=comparison, threshold=threshold, threshold_high=threshold_high, measure=measure,
                  figure_code=(figure_code or "").strip(), as_percent=as_percent)
    v = _violations(values, parent, organization)
    for field, label in (("period_start", "Từ ngày"), ("period_end", "Đến ngày")):
        if values[field] is None:
            v.append(Violation("targets.period_required", f"{label}: bắt buộc nhập (hoặc chọn nhiệm kỳ).", field))
    if term is not None and term.organization_id != organization.pk and parent is None:
        v.append(Violation("targets.term", "Nhiệm kỳ: phải là nhiệm kỳ của tổ chức đặt chỉ tiêu.", "term"))
    raise_if(v)
    target = Target(**values)
    full_clean(target)
    target.save()
    audit.record(actor=by, action="targets.create", obj=target, after=audit.snapshot(target, Target.AUDIT_FIELDS))
    return target


EDITABLE = ("number", "text", "comparison", "threshold", "threshold_high", "measure", "figure_code", "as_percent", "source",
            "period_start", "period_end")


@audited
def change_target(*, by, target: Target, expected_version: int | None, **changes) -> Target:
    """Correct a target's definition. The document and period of a breakdown follow its parent's; a
    change of a parent's document or period is carried to its breakdown."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    fresh = lock_for_update(target, None, queryset=Target.objects.select_related("organization", "parent__organization"))
    _require(by, fresh.organization)
    check_version(fresh, expected_version)
    if fresh.parent_id is not None:
        changes = {k: v for k, v in changes.items() if k not in INHERITED}
    before = audit.snapshot(fresh, Target.AUDIT_FIELDS)
    for key, value in changes.items():
        setattr(fresh, key, value.strip() if isinstance(value, str) else value)
    values = {f: getattr(fresh, f) for f in Target.AUDIT_FIELDS}
    raise_if(_violations(values, fresh.parent, fresh.organization))
    full_clean(fresh)
    fresh.save()
    for child in fresh.children.all():
        if any(getattr(child, f) != getattr(fresh, f) for f in INHERITED):
            child = lock_for_update(child, None)
            child_before = audit.snapshot(child, Target.AUDIT_FIELDS)
            for f in INHERITED:
                setattr(child, f, getattr(fresh, f))
            child.save()
            audit.record(actor=by, action="targets.change", obj=child, before=child_before,
                         after=audit.snapshot(child, Target.AUDIT_FIELDS), note="Theo chỉ tiêu cấp trên")
    audit.record(actor=by, action="targets.change", obj=fresh, before=before, after=audit.snapshot(fresh, Target.AUDIT_FIELDS))
    return fresh


@audited
def record_actual(*, by, target: Target, value: Decimal, recorded_on: dt.date, evidence: str, evidence_file=None) -> TargetActual:
    """Enter the result of a target measured by hand, with its evidence (the last entry counts)."""
    _require(by, target.organization)
    v: list[Violation] = []
    if target.measure != Measure.MANUAL:
        v.append(Violation("targets.not_manual", "Kết quả thực hiện: chỉ tiêu này tính tự động từ số liệu thống kê "
                                                 f"({target.figure_code}), không nhập tay.", "value"))
    if value is None or value < 0:
        v.append(Violation("targets.value", "Kết quả thực hiện: bắt buộc nhập, không được âm.", "value"))
    elif target.as_percent and value > 100:
        v.append(Violation("targets.value_percent", "Kết quả thực hiện: tỷ lệ không quá 100%.", "value"))
    if not (evidence or "").strip():
        v.append(Violation("targets.evidence", "Minh chứng: bắt buộc ghi (văn bản, báo cáo làm căn cứ).", "evidence"))
    if recorded_on is None:
        v.append(Violation("targets.recorded_on", "Tính đến ngày: bắt buộc nhập.", "recorded_on"))
    elif recorded_on < target.period_start:
        v.append(Violation("targets.recorded_before", "Tính đến ngày: không trước ngày bắt đầu của kỳ chỉ tiêu.", "recorded_on"))
    raise_if(v)
    user = by if getattr(by, "pk", None) else None
    entry = TargetActual(target=target, value=value, recorded_on=recorded_on, evidence=evidence.strip(), created_by=user,
                         created_by_label=audit.actor_label(by))
    if evidence_file is not None:
        entry.evidence_file = evidence_file
    entry.save()
    audit.record(actor=by, action="targets.record_actual", obj=target,
                 data={"value": str(value), "recorded_on": recorded_on.isoformat(), "evidence": entry.evidence,
                       "file": entry.evidence_file.name if entry.evidence_file else ""})
    return entry
