"""Use cases that change the member register. The only code that writes it.

Each one: permission first, then every rule (all violations at once), then one transaction that
writes the record or the event, rebuilds the derived state intervals, and writes the audit entry.
"""

import datetime as dt
import hashlib
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core import bulk, integrity
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import check_version, field_violations, full_clean, lock_for_update
from dangvu.core.numbers import file_size, format_number
from dangvu.members import rules, signals
from dangvu.members.kinds import ENDING_EVENTS, IN_PARTY, DocumentType, EventType
from dangvu.members.models import Member, MemberDocument, MembershipEvent, MemberState, TheoryLevelRecord
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import ParamsBook, params_on

CHANGE = "members.change"
# Members belong to cells: a cell, a grassroots cell, or (for party groups) their cell.
MEMBER_ORG_KINDS = frozenset({Kind.CELL, Kind.GRASSROOTS_CELL})
_EVENT_TYPES = frozenset(EventType.values)  # EventType.values builds its list on every read


@dataclass(frozen=True)
class Decision:
    number: str = ""
    date: dt.date | None = None
    body: str = ""
    reason: str = ""
    ground: str = ""  # why the member leaves (kinds.RemovalGround), for struck off / left / expelled
    record_cleared_on: dt.date | None = None  # A15, on a re-admission: when a criminal record was cleared


def _require_org(by, org: Organization, field: str = "organization") -> None:
    if permissions.is_system_admin(by):
        return
    if not permissions.can(by, CHANGE, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền quản lý đảng viên của “{org.name}”.")


def _require_member(by, member: Member) -> None:
    if permissions.is_system_admin(by):
        return
    if member.organization is None or not permissions.can(by, CHANGE, member.organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền thay đổi hồ sơ của {member.full_name}.")


def check_destination(org: Organization | None, on: dt.date, field: str = "organization") -> list[Violation]:
    """A member is placed in a cell (or grassroots cell) that exists on that date."""
    if org is None:
        return []
    v = []
    if org.kind not in MEMBER_ORG_KINDS:
        v.append(Violation("member.org_kind", f"Tổ chức đảng: đảng viên sinh hoạt ở chi bộ; “{org.name}” là "
                           f"{org.get_kind_display().lower()}.", field, "Điều lệ Đảng Điều 21"))
    if on < org.established_on or (org.ended_on and on >= org.ended_on):
        v.append(Violation("member.org_not_active", f"Tổ chức đảng: “{org.name}” không hoạt động vào ngày {vn_date(on)}.", field))
    return v


def _normalize(fields: dict) -> dict:
    out = dict(fields)
    for key in ("citizen_id", "party_card_number"):
        if key in out:
            out[key] = (out[key] or "").strip() or None
    for key, value in out.items():
        if isinstance(value, str) and key not in ("citizen_id", "party_card_number"):
            out[key] = " ".join(value.split()) if key in ("full_name", "other_names") else value.strip()
    return out


def _unique_violations(fields: dict, exclude_pk=None) -> list[Violation]:
    v = []
    for key, label in (("citizen_id", "Số CCCD"), ("party_card_number", "Số thẻ đảng viên")):
        value = fields.get(key)
        if value and Member.objects.filter(**{key: value}).exclude(pk=exclude_pk).exists():
            v.append(Violation(f"member.{key}_taken", f"{label} {value} đã có trong hồ sơ một đảng viên khác.", key))
    return v


def _integrity_violation(exc: IntegrityError, fields: dict) -> Violation:
    """What the database refused when the register's own checks saw nothing: the card register (a
    trigger, dangvu/awards/card_numbers.py) holds the number for another member."""
    if fields.get("party_card_number") and "Số thẻ" in str(exc):
        return Violation("member.party_card_number_taken", f"Số thẻ đảng viên {fields['party_card_number']} đã cấp cho một "
                         "đảng viên khác; mỗi số thẻ chỉ thuộc về một đảng viên.", "party_card_number", rules.SOURCE_CARD)
    return Violation("member.duplicate", "Hồ sơ trùng với một hồ sơ đã có.", None)


def _facts(member: Member) -> list[rules.EventFact]:
    return [rules.EventFact(e.event_type, e.effective_date, e.organization_id, e.pk, e.external_place, e.ground)
            for e in member.events.order_by("effective_date", "id")]


def rebuild_state(member: Member) -> rules.Replay:
    """Replay the events; store the intervals and the present state on the member."""
    result = rules.replay(_facts(member), ParamsBook())
    MemberState.objects.filter(member=member).delete()
    MemberState.objects.bulk_create(_states(member, result.intervals))
    _derive(member, result)
    return result


STATE_FIELDS = ["member_id", "valid_from", "valid_to", "status", "organization_id", "temporary_organization_id", "is_exempted",
                "is_suspended"]


def _state_rows(member_id: int, intervals: list[rules.Interval]) -> list[tuple]:
    """The member's state intervals as rows of STATE_FIELDS (bulk.insert_rows: no model instance a row)."""
    return [(member_id, i.valid_from, i.valid_to, i.status, i.organization_id, i.temporary_organization_id, i.is_exempted,
             i.is_suspended) for i in intervals]


def _states(member: Member, intervals: list[rules.Interval]) -> list[MemberState]:
    return [MemberState(**dict(zip(STATE_FIELDS, row, strict=True))) for row in _state_rows(member.pk, intervals)]


def _derive(member: Member, result: rules.Replay) -> None:
    """The present state and the counters the record caches from the replay."""
    member.status = result.status
    member.organization_id = result.organization_id
    member.is_exempted, member.is_suspended = result.is_exempted, result.is_suspended
    member.days_outside = result.days_outside
    member.first_admission_date = member.admission_decision_date


@audited
def register_member(*, by, organization: Organization, joined_on: dt.date | None = None, admission_age_checked: bool = False,
                    **fields) -> Member:
    """Enter a member in the register, with the events their record implies.

    Admitted in `organization` when `joined_on` is the ceremony date (or not given); otherwise
    admitted elsewhere (the record's "chi bộ kết nạp") and transferred in on `joined_on`.
    Recognition as a full member is recorded at the record's recognition date.
    `admission_age_checked`: the admission pipeline (dangvu.admissions) checked the age where the
    rule counts it, at the cell's admission meeting (domain-rules A1), including a documented
    over-60 exception; the record's approximate check at the decision date is then skipped.
    """
    _require_org(by, organization)
    fields = _normalize(fields)
    _check_known(fields)
    v, ceremony, joined_on = _registration_violations(organization, fields, joined_on, _unique_violations(fields), params_on,
                                                      admission_age_checked)
    raise_if(v)
    member = Member(**fields)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        raise RuleViolation(_unique_violations(fields) or [_integrity_violation(exc, fields)]) from exc
    for event_type, on, org, place in _implied_events(fields, organization, ceremony, joined_on):
        MembershipEvent.objects.create(member=member, event_type=event_type, effective_date=on, organization=org,
                                       external_place=place, recorded_by=_user(by), recorded_by_label=audit.actor_label(by))
    result = rebuild_state(member)
    if result.violations:
        raise RuleViolation(result.violations)
    member.save()
    audit.record(actor=by, action="members.create", obj=member, after=audit.snapshot(member, Member.AUDIT_FIELDS))
    return member


def _check_known(fields: dict) -> None:
    unknown = set(fields) - set(Member.RECORD_FIELDS)
    if unknown:
        raise ValueError(f"unknown member fields: {sorted(unknown)}")


def _registration_violations(organization: Organization, fields: dict, joined_on: dt.date | None, unique: list[Violation],
                             params_for, admission_age_checked: bool = False, on_day: dt.date | None = None
                             ) -> tuple[list[Violation], dt.date | None, dt.date | None]:
    """The checks of a new entry in the register (`unique`: the identity numbers already taken; `on_day`: today,
    read once for many entries): the violations, the ceremony date and the date the member joins `organization`."""
    ceremony = fields.get("ceremony_date") or fields.get("admission_decision_date")
    v = rules.check_record(fields, on_day or today(), params_for) + unique
    if admission_age_checked:
        v = [x for x in v if x.code != "member.admission_age"]
    if fields.get("admission_decision_date") is None:
        v.append(Violation("member.admission_required", "Ngày quyết định kết nạp: bắt buộc nhập khi vào sổ đảng viên.",
                           "admission_decision_date"))
    joined_on = joined_on or ceremony
    if ceremony and joined_on and joined_on < ceremony:
        v.append(Violation("member.joined_before_admission", "Ngày đến sinh hoạt không thể trước ngày kết nạp.", "joined_on"))
    if ceremony and joined_on and joined_on > ceremony and not (fields.get("admitted_in") or "").strip():
        v.append(Violation("member.admitted_in_required", "Chi bộ kết nạp: bắt buộc ghi khi đảng viên được kết nạp ở nơi khác "
                           "(ngày đến sinh hoạt sau ngày kết nạp).", "admitted_in"))
    if joined_on:
        v += check_destination(organization, joined_on)
    return v, ceremony, joined_on


def _implied_events(fields: dict, organization: Organization, ceremony: dt.date, joined_on: dt.date) -> list[tuple]:
    """The events a new entry implies, in date order: (type, date, organization, external place)."""
    events = []
    if joined_on == ceremony:
        events.append((EventType.ADMITTED, ceremony, organization, ""))
    else:
        events.append((EventType.ADMITTED, ceremony, None, fields.get("admitted_in", "")))
        events.append((EventType.TRANSFERRED_IN, joined_on, organization, ""))
    if fields.get("recognition_date"):
        events.append((EventType.RECOGNIZED, fields["recognition_date"], None, ""))
    return sorted(events, key=lambda x: x[1])


@dataclass(frozen=True)
class Registration:
    """One new entry of a set-based registration: what register_member takes."""

    organization: Organization
    fields: dict
    joined_on: dt.date | None = None


def _taken_numbers(records: list[dict]) -> dict[str, set[str]]:
    """The citizen IDs and card numbers of `records` that a member of the register already holds (one query a chunk)."""
    taken: dict[str, set[str]] = {}
    for key in ("citizen_id", "party_card_number"):
        wanted = sorted({r[key] for r in records if r.get(key)})
        taken[key] = set()
        for start in range(0, len(wanted), BULK_LOOKUP):
            taken[key] |= set(Member.objects.filter(**{f"{key}__in": wanted[start:start + BULK_LOOKUP]})
                              .values_list(key, flat=True))
    return taken


BULK_LOOKUP = 900  # values in one IN (…) list


@audited
def register_members(*, by, registrations: list[Registration]) -> list[list[Violation]]:
    """register_member for many new members at once, set-based (the import of a register).

    Every entry gets the checks of register_member, in the same order and with the same words (the record,
    the identity numbers taken by the register or by an earlier entry, the placement, the text and date
    policy of dangvu.core.integrity, the replay of the implied events); the lookups are made once (the
    numbers taken, the parameters of each date). Returns each entry's violations, in order. Only when no
    entry has any is anything written, in bulk: the members, their events, their state intervals, the
    audit entries (audit.record_many: the same entries as one by one), and the statistics summary marked
    stale once (signals.register_written). A refusal by the database itself (the card register's trigger,
    dangvu/awards/card_numbers.py) raises IntegrityError: the caller goes one by one to name the entry.
    """
    for org in {r.organization.pk: r.organization for r in registrations}.values():
        _require_org(by, org)
    for r in registrations:
        _check_known(r.fields)
    day = today()
    book = ParamsBook()  # the national values of every date, as params_on(date) reads them one query a date
    taken = _taken_numbers([_normalize({k: r.fields.get(k) for k in ("citizen_id", "party_card_number")}) for r in registrations])
    records = (_normalize(r.fields) for r in registrations)  # one at a time: 100.000 copies of a record hold much memory
    found: list[list[Violation]] = []
    organizations: set = set()
    try:
        with transaction.atomic():  # written a chunk at a time as the checks go (memory): undone when an entry is refused
            _register_checked(by, registrations, records, taken, book, day, found, organizations)
            if any(found):
                raise _Refused
    except _Refused:
        return found
    if organizations:
        signals.register_written.send(sender=Member, organization_ids=organizations - {None})
    return found


class _Refused(Exception):
    pass


def _register_checked(by, registrations, records, taken, book, day, found, organizations) -> None:
    """register_members' checks, entry by entry, and its writes, WRITE_CHUNK members at a time until one is refused."""
    planned: list[tuple[Member, list[MembershipEvent], list[rules.Interval]]] = []
    user, label = _user(by), audit.actor_label(by)
    user_id = user.pk if user is not None else None  # keys, not instances: a related descriptor's set is slow × 100.000
    for registration, fields in zip(registrations, records, strict=True):
        if len(planned) >= WRITE_CHUNK:
            if not any(found):
                organizations |= _write_registered(by, planned)
            planned = []
        unique = [Violation(f"member.{key}_taken", f"{what} {fields[key]} đã có trong hồ sơ một đảng viên khác.", key)
                  for key, what in (("citizen_id", "Số CCCD"), ("party_card_number", "Số thẻ đảng viên"))
                  if fields.get(key) and fields[key] in taken[key]]
        v, ceremony, joined_on = _registration_violations(registration.organization, fields, registration.joined_on, unique,
                                                          book, on_day=day)
        if v:
            found.append(list(dict.fromkeys(v)))
            continue
        member = bulk.new(Member, fields)
        member.fill_search_fields()
        names = (member.full_name, member.other_names)
        v = integrity.violations(member)  # what member.save() would refuse (and the NFC it would store)
        if (member.full_name, member.other_names) != names:
            member.fill_search_fields()  # from the stored (NFC) name, as the second save() does
        events = [bulk.new(MembershipEvent, {"member": member, "event_type": event_type, "effective_date": on,
                                             "organization_id": org.pk if org else None, "external_place": place,
                                             "recorded_by_id": user_id, "recorded_by_label": label})
                  for event_type, on, org, place in _implied_events(fields, registration.organization, ceremony, joined_on)]
        for event in events if not v else []:  # the first event the database would refuse, as create() would
            v = integrity.violations(event)
            if v:
                break
        if v:
            found.append(v)
            continue
        result = rules.replay([rules.EventFact(e.event_type, e.effective_date, e.organization_id, n, e.external_place, e.ground)
                               for n, e in enumerate(events, start=1)], book)
        if result.violations:
            found.append(list(result.violations))
            continue
        _derive(member, result)
        for key in ("citizen_id", "party_card_number"):
            if fields.get(key):
                taken[key].add(fields[key])
        planned.append((member, events, result.intervals))  # as checked and cleaned; WRITE_CHUNK members held at most
        found.append([])
    if planned and not any(found):
        organizations |= _write_registered(by, planned)


def _write_registered(by, chunk) -> set:
    """Write checked new members (in the order of the entries: the keys come as one by one) with their events,
    intervals and audit entries; returns the organizations touched."""
    bulk.insert(Member, [m for m, _, _ in chunk], ids=True)
    events = [e for _, member_events, _ in chunk for e in member_events]
    bulk.insert(MembershipEvent, events)  # each event's member now has its key (bulk.insert reads it from the instance)
    states = [state for m, _, intervals in chunk for state in _state_rows(m.pk, intervals)]
    bulk.insert_rows(MemberState, STATE_FIELDS, states)
    audit.record_many(actor=by, action="members.create", entries=[
        audit.Entry(obj=m, after=audit.snapshot(m, Member.AUDIT_FIELDS)) for m, _, _ in chunk])
    return {e.organization_id for e in events} | {s[STATE_FIELDS.index("organization_id")] for s in states}


WRITE_CHUNK = 2000  # members written at a time, with their events, intervals and audit entries


def _user(by):
    return by if getattr(by, "pk", None) else None


def _lock(member: Member, expected_version: int | None) -> Member:
    return lock_for_update(member, expected_version, queryset=Member.objects.select_related("organization"))


@audited
def update_member(*, by, member: Member, expected_version: int | None, **changes) -> Member:
    """Correct the record. Status and cell are not fields: they change through events."""
    member = _lock(member, None)
    _require_member(by, member)
    check_version(member, expected_version)
    changes = _normalize(changes)
    unknown = set(changes) - set(Member.RECORD_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = audit.snapshot(member, Member.AUDIT_FIELDS)
    merged = {f: getattr(member, f) for f in Member.RECORD_FIELDS} | changes
    v = rules.check_record(merged, today(), params_on)
    if not any(changes.get(f, getattr(member, f)) != getattr(member, f) for f in ("date_of_birth", "admission_decision_date")):
        # The admission age was settled when the member was admitted (possibly by a documented
        # over-60 exception): correcting other fields does not reopen it.
        v = [x for x in v if x.code != "member.admission_age"]
    theory_changed = "theory_level" in changes and changes["theory_level"] != member.theory_level
    if theory_changed:
        v += _theory_edit_violations(member, changes["theory_level"])
    raise_if(v + _unique_violations(changes, exclude_pk=member.pk) + _owned_elsewhere(member, changes))
    old_dates = {"ceremony": member.ceremony_date or member.admission_decision_date, "recognition": member.recognition_date}
    for key, value in changes.items():
        setattr(member, key, value)
    if not audit.diff(before, audit.snapshot(member, Member.AUDIT_FIELDS)):
        return member
    _follow_date_corrections(member, old_dates)
    member.first_admission_date = member.admission_decision_date
    member.save()
    if theory_changed and member.theory_level is not None:
        _theory_edit_row(by, member)
    audit.record(actor=by, action="members.update", obj=member, before=before, after=audit.snapshot(member, Member.AUDIT_FIELDS))
    return member


THEORY_EDIT_SOURCE = "Sửa trên phiếu đảng viên ngày %s (ngày cấp bằng, chứng chỉ chưa ghi)"


def _theory_edit_violations(member: Member, level) -> list[Violation]:
    """A hand edit of the theory level (biểu 3-TCTW counts the highest level held): never below a level the
    history records, never cleared while the history has one; a level without history (an old value) may
    be corrected."""
    if level is not None and getattr(level, "list_code", "theory_level") != "theory_level":
        return [Violation("member.theory_level", "Trình độ lý luận chính trị: chọn sơ cấp, trung cấp, cao cấp hoặc cử nhân.",
                          "theory_level")]
    held = (TheoryLevelRecord.objects.filter(member=member).select_related("level")
            .order_by("-level__rank", "-obtained_on", "-id").first())
    if held is None or level is not None and level.rank >= held.level.rank:
        return []
    return [Violation("member.theory_lower", f"Trình độ lý luận chính trị: {member.full_name} đã có {held.level.name} "
                      f"(cấp ngày {vn_date(held.obtained_on)}); phiếu đảng viên ghi trình độ cao nhất, không ghi thấp hơn "
                      "hoặc bỏ trống.", "theory_level")]


def _theory_edit_row(by, member: Member) -> None:
    """The level typed on the form joins the dated history (as a certificate does): one row, dated the day of
    the edit, unless the history already holds that level."""
    level = member.theory_level
    if TheoryLevelRecord.objects.filter(member=member, level=level).exists():
        return
    on = today()
    TheoryLevelRecord.objects.create(member=member, level=level, obtained_on=on, source=THEORY_EDIT_SOURCE % vn_date(on),
                                     recorded_by=_user(by), recorded_by_label=audit.actor_label(by))


@audited
def record_theory_level(*, by, member: Member, level, obtained_on: dt.date, certificate_number: str = "", issuer: str = "",
                        source: str = "", issuer_checked: bool = False) -> TheoryLevelRecord:
    """A political theory certificate the member obtained: a dated row of the history (never an
    overwrite); the record's level becomes the highest level held (biểu 3-TCTW), never lower.

    `issuer_checked`: the caller has checked `by`'s right over the body that issued the certificate (a training
    class of an organization the member belonged under during the class): a certificate of 2018 is recorded by
    the district that taught it even if the member has since moved elsewhere or left the party."""
    member = _lock(member, None)
    if not issuer_checked:
        _require_member(by, member)
    v = []
    if level is None or level.list_code != "theory_level":
        v.append(Violation("member.theory_level", "Trình độ lý luận chính trị: chọn sơ cấp, trung cấp, cao cấp hoặc cử nhân.",
                           "level"))
    if obtained_on > today():
        v.append(Violation("member.theory_future", f"Ngày cấp bằng, chứng chỉ lý luận chính trị: {vn_date(obtained_on)} sau ngày "
                           "hôm nay.", "obtained_on"))
    elif obtained_on < member.date_of_birth:
        v.append(Violation("member.theory_before_birth", "Ngày cấp bằng, chứng chỉ lý luận chính trị: trước ngày sinh.",
                           "obtained_on"))
    if not v and TheoryLevelRecord.objects.filter(member=member, level=level, obtained_on=obtained_on).exists():
        v.append(Violation("member.theory_recorded", f"{member.full_name}: đã ghi {level.name} ngày {vn_date(obtained_on)}.",
                           "obtained_on"))
    raise_if(v)
    record = TheoryLevelRecord.objects.create(
        member=member, level=level, obtained_on=obtained_on, certificate_number=certificate_number.strip(),
        issuer=issuer.strip(), source=source.strip(), recorded_by=_user(by), recorded_by_label=audit.actor_label(by))
    before = audit.snapshot(member, Member.AUDIT_FIELDS)
    current = member.theory_level
    if current is None or current.rank < level.rank:
        member.theory_level = level
        member.save()
    audit.record(actor=by, action="members.theory_level", obj=member, before=before,
                 after=audit.snapshot(member, Member.AUDIT_FIELDS),
                 note=f"{level.name}: {vn_date(obtained_on)}" + (f", số {record.certificate_number}" if record.certificate_number else "")
                 + (f" ({record.source})" if record.source else ""))
    return record


# Record fields that a correction of the record may not set: another service owns them.
OWNED_BY_CARD_REGISTER = ("Số thẻ đảng viên: chỉ thay đổi khi cấp thẻ, cấp lại hoặc đổi thẻ (trang Thẻ đảng viên; API "
                          "POST /api/party-cards/), để mỗi số thẻ chỉ thuộc về một đảng viên.")


def _owned_elsewhere(member: Member, changes: dict) -> list[Violation]:
    """A correction of the record does not set what another service owns: the card number (the card
    register, dangvu.awards) and a recognition date that no recognition event backs (members.recognized)."""
    v = []
    if "party_card_number" in changes and changes["party_card_number"] != member.party_card_number:
        v.append(Violation("member.card_number_owned", OWNED_BY_CARD_REGISTER, "party_card_number", rules.SOURCE_CARD))
    if ("recognition_date" in changes and changes["recognition_date"] != member.recognition_date
            and not member.events.filter(event_type=EventType.RECOGNIZED).exists()):
        v.append(Violation("member.recognition_without_event", f"Ngày công nhận chính thức: {member.full_name} chưa được "
                           "công nhận chính thức (chưa có sự kiện công nhận); ngày này được ghi khi ghi quyết định công nhận "
                           "chính thức, không sửa trực tiếp.", "recognition_date", rules.SOURCE_PROBATION))
    return v


def _follow_date_corrections(member: Member, old: dict) -> None:
    """A corrected ceremony or recognition date moves the event it produced, so that status
    history and record agree; the corrected history must still replay without violations."""
    new_ceremony = member.ceremony_date or member.admission_decision_date
    moves = [(EventType.ADMITTED, old["ceremony"], new_ceremony), (EventType.RECOGNIZED, old["recognition"], member.recognition_date)]
    changed = False
    for event_type, before, after in moves:
        if before == after or before is None:
            continue
        event = member.events.filter(event_type=event_type, effective_date=before).order_by("id").first()
        if event is None:
            continue
        if after is None:
            raise RuleViolation([Violation("member.event_date_removed", "Không thể xóa ngày này: sự kiện tương ứng đã được ghi "
                                           "trong quá trình đảng viên.", "recognition_date" if event_type == EventType.RECOGNIZED
                                           else "ceremony_date")])
        event.effective_date = after
        event.save(update_fields=["effective_date"])
        changed = True
    if changed:
        result = rebuild_state(member)
        if result.violations:
            raise RuleViolation(result.violations)


@audited
def record_event(*, by, member: Member, event_type: str, effective_date: dt.date, organization: Organization | None = None,
                 external_place: str = "", decision: Decision = Decision(), expected_version: int | None = None,
                 allow_future: bool = False, authorized: bool = False) -> MembershipEvent:
    """Record a dated event (checked against the member's history), then re-derive the state.

    `authorized=True`: the calling service has already decided that `by` may make this change by
    rules of its own (the two-sided handshake of a transfer, dangvu/transfers/services.py: the
    receiving cell's officer moves a member out of a cell they do not run); the event is still
    checked against the history and recorded and audited in `by`'s name.
    """
    member = _lock(member, None)
    if not authorized and (event_type not in (EventType.ADMITTED, EventType.READMITTED, EventType.TRANSFERRED_IN)
                           or member.organization is not None):
        # A member who sits in a cell of the system is changed by whoever runs that cell.
        _require_member(by, member)
    if organization is not None and event_type != EventType.TEMPORARY_OUT and not authorized:
        _require_org(by, organization)
    check_version(member, expected_version)
    v: list[Violation] = []
    if event_type not in _EVENT_TYPES:
        v.append(Violation("event.type", f"Sự kiện “{event_type}” không tồn tại.", "event_type"))
    if effective_date > today() and not allow_future:
        v.append(Violation("event.future", "Ngày hiệu lực: không thể sau ngày hôm nay.", "effective_date"))
    if event_type in (EventType.ADMITTED, EventType.READMITTED, EventType.TRANSFERRED_IN, EventType.TRANSFERRED_INTERNAL,
                      EventType.TEMPORARY_OUT):
        v += check_destination(organization, effective_date)
    if event_type == EventType.TRANSFERRED_OUT and not external_place.strip():
        v.append(Violation("event.external_place", "Nơi chuyển đến: bắt buộc ghi khi chuyển sinh hoạt ra ngoài hệ thống.",
                           "external_place"))
    if event_type in _EVENT_TYPES:
        v += rules.check_ground(event_type, decision.ground)
    raise_if(v)
    facts = _facts(member)
    fact = rules.EventFact(event_type, effective_date, organization.pk if organization else None, rules.NEW_EVENT_ID,
                           external_place, decision.ground, decision.number, decision.body, decision.record_cleared_on)
    book = ParamsBook()
    if event_type == EventType.RECOGNIZED and facts and effective_date < max(f.effective_date for f in facts):
        # Recognition takes effect at the end of the 12 months even when the cell or the committee
        # decided late (domain-rules P4): it goes into the history at its date, and the whole history
        # must still replay without a violation (e.g. it cannot fall after the member left).
        ended = [f for f in facts if f.effective_date >= effective_date and f.event_type in ENDING_EVENTS]
        if ended:
            raise_if([Violation("event.recognize_after_end", f"Ngày hiệu lực: đảng viên đã {EventType(ended[0].event_type).label.lower()} "
                                f"ngày {vn_date(ended[0].effective_date)} khi còn là đảng viên dự bị; không thể công nhận chính "
                                "thức trước ngày đó.", "effective_date", rules.SOURCE_PROBATION)])
        raise_if(rules.replay([*facts, fact], book).violations)
    else:
        raise_if(rules.apply(rules.replay(facts, book), fact, book))
    before = audit.snapshot(member, Member.AUDIT_FIELDS)
    event = MembershipEvent.objects.create(
        member=member, event_type=event_type, effective_date=effective_date, organization=organization,
        from_organization=member.organization if member.status in IN_PARTY else None, external_place=external_place.strip(),
        decision_number=decision.number, decision_date=decision.date, deciding_body=decision.body, reason=decision.reason,
        ground=decision.ground, recorded_by=_user(by), recorded_by_label=audit.actor_label(by),
    )
    if event_type == EventType.RECOGNIZED and member.recognition_date is None:
        member.recognition_date = effective_date  # the record's item 12 follows the recognition
    rebuild_state(member)
    member.save()
    audit.record(actor=by, action=f"members.{event_type}", obj=member, before=before,
                 after=audit.snapshot(member, Member.AUDIT_FIELDS),
                 data={"effective_date": effective_date, "decision_number": decision.number, "decision_date": decision.date,
                       "deciding_body": decision.body, "ground": decision.ground}
                 | ({"record_cleared_on": decision.record_cleared_on} if decision.record_cleared_on else {}))
    return event


SOURCE_ANNULMENT = "QĐ 296-QĐ/TW Điều 23–25 (K11): quyết định giải quyết khiếu nại hủy hoặc thay đổi quyết định kỷ luật"


@audited
def annul_expulsion(*, by, member: Member, on: dt.date, decision: Decision, authorized: bool = False) -> MembershipEvent:
    """An appeal decision cancelled the member's expulsion, or changed it to a lighter form (K11): the expulsion
    never took effect. Its event stays as recorded and is marked annulled on `on` by that decision; the history
    is replayed without it, so the member is back in their cell as if never expelled: the state intervals run
    on through the gap, the as-of queries, counts and flows of the dates in between count them in the party,
    and the gap is not time outside the party (party age, M1/M4: the decision that cut it no longer stands).

    Only the member's last event can be annulled (anything recorded after the expulsion must be corrected
    first), and the cell they were expelled from must still be open on `on`. `authorized=True`: the calling
    service (discipline.decide_appeal) has checked that `by` may decide the appeal."""
    member = _lock(member, None)
    event = member.events.select_related("from_organization").order_by("effective_date", "id").last()
    if not authorized:
        _require_member(by, member)  # an expelled member's record stays with the cell they were expelled from
    v: list[Violation] = []
    if event is None or event.event_type != EventType.EXPELLED:
        v.append(Violation("event.annul_not_expelled", f"Hủy quyết định khai trừ: sự kiện cuối cùng của {member.full_name} "
                           "không phải là khai trừ (các sự kiện ghi sau khai trừ phải được sửa trước).", "member",
                           SOURCE_ANNULMENT))
    else:
        if on < event.effective_date or on > today():
            v.append(Violation("event.annul_date", f"Ngày hủy quyết định khai trừ: từ ngày khai trừ "
                               f"({vn_date(event.effective_date)}) đến hôm nay.", "effective_date"))
        v += check_destination(event.from_organization, on)
    raise_if(v)
    facts = [f for f in _facts(member) if f.id != event.pk]
    raise_if(rules.replay(facts, ParamsBook()).violations)
    before = audit.snapshot(member, Member.AUDIT_FIELDS)
    event_before = audit.snapshot(event, MembershipEvent.AUDIT_FIELDS)
    event.annulled_on, event.annulment_number, event.annulment_date = on, decision.number, decision.date
    event.annulment_body, event.annulment_reason = decision.body, decision.reason
    event.save()
    rebuild_state(member)
    member.save()
    audit.record(actor=by, action="members.expulsion_annulled", obj=member, before=before,
                 after=audit.snapshot(member, Member.AUDIT_FIELDS),
                 data={"event": event.pk, "event_before": event_before,
                       "event_after": audit.snapshot(event, MembershipEvent.AUDIT_FIELDS)},
                 note=f"Hủy quyết định khai trừ ngày {vn_date(event.effective_date)} theo quyết định "
                      f"{decision.number or '(không số)'} ngày {vn_date(decision.date or on)}")
    return event


_UNSET = object()


def reveal(*, by, member: Member, field: str, value=_UNSET, source: str = "") -> str:
    """Show one masked field of a member; the reveal itself is audited (refusals too). The one reveal
    path of every channel (pages, API): the policy is accounts.permissions.may_reveal.

    `value` and `source`: a copy of the field kept by another register (a number in the card
    history, the residence contact's address), shown under the same check and audit; the entry
    names where it comes from ("lịch sử cấp thẻ")."""
    if field not in Member.SENSITIVE_FIELDS:
        raise ValueError(field)
    with translation.override(settings.LANGUAGE_CODE):  # the audit note is stored in Vietnamese
        label = str(Member._meta.get_field(field).verbose_name) + (f" ({source})" if source else "")
    data = {"field": field} | ({"source": source} if source else {})
    if not permissions.may_reveal(by, member):
        audit.record(actor=by, action="members.reveal_refused", obj=member, data=data, note=f"Bị từ chối xem {label}")
        raise PermissionDeniedInScope("Bạn không có quyền xem thông tin này.")
    own = member.user_id is not None and member.user_id == getattr(by, "pk", None)
    audit.record(actor=by, action="members.reveal", obj=member, data=data,
                 note=f"Xem {label}" + (" (hồ sơ của chính mình)" if own else ""))
    if value is not _UNSET:
        return value or ""
    value = getattr(member, field)
    if field == "photo":
        # Media files have no public URL: the photo is served by members:photo, which checks again.
        from django.urls import reverse

        return reverse("members:photo", args=[member.pk]) if value else ""
    return value or ""


def in_party_count(org: Organization) -> int:
    """Members whose cell is `org` and who are in the party today."""
    return Member.objects.filter(organization=org, status__in=IN_PARTY).count()


def check_members_can_follow(source: Organization, target: Organization, on: dt.date) -> list[Violation]:
    """Before a merge: the survivor of a cell that has members must itself take members."""
    n = in_party_count(source)
    if n and target.kind not in MEMBER_ORG_KINDS:
        return [Violation("org.members_need_cell", f"“{source.name}” còn {n} đảng viên; tổ chức nhận (sáp nhập, hợp nhất "
                          f"vào) phải là chi bộ để nhận các đảng viên này (“{target.name}” là "
                          f"{target.get_kind_display().lower()}).", "target")]
    return []


def transfer_members_on_merge(*, by, source: Organization, target: Organization, on: dt.date, number: str = "",
                              date: dt.date | None = None, body: str = "", reason: str = "") -> int:
    """Move every member in the party from `source` to `target` (an internal transfer each), under the
    decision of the merger (its number, date, deciding body and what it did)."""
    decision = Decision(number, date, body, reason)
    moved = 0
    for member in Member.objects.filter(organization=source, status__in=IN_PARTY).order_by("pk"):
        record_event(by=by, member=member, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=on, organization=target,
                     decision=decision, allow_future=True)
        moved += 1
    return moved


# ---------------------------------------------------------------- member file: documents and photo
#
# The member file is confidential (domain-rules M10). Uploads are checked by their content (the
# first bytes), never by the name the browser sends; files are stored under a random name and are
# never deleted, neither when a document is removed nor when the photo is replaced.

@dataclass(frozen=True)
class FileKind:
    content_type: str
    label: str
    magic: bytes
    extensions: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileKind("application/pdf", "PDF", b"%PDF-", (".pdf",))
JPEG = FileKind("image/jpeg", "JPEG", b"\xff\xd8\xff", (".jpg", ".jpeg", ".jpe", ".jfif"))
PNG = FileKind("image/png", "PNG", b"\x89PNG\r\n\x1a\n", (".png",))
DOCUMENT_KINDS = (PDF, JPEG, PNG)
PHOTO_KINDS = (JPEG, PNG)
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 2 * 1024 * 1024


def sniff(head: bytes, kinds=DOCUMENT_KINDS) -> FileKind | None:
    """The kind of a file from its first bytes (magic number), or None."""
    return next((k for k in kinds if head.startswith(k.magic)), None)


def _original_name(file) -> str:
    return os.path.basename(getattr(file, "name", "") or "")


def _check_upload(file, *, field: str, label: str, kinds: tuple[FileKind, ...], max_bytes: int
                  ) -> tuple[FileKind | None, list[Violation]]:
    """Is `file` one of `kinds` (by content) and small enough? Every violation names the field."""
    names = " hoặc ".join(", ".join(k.label for k in kinds).rsplit(", ", 1))
    if file is None:
        return None, [Violation("upload.required", f"{label}: bắt buộc chọn tệp.", field)]
    name = _original_name(file) or "tệp"
    size = file.size
    if not size:
        return None, [Violation("upload.empty", f"{label}: “{name}” là tệp rỗng.", field)]
    if size > max_bytes:
        shown = file_size(size)
        if shown == file_size(max_bytes):  # "10 MB exceeds 10 MB" would puzzle: give the bytes
            shown = f"{format_number(size)} byte"
        return None, [Violation("upload.too_large", f"{label}: “{name}” có dung lượng {shown}, vượt quá giới hạn "
                                f"{file_size(max_bytes)}.", field)]
    file.seek(0)
    kind = sniff(file.read(16), kinds)
    file.seek(0)
    if kind is None:
        return None, [Violation("upload.type", f"{label}: “{name}” không phải tệp {names} (hệ thống kiểm tra nội dung tệp, "
                                "không chỉ phần đuôi tên tệp).", field)]
    ext = os.path.splitext(name)[1].lower()
    known = {e for k in DOCUMENT_KINDS for e in k.extensions}
    if ext in known and ext not in kind.extensions:
        return None, [Violation("upload.extension", f"{label}: “{name}” có đuôi {ext} nhưng nội dung là tệp {kind.label}; "
                                "hãy kiểm tra lại tệp đã chọn.", field)]
    return kind, []


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _stored_name(kind: FileKind) -> str:
    # A random name: the original (which may name the person or the decision) stays in the database only.
    return f"{uuid.uuid4().hex}{kind.extension}"


def _site_language(label) -> str:
    """A translated label as stored in the audit log: in the site language, whoever is acting."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label())


def _is_own(by, member: Member) -> bool:
    return member.user_id is not None and member.user_id == getattr(by, "pk", None)


@audited
def add_document(*, by, member: Member, doc_type: str, title: str, file, document_number: str = "",
                 document_date: dt.date | None = None) -> MemberDocument:
    """File a document in a member's file: PDF, JPEG or PNG (by content), at most 10 MB."""
    member = Member.objects.select_related("organization").get(pk=member.pk)
    _require_member(by, member)
    title = " ".join((title or "").split())
    document_number = (document_number or "").strip()
    v: list[Violation] = []
    if doc_type not in DocumentType.values:
        v.append(Violation("document.type", f"Loại tài liệu: “{doc_type}” không có trong danh mục.", "doc_type"))
    if not title:
        v.append(Violation("document.title_required", "Tiêu đề: bắt buộc nhập.", "title"))
    v += field_violations(MemberDocument, {"title": title, "document_number": document_number}, code_prefix="document")
    if document_date is not None and document_date > today():
        v.append(Violation("document.future", "Ngày văn bản: không thể sau ngày hôm nay.", "document_date"))
    kind, file_violations = _check_upload(file, field="file", label="Tệp", kinds=DOCUMENT_KINDS, max_bytes=DOCUMENT_MAX_BYTES)
    raise_if(v + file_violations)
    document = MemberDocument(
        member=member, doc_type=doc_type, title=title, document_number=document_number, document_date=document_date,
        original_name=_original_name(file)[:255] or f"tai-lieu{kind.extension}", size=file.size, content_type=kind.content_type,
        sha256=_sha256(file), uploaded_by=_user(by), uploaded_by_label=audit.actor_label(by),
    )
    full_clean(document, exclude=["file", "uploaded_by", "member"])
    document.file.save(_stored_name(kind), file, save=False)
    document.save()
    audit.record(actor=by, action="members.document_add", obj=member,
                 data={"document": document.pk, "doc_type": doc_type, "title": title, "document_number": document_number,
                       "document_date": document_date, "size": document.size, "content_type": kind.content_type,
                       "sha256": document.sha256},
                 note=f"Thêm tài liệu “{title}” ({_site_language(document.get_doc_type_display)}, {kind.label}, "
                      f"{file_size(document.size)})")
    return document


@audited
def remove_document(*, by, document: MemberDocument, reason: str) -> MemberDocument:
    """Mark a document removed (filed by mistake, superseded…). The row and the file stay."""
    document = (MemberDocument.objects.select_for_update(of=("self",)).select_related("member__organization")
                .get(pk=document.pk))
    _require_member(by, document.member)
    reason = (reason or "").strip()
    v: list[Violation] = []
    if document.removed_at is not None:
        v.append(Violation("document.already_removed", f"Tài liệu “{document.title}” đã được gỡ bỏ "
                           f"ngày {vn_date(timezone.localdate(document.removed_at))}.", None))
    if not reason:
        v.append(Violation("document.reason_required", "Lý do gỡ bỏ: bắt buộc nhập.", "reason"))
    raise_if(v)
    document.removed_at = timezone.now()
    document.removed_by = _user(by)
    document.removed_by_label = audit.actor_label(by)
    document.removal_reason = reason
    document.save(update_fields=["removed_at", "removed_by", "removed_by_label", "removal_reason"])
    audit.record(actor=by, action="members.document_remove", obj=document.member,
                 data={"document": document.pk, "title": document.title, "reason": reason},
                 note=f"Gỡ bỏ tài liệu “{document.title}”. Lý do: {reason}")
    return document


def open_document(*, by, document: MemberDocument) -> MemberDocument:
    """Hand out a document of a member file (the caller has checked the member is visible).

    Member files are confidential: only those who may reveal the member's masked data (officers
    and inspectors of the cell, administrators, the member themself) may read them. Every
    download is audited, and so is every refusal.
    """
    member = document.member
    data = {"document": document.pk, "title": document.title}
    if not permissions.may_reveal(by, member):
        audit.record(actor=by, action="members.document_download_refused", obj=member, data=data,
                     note=f"Bị từ chối tải tài liệu “{document.title}”")
        raise PermissionDeniedInScope("Hồ sơ đảng viên là tài liệu mật: bạn không có quyền tải tài liệu này.")
    own = " (hồ sơ của chính mình)" if _is_own(by, member) else ""
    audit.record(actor=by, action="members.document_download", obj=member, data=data, note=f"Tải tài liệu “{document.title}”{own}")
    return document


@audited
def set_photo(*, by, member: Member, file, expected_version: int | None = None) -> Member:
    """Replace the 3×4 photo (JPEG or PNG, at most 2 MB). The previous file stays on disk."""
    member = _lock(member, None)
    _require_member(by, member)
    check_version(member, expected_version)
    kind, v = _check_upload(file, field="photo", label="Ảnh 3×4", kinds=PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES)
    raise_if(v)
    before = {"photo": member.photo.name or ""}
    size, digest = file.size, _sha256(file)
    member.photo.save(_stored_name(kind), file, save=False)
    member.save(update_fields=["photo"])
    audit.record(actor=by, action="members.update", obj=member, before=before, after={"photo": member.photo.name},
                 note=f"Tải lên ảnh 3×4 ({kind.label}, {file_size(size)}, SHA-256 {digest[:12]}…)"
                 + ("; ảnh cũ vẫn được lưu" if before["photo"] else ""))
    return member


def photo_kind(member: Member) -> FileKind | None:
    """The kind of the stored photo, read from the file itself."""
    if not member.photo:
        return None
    with member.photo.open("rb") as f:
        return sniff(f.read(16), PHOTO_KINDS)


@dataclass(frozen=True)
class EventEntry:
    """One event of a set-based recording: what record_event takes."""

    member: Member
    event_type: str
    effective_date: dt.date
    organization: Organization | None = None
    external_place: str = ""
    decision: Decision = Decision()


# What record_events writes to a member (one UPDATE a member), and of it what the audit entries compare: a field it does
# not write cannot change, so the entry is the one a snapshot of every audited field gives, at a fifth of the cost.
EVENT_WRITES = ["status", "organization", "is_exempted", "is_suspended", "days_outside", "first_admission_date", "recognition_date",
                "version", "updated_at"]
_EVENT_AUDITED = [f for f in Member.AUDIT_FIELDS if f in EVENT_WRITES]


@audited
def record_events(*, by, entries: list[EventEntry], check=None) -> list:
    """record_event for many events at once, set-based (the import of a history), in the order given.

    Each entry gets the checks of record_event, in the same order and with the same words, against its
    member's history as the earlier entries leave it (kept in memory: the events of the members read once);
    `check(index, member, facts)`, when given, runs first on the member as the earlier entries left it (its
    events as rules.EventFact) and may answer for the entry (anything but None: nothing recorded). Returns,
    for each entry: [] (recorded), its violations, the PermissionDeniedInScope it raises, or check's answer.
    Only when every entry is recorded or answered by `check` is anything kept, written in bulk: the events
    and one audit entry an event (the before/after snapshots of one by one), WRITE_CHUNK at a time as the
    checks go, in the order of the entries (the keys come as one by one) and undone when an entry is refused
    (memory: 46.000 events and their entries are not all held); then the members' state intervals (replaced),
    their derived fields and version (one UPDATE a member, however many events), and the statistics summary
    marked stale once."""
    day, book = today(), ParamsBook()
    members = {e.member.pk: e.member for e in entries}
    facts: dict[int, list[rules.EventFact]] = {pk: [] for pk in members}
    touched_orgs: set = set()
    pks = sorted(members)
    for start in range(0, len(pks), BULK_LOOKUP):  # the facts as values: no model instance a stored event
        for member_id, *fact in (MembershipEvent.objects.filter(member_id__in=pks[start:start + BULK_LOOKUP])
                                 .order_by("effective_date", "id")
                                 .values_list("member_id", "event_type", "effective_date", "organization_id", "pk",
                                              "external_place", "ground")):
            facts[member_id].append(rules.EventFact(*fact))
    found: list = []
    final: dict[int, list[rules.Interval]] = {}
    try:
        with transaction.atomic():  # the events written a chunk at a time as the checks go: undone when an entry is refused
            _record_checked(by, entries, check, members, facts, book, day, found, final, touched_orgs)
            if not final or any(_refusal(x) for x in found):
                raise _Refused
    except _Refused:
        return found
    changed = [members[pk] for pk in sorted(final)]
    for start in range(0, len(changed), BULK_LOOKUP):  # the cells of the intervals replaced: their figures change too
        touched_orgs |= set(MemberState.objects.filter(member_id__in=[m.pk for m in changed[start:start + BULK_LOOKUP]])
                            .order_by().values_list("organization_id", flat=True).distinct())
    bulk.delete_where(MemberState, "member", [m.pk for m in changed])  # no per-row signal: the marks are sent once below
    states = [state for m in changed for state in _state_rows(m.pk, final[m.pk])]
    bulk.insert_rows(MemberState, STATE_FIELDS, states)
    bulk.update(Member, changed, EVENT_WRITES)
    touched_orgs |= {s[STATE_FIELDS.index("organization_id")] for s in states}
    signals.register_written.send(sender=Member, organization_ids=touched_orgs - {None})
    return found


def _refusal(answer) -> bool:
    return isinstance(answer, Exception) or (isinstance(answer, list) and bool(answer))


def _record_checked(by, entries, check, members, facts, book, day, found, final, touched_orgs) -> None:
    """record_events' checks, entry by entry, and its writes of the events and their audit entries, WRITE_CHUNK
    at a time until an entry is refused."""
    user, label = _user(by), audit.actor_label(by)
    written: list[tuple[MembershipEvent, str, dict, dict, dict]] = []  # event, action, before, after, data
    places = {m.organization_id: m.organization for m in members.values() if m.organization_id is not None}
    next_id = rules.NEW_EVENT_ID // 10  # above every key in the table, below NEW_EVENT_ID: as recorded, in order
    refused = False
    for index, entry in enumerate(entries):
        if len(written) >= WRITE_CHUNK:
            if not refused:
                touched_orgs |= _write_events(by, written)
            written = []
        member, event_type, on, organization = entry.member, entry.event_type, entry.effective_date, entry.organization
        decision = entry.decision
        answer = check(index, member, facts[member.pk]) if check is not None else None
        if answer is not None:
            found.append(answer)
            refused = refused or _refusal(answer)
            continue
        try:
            if event_type not in (EventType.ADMITTED, EventType.READMITTED, EventType.TRANSFERRED_IN) or member.organization is not None:
                _require_member(by, member)
            if organization is not None and event_type != EventType.TEMPORARY_OUT:
                _require_org(by, organization)
        except PermissionDeniedInScope as exc:
            found.append(exc)
            refused = True
            continue
        v: list[Violation] = []
        if event_type not in _EVENT_TYPES:
            v.append(Violation("event.type", f"Sự kiện “{event_type}” không tồn tại.", "event_type"))
        if on > day:
            v.append(Violation("event.future", "Ngày hiệu lực: không thể sau ngày hôm nay.", "effective_date"))
        if event_type in (EventType.ADMITTED, EventType.READMITTED, EventType.TRANSFERRED_IN, EventType.TRANSFERRED_INTERNAL,
                          EventType.TEMPORARY_OUT):
            v += check_destination(organization, on)
        if event_type == EventType.TRANSFERRED_OUT and not entry.external_place.strip():
            v.append(Violation("event.external_place", "Nơi chuyển đến: bắt buộc ghi khi chuyển sinh hoạt ra ngoài hệ thống.",
                               "external_place"))
        if event_type in _EVENT_TYPES:
            v += rules.check_ground(event_type, decision.ground)
        history = facts[member.pk]
        if not v:
            fact = rules.EventFact(event_type, on, organization.pk if organization else None, rules.NEW_EVENT_ID,
                                   entry.external_place, decision.ground, decision.number, decision.body, decision.record_cleared_on)
            if event_type == EventType.RECOGNIZED and history and on < max(f.effective_date for f in history):
                ended = [f for f in history if f.effective_date >= on and f.event_type in ENDING_EVENTS]
                if ended:
                    gone = EventType(ended[0].event_type).label.lower()
                    v = [Violation("event.recognize_after_end", f"Ngày hiệu lực: đảng viên đã {gone} "
                                   f"ngày {vn_date(ended[0].effective_date)} khi còn là đảng viên dự bị; không thể công nhận chính "
                                   "thức trước ngày đó.", "effective_date", rules.SOURCE_PROBATION)]
                else:
                    v = list(rules.replay([*history, fact], book).violations)
            else:
                v = list(rules.apply(rules.replay(history, book), fact, book))
        event = None
        if not v:
            event = bulk.new(MembershipEvent, {
                "member": member, "event_type": event_type, "effective_date": on, "organization": organization,
                "from_organization_id": member.organization_id if member.status in IN_PARTY else None,
                "external_place": entry.external_place.strip(), "decision_number": decision.number,
                "decision_date": decision.date, "deciding_body": decision.body, "reason": decision.reason,
                "ground": decision.ground, "recorded_by": user, "recorded_by_label": label})
            v = integrity.violations(event)  # what create() would refuse
        if v:
            found.append(list(v))
            refused = True
            continue
        before = audit.snapshot(member, _EVENT_AUDITED)
        next_id += 1
        history.append(rules.EventFact(event_type, on, event.organization_id, next_id, event.external_place, event.ground))
        history.sort(key=lambda f: (f.effective_date, f.id))
        if event_type == EventType.RECOGNIZED and member.recognition_date is None:
            member.recognition_date = on
        result = rules.replay(history, book)
        _derive(member, result)
        if member.organization_id is not None and member.organization_id not in places:
            places[member.organization_id] = Organization.objects.get(pk=member.organization_id)
        member.organization = places.get(member.organization_id)  # as the next record_event's lock reads it
        final[member.pk] = result.intervals
        member.version += 1
        data = {"effective_date": on, "decision_number": decision.number, "decision_date": decision.date,
                "deciding_body": decision.body, "ground": decision.ground}
        if decision.record_cleared_on:
            data["record_cleared_on"] = decision.record_cleared_on
        # the entry keeps the fields the event changed, not two whole snapshots (46.000 events: ~140 MB); its diff is the same
        delta = audit.diff(before, audit.snapshot(member, _EVENT_AUDITED))
        written.append((event, f"members.{event_type}", {k: old for k, (old, _new) in delta.items()},
                        {k: new for k, (_old, new) in delta.items()}, data))
        found.append([])
    if written and not refused:
        touched_orgs |= _write_events(by, written)


def _write_events(by, written) -> set:
    """Write checked events (in the order of the entries) with their audit entries; returns the organizations they name."""
    events = [w[0] for w in written]
    bulk.insert(MembershipEvent, events)
    audit.record_many(actor=by, action=None, entries=[  # in the order of the entries, each with its own action
        audit.Entry(obj=e.member, before=b, after=a, data=d, action=action) for e, action, b, a, d in written])
    return {e.organization_id for e in events} | {e.from_organization_id for e in events}
