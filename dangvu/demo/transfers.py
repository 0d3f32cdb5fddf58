"""Demo introduction letters for thị xã Sơn Hà and huyện Đông Hà (see dangvu/demo/organizations.py
and dangvu/demo/members.py): written through the services, with `by=SYSTEM` (the system), after the
organizations and members exist. Dates are relative to today, so the demo always shows:

- a letter awaiting confirmation by Chi bộ khu phố 1 (its secretary `bithu.khupho1` and
  `canbo.sonha` see it as incoming; `canbo.dongha` as outgoing);
- an overdue letter from a cell of Sơn Hà to the commune committee of xã Đông Tiến;
- a temporary transfer from Sơn Hà to a cell of xã Đông Tiến, received, ending within a month;
- an official transfer from Sơn Hà to a cell of xã Đông Hà, received (the member is there now).
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Max

from dangvu.accounts.system import SYSTEM
from dangvu.core.dates import add_months
from dangvu.demo.organizations import KHU_PHO_1_CODE

A_COMMUNES = ("38.701", "38.702", "38.703")
B_COMMUNES = ("38.704", "38.705")
# Letters of the province are issued by its Organization Commission (number "…-GGT/BTCTU", signed by a
# deputy head: "K/T TRƯỞNG BAN"); letters of a commune or grassroots committee by the committee.
COMMISSION_SIGNER = ("Lê Văn Tuấn", "Phó Trưởng Ban Tổ chức Tỉnh ủy")
SIGNERS = (COMMISSION_SIGNER, ("Nguyễn Thị Hằng", "Phó Bí thư Đảng ủy"), ("Trịnh Đình Nam", "Bí thư Đảng ủy"),
           ("Phạm Thị Lan", "Phó Bí thư Thường trực Đảng ủy"))


@dataclass
class TransfersResult:
    letters: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        if not self.letters:
            return ["Giấy giới thiệu sinh hoạt đảng mẫu: không tạo (thiếu chi bộ hoặc đảng viên phù hợp)."]
        return [f"Giấy giới thiệu sinh hoạt đảng mẫu: {len(self.letters)} ({'; '.join(self.letters)})."]


def _weekday_before(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def seed_transfers(rng: random.Random, log=None) -> TransfersResult:
    """A few letters in the demo (call inside the seed's transaction, after seed_members)."""
    from dangvu.core.dates import today
    from dangvu.members.kinds import Status
    from dangvu.members.models import Member, MemberState
    from dangvu.organizations.kinds import Kind
    from dangvu.organizations.models import Organization
    from dangvu.transfers import services
    from dangvu.transfers.kinds import Purpose, TransferKind
    from dangvu.transfers.models import TransferLetter

    on = today()
    result = TransfersResult()
    communes = {o.code: o for o in Organization.objects.filter(code__in=A_COMMUNES + B_COMMUNES, ended_on__isnull=True)}
    if len(communes) < len(A_COMMUNES + B_COMMUNES):
        return result
    used: set[int] = set()

    def cells(code: str, *, direct: bool | None = None):
        commune = communes[code]
        qs = Organization.objects.active().filter(path__tree_prefix=commune.path, kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL])
        if direct is True:
            qs = qs.filter(parent=commune)
        elif direct is False:
            qs = qs.exclude(parent=commune)
        return list(qs.order_by("code"))

    def member_in(candidates, before: dt.date):
        """A full member of one of the cells whose history ends before `before`, free of letters."""
        for cell in candidates:
            members = (Member.objects.filter(organization=cell, status=Status.FULL).exclude(pk__in=used)
                       .annotate(last=Max("events__effective_date")).filter(last__lt=before).order_by("pk"))
            members = [m for m in members if not TransferLetter.objects.filter(member=m, is_open=True).exists()
                       and not MemberState.objects.filter(member=m, valid_to__isnull=True,
                                                          temporary_organization__isnull=False).exists()]
            if members:
                chosen = rng.choice(members)
                used.add(chosen.pk)
                return chosen
        return None

    def issue(kind, member, destination, issue_date, number, **extra):
        basis_date = _weekday_before(issue_date - dt.timedelta(days=rng.randint(5, 20)))
        signer, title = rng.choice(SIGNERS)  # drawn always, so the demo's other random choices stay put
        if number.endswith("/BTCTU"):
            signer, title = COMMISSION_SIGNER
        elif (signer, title) == COMMISSION_SIGNER:
            signer, title = SIGNERS[1]
        return services.issue_letter(
            by=SYSTEM, member=member, kind=kind, number=number, issue_date=issue_date, destination=destination,
            basis=extra.pop("basis", f"Quyết định số {rng.randint(20, 480)}/QĐ-UBND về việc điều động công tác"),
            basis_date=basis_date, self_review=True, self_review_date=_weekday_before(issue_date - dt.timedelta(days=2)),
            signer_name=signer, signer_title=title, **extra)

    year = on.year
    # 1. Awaiting confirmation by Chi bộ khu phố 1.
    khu_pho_1 = Organization.objects.filter(code=KHU_PHO_1_CODE, ended_on__isnull=True).first() or cells("38.701")[0]
    issued = _weekday_before(on - dt.timedelta(days=6))
    member = member_in(cells("38.704", direct=True), issued)
    if member is not None:
        letter = issue(TransferKind.OFFICIAL, member, khu_pho_1, issued, f"{rng.randint(100, 199)}-GGT/BTCTU")
        result.letters.append(f"số {letter.number} chờ {khu_pho_1.name} tiếp nhận")
    # 2. Overdue: from a cell of a grassroots committee of phường Nam Sơn (the cement company's; phường Sơn Hà's
    # committees moved to the province's in the reform) to the commune committee of xã Đông Tiến.
    issued = _weekday_before(on - dt.timedelta(days=85))
    member = member_in(cells("38.703", direct=False), issued)
    if member is not None:
        letter = issue(TransferKind.OFFICIAL, member, communes["38.705"], issued, f"{rng.randint(10, 99)}-GGT/ĐU")
        result.letters.append(f"số {letter.number} quá hạn xuất trình")
    # 3. Temporary (work), received, ending within a month.
    start = _weekday_before(on - dt.timedelta(days=100))
    issued = _weekday_before(start - dt.timedelta(days=3))
    member = member_in(cells("38.702"), issued)
    host = cells("38.705", direct=True)
    if member is not None and host:
        letter = issue(TransferKind.TEMPORARY, member, host[0], issued, f"{rng.randint(10, 99)}-GGT/ĐU",
                       purpose=Purpose.WORK, period_start=start, period_end=add_months(start, 4),
                       basis="Quyết định cử đi công tác có thời hạn tại xã Đông Tiến")
        services.receive_letter(by=SYSTEM, letter=letter, receiving_cell=host[0], received_on=start)
        result.letters.append(f"số {letter.number} sinh hoạt tạm thời đến {vn(add_months(start, 4))}")
    # 4. Official, received in a cell of xã Đông Hà.
    issued = _weekday_before(on - dt.timedelta(days=45))
    member = member_in(cells("38.703", direct=True), issued)
    dest = cells("38.704", direct=True)
    if member is not None and dest:
        target = dest[-1]
        letter = issue(TransferKind.OFFICIAL, member, target, issued, f"{rng.randint(200, 299)}-GGT/BTCTU")
        services.receive_letter(by=SYSTEM, letter=letter, receiving_cell=target,
                                received_on=_weekday_before(issued + dt.timedelta(days=9)))
        result.letters.append(f"số {letter.number} đã tiếp nhận")
    if log is not None:
        log(f"  … {len(result.letters)} giấy giới thiệu sinh hoạt đảng ({year})")
    return result


def vn(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")
