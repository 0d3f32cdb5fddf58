"""Account use cases that need the tree and the register (above accounts, which sits below them):
secretary accounts for every cell without one, taken from the committee data, and the link between
an account and a member's record. The single-account use cases are in accounts.administration."""

from __future__ import annotations

from dataclasses import dataclass

from dangvu.accounts import administration, permissions
from dangvu.accounts.administration import Credentials
from dangvu.accounts.models import Role, User
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today
from dangvu.core.errors import PermissionDeniedInScope, Violation, raise_if
from dangvu.core.text import fold
from dangvu.members.models import Member
from dangvu.organizations.committees import committee_on
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import CommitteePosition, Organization

CELL_KINDS = (Kind.CELL, Kind.GRASSROOTS_CELL)


@dataclass(frozen=True)
class CellPlan:
    """A cell without a secretary account, and who its secretary is in the committee data (if known)."""

    cell: Organization
    member: Member | None
    full_name: str
    username: str


def username_for(full_name: str, *, fallback: str) -> str:
    """The Vietnamese habit: given name then the initials of the family and middle names
    ("Phạm Văn Thắng" → "thangpv"), made unique; `fallback` when there is no name."""
    words = fold(full_name).lower().split()
    base = (words[-1] + "".join(w[0] for w in words[:-1])) if words else fallback
    return administration.free_username(base)


def cells_without_secretary(by, organization: Organization) -> list[CellPlan]:
    """The active cells (chi bộ trực thuộc, chi bộ cơ sở) of `organization`'s subtree that `by` may give
    accounts to and where no active account holds the cell secretary role, in tree order."""
    cells = list(Organization.objects.changeable_by(by, "accounts.manage").active()
                 .filter(path__tree_prefix=organization.path, kind__in=CELL_KINDS).order_by("path"))
    covered = administration.secretaries_by_cell([c.pk for c in cells])
    plans, taken = [], set()
    on = today()
    for cell in cells:
        if covered.get(cell.pk):
            continue
        seat = next((s for s in committee_on(cell, on) if s.position == CommitteePosition.SECRETARY), None)
        member = seat.member if seat is not None and seat.member is not None and seat.member.user_id is None else None
        full_name = member.full_name if member else (seat.full_name if seat else f"Bí thư {cell.name}")
        username = username_for(full_name if seat else "", fallback=f"bithu.{cell.code.replace('.', '')}")
        while username in taken:  # two cells of one run with the same name
            username = administration.free_username(username + "x")
        taken.add(username)
        plans.append(CellPlan(cell=cell, member=member, full_name=full_name, username=username))
    return plans


@audited
def create_secretary_accounts(*, by, organization: Organization) -> list[Credentials]:
    """One cell secretary account for every cell of `organization`'s subtree that has none (the
    secretary named in the committee data where it is known, linked to their record), each with a
    generated password to print on the credentials sheet and to change at the first login."""
    if Role.CELL_SECRETARY not in permissions.grantable_roles(by, organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền tạo tài khoản cho {organization.name}.")
    result = []
    for plan in cells_without_secretary(by, organization):
        credentials = administration.create_account(by=by, username=plan.username, full_name=plan.full_name,
                                                    organization=plan.cell, role=Role.CELL_SECRETARY)
        if plan.member is not None:
            link_member(by=by, user=credentials.user, member=plan.member)
        result.append(credentials)
    return result


@audited
def link_member(*, by, user: User, member: Member | None) -> User:
    """Link `user` to `member`'s record (the member sees "Hồ sơ của tôi"), or unlink it (None).
    The officer must manage the account and may change the record; one account per record."""
    if not administration.may_manage(by, user):
        raise PermissionDeniedInScope(f"Bạn không có quyền quản lý tài khoản “{user.username}”.")
    current = Member.objects.filter(user=user).first()
    if member is not None:
        if not Member.objects.changeable_by(by).filter(pk=member.pk).exists():
            raise PermissionDeniedInScope(f"Bạn không có quyền sửa hồ sơ của đảng viên {member.full_name}.")
        if member.user_id is not None and member.user_id != user.pk:
            raise_if([Violation("accounts.member_taken", f"Đảng viên: hồ sơ của {member.full_name} đã gắn với tài khoản khác.",
                                field="member")])
    if current is not None and (member is None or current.pk != member.pk):
        current.user = None
        current.save(update_fields=["user"])
        audit.record(actor=by, action="accounts.link_member", obj=current, object_label=current.full_name,
                     before={"user": user.username}, after={"user": None})
    if member is not None and member.user_id != user.pk:
        member.user = user
        member.save(update_fields=["user"])
        audit.record(actor=by, action="accounts.link_member", obj=member, object_label=member.full_name,
                     before={"user": None}, after={"user": user.username})
    return user
