"""One document convention: who issues a party document, how it is headed, numbered, dated,
addressed, signed and what it cites, decided from the issuing organization's kind, level and the
document's date (Hướng dẫn 36-HD/VPTW, 3/4/2018, "thể thức và kỹ thuật trình bày văn bản của
Đảng"). Every DOCX the app produces (admissions, transfers, badges, residence) goes through here;
`dangvu.documents.docx` only lays the result out.

What the module decides, with what HD 36 says as far as we know it:

- **Header** (ô "tên cơ quan ban hành"): the direct superior's party organization (upper case,
  regular) and the issuing body (upper case, bold). A committee's documents are headed with the
  committee, not the organization: "ĐẢNG BỘ TỈNH THANH HÓA" / "ĐẢNG ỦY PHƯỜNG SƠN HÀ";
  "ĐẢNG BỘ HUYỆN AN LẠC" / "ĐẢNG ỦY XÃ AN LẠC" (a commune before 1/7/2025); a cell under its
  party organization: "ĐẢNG BỘ XÃ AN LẠC" / "CHI BỘ THÔN ĐÔNG". Acts of the standing committee are
  headed with the committee too ("văn bản của cấp ủy, ban thường vụ … ghi chung là cấp ủy"). An
  advisory body of a committee (its Organization Commission) is headed with the committee and
  itself: "TỈNH ỦY THANH HÓA" / "BAN TỔ CHỨC".
  Unsure: a province committee is printed on one line, "TỈNH ỦY THANH HÓA", with no superior line
  (the Central Committee is not written above it); this is the practice of the province
  committees' published documents as we remember them, not checked against HD 36's annex.
- **Star** "*" under the issuer (the docx layout prints it).
- **Number and symbol** "Số 12-QĐ/ĐU": serial, kind of document (QĐ, DS, GGT …) and the issuer's
  abbreviation: TU (tỉnh ủy, thành ủy), HU (huyện ủy), QU (quận ủy), ĐU (đảng ủy, including the
  commune committees and the partial committees), CB (chi bộ), BTCTU / BTCHU (the Organization
  Commission of a province / district committee), TW (the Central Committee).
  Unsure: the abbreviation of a thị ủy (we print "TU"; some committees write "TXU").
- **Place and date**: the place is the territorial unit (province, district, commune, ward) where
  the issuing body sits, taken from the nearest committee in the chain whose name is that of a
  territorial unit ("Đảng bộ phường Sơn Hà" → "Sơn Hà"); a workplace committee or a cell takes
  the place of the territorial committee above it. One rule, used by every document.
- **Addressee** "Kính gửi: Đảng ủy xã An Lạc": letters go to the committee, not to the
  organization ("Đảng bộ xã An Lạc" → "Đảng ủy xã An Lạc"); a cell keeps its name.
- **Signing** (thể thức đề ký): on behalf of a collective "T/M": the standing committee of a
  committee above the grassroots ("T/M BAN THƯỜNG VỤ"), a grassroots or partial committee
  ("T/M ĐẢNG ỦY"), a cell with a chi ủy ("T/M CHI ỦY"), a cell without one ("T/M CHI BỘ"); the
  secretary signs "BÍ THƯ", a deputy "PHÓ BÍ THƯ". The head of a commission signs the
  commission's documents with no formula ("TRƯỞNG BAN"), a deputy head "K/T TRƯỞNG BAN" /
  "PHÓ TRƯỞNG BAN"; the head of a commission or of the office signing by order of the standing
  committee writes "T/L BAN THƯỜNG VỤ" and the function.
  Unsure: a standing committee member other than the secretary and deputies signing for the
  standing committee is printed "T/M BAN THƯỜNG VỤ" / "ỦY VIÊN BAN THƯỜNG VỤ".
  The inspection commission (ủy ban kiểm tra) of a committee is an issuer of its own, like the
  Organization Commission: headed with the committee and itself ("HUYỆN ỦY AN LẠC" / "ỦY BAN KIỂM
  TRA"), numbered in its own series "12-QĐ/UBKTHU" (UBKT + the committee's abbreviation:
  UBKTTU, UBKTHU, UBKTĐU), and signed on behalf of the commission by its chair or a deputy chair
  ("T/M ỦY BAN KIỂM TRA" / "CHỦ NHIỆM" or "PHÓ CHỦ NHIỆM"; Điều lệ Điều 32: every committee from
  the grassroots up elects one; a cell has none). Unsure: the deputy chair signs "T/M" as the chair
  does (the practice of the commissions' published decisions as we remember it, not HD 36's annex).
  Unsure: after 1/7/2025 the commune committees have no Organization Commission (their
  "Ban Xây dựng Đảng" does that work); their documents are signed by the committee here.
- **"Căn cứ" citations** by the event's date, written formally ("Căn cứ Quy định số 294-QĐ/TW,
  ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"). All go through
  `in_force(chain, on)`, the one place that reads the dated regime tables (now
  `dangvu.rules.regimes` and the small tables below; the lead may rewire it to the rules engine's
  table). Guidance marked REP-2026 in shared/domain-rules.md (HD 01-HD/TW of 2026) is not cited
  in a document until it is checked: HD 06-HD/TW (2025) stays cited.

The tree is read through organizations.tree (chain_on, committee_name): one answer for every app.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from dangvu.documents.docx import OfficialDocument
from dangvu.organizations import tree
from dangvu.organizations.kinds import Kind

# ---------------------------------------------------------------- roles and acting bodies


class Acting:
    """Which body a document is issued in the name of."""

    STANDING = "standing"  # Ban Thường vụ of a committee
    COMMITTEE = "committee"  # the executive committee (Tỉnh ủy, Đảng ủy …)
    CELL_COMMITTEE = "cell_committee"  # chi ủy
    CELL = "cell"  # chi bộ (no chi ủy)
    COMMISSION = "commission"  # an advisory commission of a committee (Ban Tổ chức)
    INSPECTION = "inspection"  # the committee's inspection commission (Ủy ban Kiểm tra)


class Role:
    """Who signs."""

    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    STANDING_MEMBER = "standing_member"
    COMMISSION_HEAD = "commission_head"
    COMMISSION_DEPUTY = "commission_deputy"
    OFFICE_CHIEF = "office_chief"  # Chánh Văn phòng, by order (T/L) of the standing committee
    INSPECTION_CHAIR = "inspection_chair"  # Chủ nhiệm Ủy ban Kiểm tra
    INSPECTION_DEPUTY = "inspection_deputy"  # Phó Chủ nhiệm Ủy ban Kiểm tra


ORGANIZATION_COMMISSION = "organization"  # Ban Tổ chức
INSPECTION_COMMISSION = "inspection"  # Ủy ban Kiểm tra

DOC_TYPES = {
    "QĐ": "Quyết định", "DS": "Danh sách", "GGT": "Giấy giới thiệu", "NQ": "Nghị quyết", "TTr": "Tờ trình",
    "BC": "Báo cáo", "CV": "Công văn", "TB": "Thông báo", "KH": "Kế hoạch", "PNX": "Phiếu nhận xét",
}

CELL_KINDS = frozenset({Kind.CELL, Kind.GRASSROOTS_CELL, Kind.PARTY_GROUP})
# Committees with a standing committee that acts for them between meetings (above the grassroots).
STANDING_KINDS = frozenset({Kind.PROVINCIAL_COMMITTEE, Kind.DISTRICT_COMMITTEE, Kind.BLOC_COMMITTEE,
                            Kind.COMMUNE_COMMITTEE})
# Committees that have an Organization Commission (Ban Tổ chức).
COMMISSION_KINDS = frozenset({Kind.PROVINCIAL_COMMITTEE, Kind.DISTRICT_COMMITTEE})


@dataclasses.dataclass(frozen=True)
class Body:
    """An organization as it was named on the document's date."""

    name: str
    kind: str
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class Issuer:
    """The body that issues a document, on its date."""

    organization: Body  # the organization whose committee (or cell, or commission) issues
    superior: Body | None  # its direct superior on the date
    chain: tuple[Body, ...]  # organization first, then its ancestors, nearest first
    on: dt.date
    acting: str
    commission: str = ""

    @property
    def committee(self) -> str:
        """"Đảng ủy xã An Lạc", "Tỉnh ủy Thanh Hóa", "Chi bộ thôn Đông"."""
        return committee_name(self.organization.name)

    @property
    def name(self) -> str:
        """The issuing body in words, for the body of a text: "Ban Tổ chức Tỉnh ủy Thanh Hóa",
        "Ban Thường vụ Huyện ủy An Lạc", "Đảng ủy xã An Lạc", "Chi bộ thôn Đông"."""
        if self.acting == Acting.COMMISSION:
            return f"Ban Tổ chức {self.committee}"
        if self.acting == Acting.INSPECTION:
            return f"Ủy ban Kiểm tra {self.committee}"
        if self.acting == Acting.STANDING:
            return f"Ban Thường vụ {self.committee}"
        if self.acting == Acting.CELL_COMMITTEE:
            return f"Chi ủy {self.organization.name}"
        return self.committee


# ---------------------------------------------------------------- names

_SYMBOLS = (("tỉnh ủy", "TU"), ("thành ủy", "TU"), ("huyện ủy", "HU"), ("quận ủy", "QU"), ("thị ủy", "TU"),
            ("đảng ủy", "ĐU"), ("chi bộ", "CB"), ("ban chấp hành trung ương", "TW"))
_TERRITORIAL = re.compile(r"^(?:Đảng bộ|Đảng ủy|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy)\s+"
                          r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(.+)$", re.I)
_COMMITTEE_PREFIX = re.compile(r"^(Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)\s+(tỉnh|thành phố|huyện|quận|thị xã)\s+",
                               re.I)


def committee_name(organization_name: str) -> str:
    """"Đảng bộ huyện An Lạc" → "Huyện ủy An Lạc", "Đảng bộ xã An Lạc" → "Đảng ủy xã An Lạc",
    "Đảng bộ Công ty X" → "Đảng ủy Công ty X"; a cell, or a name that already names a committee,
    is kept. The one rule is organizations.tree.committee_name."""
    return tree.committee_name(organization_name or "")


def addressee(name: str) -> str:
    """"Kính gửi: Đảng ủy xã An Lạc" for a letter to the organization named ``name``."""
    return f"Kính gửi: {committee_name(name)}"


def _symbol_of(committee: str) -> str:
    lowered = committee.lower()
    for start, symbol in _SYMBOLS:
        if lowered.startswith(start):
            return symbol
    return "ĐU"


# ---------------------------------------------------------------- the issuer


def issuer_from_chain(chain, on: dt.date, *, acting: str | None = None, commission: str = "",
                      has_cell_committee: bool = False) -> Issuer:
    """The issuer from the chain of ``Body`` (the issuing organization first, then its ancestors,
    nearest first). Pure: the table test drives it.

    ``acting`` defaults by kind: the standing committee above the grassroots, the committee of a
    grassroots or partial committee, the chi ủy of a cell that has one, else the cell.
    ``commission="organization"`` makes the Organization Commission of the committee the issuer
    (only for committees that have one); ``commission="inspection"`` its inspection commission
    (every committee from the grassroots up; not a cell).
    """
    chain = tuple(chain)
    if not chain:
        raise ValueError("an issuer needs an organization")
    org = chain[0]
    if commission == INSPECTION_COMMISSION:
        if org.kind in CELL_KINDS or org.kind == Kind.CENTRAL:
            raise ValueError(f"{org.name} không có Ủy ban Kiểm tra")
        acting = Acting.INSPECTION
    elif commission:
        if org.kind not in COMMISSION_KINDS:
            raise ValueError(f"{org.name} không có Ban Tổ chức")
        acting = Acting.COMMISSION
    if acting is None:
        if org.kind in CELL_KINDS:
            acting = Acting.CELL_COMMITTEE if has_cell_committee else Acting.CELL
        elif org.kind in STANDING_KINDS:
            acting = Acting.STANDING
        else:
            acting = Acting.COMMITTEE
    return Issuer(org, chain[1] if len(chain) > 1 else None, chain, on, acting, commission)


def issuer(org, on: dt.date, *, acting: str | None = None, commission: str = "") -> Issuer:
    """The issuer of a document of ``org`` (an Organization) dated ``on``, named as on that date."""
    chain = _chain_on(org, on)
    has = chain[0].kind in CELL_KINDS and _has_cell_committee(org, on)
    return issuer_from_chain(chain, on, acting=acting, commission=commission, has_cell_committee=has)


def _chain_on(org, on: dt.date) -> list[Body]:
    """``org`` and its ancestors as named on ``on``, nearest first (organizations.tree.chain_on). An
    organization that did not exist on ``on`` (a document dated after it ended) is named as it last
    stood (tree.chain_today keeps an ended organization's last state)."""
    facts = tree.chain_on(org, on)
    if facts:
        return [Body(f.name, f.kind, f.id) for f in reversed(facts)]
    return [Body(o.name, o.kind, o.pk) for o in reversed(tree.chain_today(org))]


def _has_cell_committee(org, on: dt.date) -> bool:
    """Whether a cell had a chi ủy on ``on``: its recorded committee has more seats than a
    secretary and a deputy (a cell under 9 members elects only those, Điều lệ Điều 24)."""
    from dangvu.organizations.committees import committee_on
    from dangvu.organizations.models import CommitteePosition

    seats = committee_on(org, on)
    return len(seats) >= 3 or any(s.position == CommitteePosition.MEMBER for s in seats)


# ---------------------------------------------------------------- header, number, place


def header_lines(issuer: Issuer) -> tuple[str, str]:
    """(superior line, issuing body line), upper case, as printed in the header's left column."""
    org = issuer.organization
    if issuer.acting == Acting.COMMISSION:
        return issuer.committee.upper(), "BAN TỔ CHỨC"
    if issuer.acting == Acting.INSPECTION:
        return issuer.committee.upper(), "ỦY BAN KIỂM TRA"
    if org.kind == Kind.CENTRAL:
        return "", "BAN CHẤP HÀNH TRUNG ƯƠNG"
    superior = issuer.superior
    if superior is None or superior.kind == Kind.CENTRAL or org.kind == Kind.PROVINCIAL_COMMITTEE:
        return "", issuer.committee.upper()
    return superior.name.upper(), issuer.committee.upper()


def symbol(issuer: Issuer) -> str:
    """The issuer's abbreviation after the slash: "TU", "HU", "ĐU", "CB", "BTCTU", "UBKTHU"."""
    if issuer.organization.kind == Kind.CENTRAL:
        return "TW"
    own = _symbol_of(issuer.committee)
    if issuer.acting == Acting.INSPECTION:
        return f"UBKT{own}"
    return f"BTC{own}" if issuer.acting == Acting.COMMISSION else own


def number(issuer: Issuer, doc_type: str, recorded: str = "") -> str:
    """The number printed after "Số": a recorded full number ("12-QĐ/ĐU") is kept as recorded; a
    serial alone gets the symbol ("12" → "12-QĐ/ĐU"); no number leaves room for it
    ("      -DS/ĐU")."""
    text = " ".join((recorded or "").split()).removeprefix("Số ").strip()
    if "/" in text:
        return text
    serial = text.rstrip("-") if text else "     "
    return f"{serial}-{doc_type}/{symbol(issuer)}"


def place(issuer: Issuer) -> str:
    """The place before the date: the territorial unit of the nearest committee in the chain
    ("Đảng bộ phường Sơn Hà" → "Sơn Hà", "Đảng bộ tỉnh Thanh Hóa" → "Thanh Hóa")."""
    return place_of_chain(issuer.chain)


def place_of_chain(chain) -> str:
    for body in chain:
        if body.kind in CELL_KINDS:
            continue
        match = _TERRITORIAL.match(" ".join(body.name.split()))
        if match:
            return match.group(1)
    return ""


def place_date(issuer: Issuer, date: dt.date | None = None) -> str:
    """"Sơn Hà, ngày 05 tháng 3 năm 2026"."""
    from dangvu.documents.docx import place_date_line

    return place_date_line(place(issuer), date or issuer.on)


# ---------------------------------------------------------------- signing

_ROLE_TITLES = {Role.SECRETARY: "BÍ THƯ", Role.DEPUTY_SECRETARY: "PHÓ BÍ THƯ",
                Role.STANDING_MEMBER: "ỦY VIÊN BAN THƯỜNG VỤ"}


def signing(issuer: Issuer, role: str) -> tuple[str, str]:
    """(formula line, title line) of the signature block, upper case: ("T/M BAN THƯỜNG VỤ",
    "BÍ THƯ"), ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), ("", "TRƯỞNG BAN") …

    Raises ValueError for a signer who cannot sign for this issuer (a deputy head of a commission
    for a cell …)."""
    acting = issuer.acting
    if acting == Acting.INSPECTION:
        if role == Role.INSPECTION_CHAIR:
            return "T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"
        if role == Role.INSPECTION_DEPUTY:
            return "T/M ỦY BAN KIỂM TRA", "PHÓ CHỦ NHIỆM"
        raise ValueError("Văn bản của Ủy ban Kiểm tra do Chủ nhiệm hoặc Phó Chủ nhiệm ký.")
    if role in (Role.INSPECTION_CHAIR, Role.INSPECTION_DEPUTY):
        raise ValueError("Chủ nhiệm, Phó Chủ nhiệm Ủy ban Kiểm tra ký văn bản của Ủy ban Kiểm tra.")
    if acting == Acting.COMMISSION:
        if role == Role.COMMISSION_HEAD:
            return "", "TRƯỞNG BAN"
        if role == Role.COMMISSION_DEPUTY:
            return "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"
        raise ValueError("Văn bản của Ban Tổ chức do Trưởng ban hoặc Phó Trưởng ban ký.")
    if role in (Role.COMMISSION_HEAD, Role.OFFICE_CHIEF):
        if acting != Acting.STANDING:
            raise ValueError("Ký thừa lệnh (T/L) chỉ thay Ban Thường vụ.")
        return "T/L BAN THƯỜNG VỤ", "TRƯỞNG BAN TỔ CHỨC" if role == Role.COMMISSION_HEAD else "CHÁNH VĂN PHÒNG"
    if role == Role.COMMISSION_DEPUTY:
        raise ValueError("Phó Trưởng Ban Tổ chức ký văn bản của Ban Tổ chức (K/T TRƯỞNG BAN).")
    if role == Role.STANDING_MEMBER:
        if acting not in (Acting.STANDING, Acting.COMMITTEE) or issuer.organization.kind in CELL_KINDS:
            raise ValueError("Chi bộ không có Ban Thường vụ.")
        return "T/M BAN THƯỜNG VỤ", _ROLE_TITLES[role]
    if role not in _ROLE_TITLES:
        raise ValueError(f"unknown signer role {role!r}")
    formula = {Acting.STANDING: "T/M BAN THƯỜNG VỤ", Acting.CELL_COMMITTEE: "T/M CHI ỦY",
               Acting.CELL: "T/M CHI BỘ"}.get(acting)
    if formula is None:  # the committee itself: T/M TỈNH ỦY, T/M HUYỆN ỦY, T/M ĐẢNG ỦY
        words = issuer.committee.split()
        formula = "T/M " + " ".join(words[:2]).upper() if len(words) >= 2 else "T/M ĐẢNG ỦY"
    return formula, _ROLE_TITLES[role]


def role_from_title(title: str, default: str = Role.SECRETARY) -> str:
    """The signer's role from a title typed by an officer ("Phó Trưởng Ban Tổ chức Tỉnh ủy",
    "Phó Bí thư Đảng ủy", "Bí thư")."""
    text = " ".join((title or "").lower().split())
    if "phó chủ nhiệm" in text:
        return Role.INSPECTION_DEPUTY
    if "chủ nhiệm" in text:
        return Role.INSPECTION_CHAIR
    if "phó trưởng ban" in text:
        return Role.COMMISSION_DEPUTY
    if "trưởng ban" in text:
        return Role.COMMISSION_HEAD
    if "chánh văn phòng" in text:
        return Role.OFFICE_CHIEF
    if "phó bí thư" in text:
        return Role.DEPUTY_SECRETARY
    if "bí thư" in text:
        return Role.SECRETARY
    if "thường vụ" in text:
        return Role.STANDING_MEMBER
    return default


def signer_from_committee(org, on: dt.date) -> tuple[str, str]:
    """(role, name) of who signs for ``org``'s committee on ``on``: its secretary, else a deputy;
    (secretary, "") when no seat is recorded (the name is left for the signer to write)."""
    from dangvu.organizations.committees import committee_on
    from dangvu.organizations.models import CommitteePosition

    seats = committee_on(org, on) if org is not None else []
    for position, role in ((CommitteePosition.SECRETARY, Role.SECRETARY),
                           (CommitteePosition.DEPUTY_SECRETARY, Role.DEPUTY_SECRETARY)):
        seat = next((s for s in seats if s.position == position), None)
        if seat is not None:
            return role, seat.full_name
    return Role.SECRETARY, ""


# ---------------------------------------------------------------- citations


# The chains the documents cite, by the names used here → the rules engine's one table of dated
# regulations (dangvu/rules/regimes.py), which also withholds documents not yet confirmed.
_CHAINS = {"regulation": "implementing", "guidance": "guidance", "residence": "residence",
           "residence_guidance": "residence_guidance"}


def in_force(chain: str, on: dt.date) -> str:
    """The formal title of the document of ``chain`` in force on ``on`` ("" when none was yet), from
    the rules engine's table (dangvu.rules.regimes.citation)."""
    from dangvu.rules import regimes

    return regimes.citation(_CHAINS.get(chain, chain), on)


CHARTER = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"


def cite(chain: str, on: dt.date, about: str = "") -> str:
    """One "Căn cứ …;" line ("" when nothing of the chain was in force)."""
    text = in_force(chain, on)
    if not text:
        return ""
    return f"Căn cứ {text}" + (f" ({about})" if about else "") + ";"


def charter_citations(on: dt.date, *, guidance_about: str = "", guidance: bool = False) -> list[str]:
    """The usual preamble of a decision under the Charter: the Charter, the implementing regulation
    in force, and (``guidance=True``) the guidance in force."""
    lines = [CHARTER, cite("regulation", on)]
    if guidance:
        lines.append(cite("guidance", on, guidance_about))
    return [line for line in lines if line]


# ---------------------------------------------------------------- the document


def document(issuer: Issuer, *, role: str, signer_name: str, doc_type: str, number_recorded: str = "",
             date: dt.date | None = None, kind_title: str, subject: str, preamble: list[str], body: list[str],
             recipients: list[str], table: list[list[str]] | None = None) -> OfficialDocument:
    """An OfficialDocument whose header, number, place, signing are those of the convention."""
    superior_line, issuer_line = header_lines(issuer)
    formula, title = signing(issuer, role)
    return OfficialDocument(
        issuer_superior=superior_line, issuer=issuer_line, number=number(issuer, doc_type, number_recorded),
        place=place(issuer), date=date or issuer.on, kind_title=kind_title, subject=subject, preamble=preamble,
        body=body, recipients=recipients, signer_for=formula, signer_title=title, signer_name=signer_name, table=table)


def signing_for_title(issuer: Issuer, typed_title: str, default: str = Role.SECRETARY) -> tuple[str, str]:
    """The signature block for a title typed by an officer: the convention's when the title names a
    role that may sign for ``issuer``; otherwise the issuer's own formula with the typed title."""
    role = role_from_title(typed_title, default)
    try:
        return signing(issuer, role)
    except ValueError:
        formula, _title = signing(issuer, default)
        return formula, " ".join(typed_title.split()).upper()
