"""One table of dated regimes: for each chain of Party regulations (shared/domain-rules.md §0) the
documents that replaced one another, each with its number in official form, its date, the date it
took effect and the status of what we know of it.

- `in_force(chain, on)`: the document of a chain in force on a date (None before the first one).
- `citation(chain, on)`: its citation in official form, "Quy định số 294-QĐ/TW, ngày 26/5/2025 của
  Ban Chấp hành Trung ương về thi hành Điều lệ Đảng", for "Căn cứ" lines and messages; `short(chain,
  on)`: "QĐ 294-QĐ/TW".
- `regime_on(date)`: the implementing regulation of the Charter in force, with the attributes that
  differ between its versions (who decides admissions, how the transfer letter deadline counts).

A document whose official text was not checked (REP-2026, UNCONFIRMED) names a parameter
(`confirm_key`, 0 by default): until an administrator sets it to 1 on /quy-tac/ (audited, from a
date), the chain stays on the document before it, and nothing cites the unconfirmed one.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

D = dt.date


def _dmy(d: dt.date) -> str:
    """"26/5/2025", as Party documents write the date of a document they cite."""
    return f"{d.day}/{d.month}/{d.year}"


class Chain:
    IMPLEMENTING = "implementing"  # Quy định thi hành Điều lệ Đảng
    GUIDANCE = "guidance"  # Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng
    RESIDENCE = "residence"  # đảng viên đang công tác giữ mối liên hệ với nơi cư trú
    RESIDENCE_GUIDANCE = "residence_guidance"
    CARDS = "cards"  # thẻ đảng viên
    REVIEW = "review"  # kiểm điểm, đánh giá, xếp loại chất lượng
    REVIEW_GUIDANCE = "review_guidance"  # hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng
    DUES = "dues"  # chế độ đảng phí
    INSPECTION = "inspection"  # kiểm tra, giám sát, kỷ luật (Chương VII, VIII Điều lệ)
    DISCIPLINE = "discipline"  # xử lý kỷ luật đảng viên vi phạm
    MEETINGS = "meetings"  # sinh hoạt chi bộ
    MEMBER_WORK = "member_work"  # nghiệp vụ công tác đảng viên
    STATISTICS = "statistics"  # biểu mẫu thống kê cơ bản
    PROHIBITIONS = "prohibitions"  # những điều đảng viên không được làm


@dataclass(frozen=True)
class Document:
    chain: str
    code: str  # stable id, e.g. "qd294"
    kind: str  # "Quy định", "Hướng dẫn", "Chỉ thị"
    number: str  # "294-QĐ/TW"
    issued: dt.date
    effective: dt.date
    issuer: str  # "Ban Chấp hành Trung ương"
    subject: str  # "về thi hành Điều lệ Đảng"
    status: str  # CONF, SEC, REP-2026, UNCONFIRMED (shared/domain-rules.md)
    note: str = ""
    confirm_key: str = ""  # parameter an administrator sets to 1 once the official text is checked

    @property
    def abbreviation(self) -> str:
        return {"Quy định": "QĐ", "Hướng dẫn": "HD", "Chỉ thị": "CT", "Kết luận": "KL"}[self.kind]

    @property
    def short(self) -> str:
        """"QĐ 294-QĐ/TW"."""
        return f"{self.abbreviation} {self.number}"

    @property
    def short_dated(self) -> str:
        """"HD 12-HD/BTCTW (18/1/2022)": two documents share a number, so the date goes with it."""
        return f"{self.short} ({_dmy(self.issued)})"

    @property
    def citation(self) -> str:
        """Official form: "Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về …"."""
        text = f"{self.kind} số {self.number}, ngày {_dmy(self.issued)} của {self.issuer}"
        return f"{text} {self.subject}" if self.subject else text

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.confirm_key)


_BCH = "Ban Chấp hành Trung ương"
_BCT = "Bộ Chính trị"
_BBT = "Ban Bí thư"
_BTC = "Ban Tổ chức Trung ương"
C = Chain

CHAINS: dict[str, tuple[str, tuple[Document, ...]]] = {
    C.IMPLEMENTING: ("Quy định thi hành Điều lệ Đảng", (
        Document(C.IMPLEMENTING, "qd29", "Quy định", "29-QĐ/TW", D(2016, 7, 25), D(2016, 7, 25), _BCH,
                 "về thi hành Điều lệ Đảng", "CONF"),
        Document(C.IMPLEMENTING, "qd24", "Quy định", "24-QĐ/TW", D(2021, 7, 30), D(2021, 7, 30), _BCH,
                 "về thi hành Điều lệ Đảng", "CONF"),
        Document(C.IMPLEMENTING, "qd232", "Quy định", "232-QĐ/TW", D(2025, 1, 20), D(2025, 1, 20), _BCH,
                 "sửa đổi, bổ sung một số điều của Quy định số 24-QĐ/TW về thi hành Điều lệ Đảng", "CONF"),
        Document(C.IMPLEMENTING, "qd294", "Quy định", "294-QĐ/TW", D(2025, 5, 26), D(2025, 7, 1), _BCH,
                 "về thi hành Điều lệ Đảng", "CONF"),
        Document(C.IMPLEMENTING, "qd208", "Quy định", "208-QĐ/TW", D(2026, 7, 26), D(2026, 7, 26), _BCH,
                 "về thi hành Điều lệ Đảng", "REP-2026", "Chỉ thấy qua bộ câu hỏi năm 2026; chưa đối chiếu bản chính thức.",
                 "regimes.qd208_confirmed"),
    )),
    C.GUIDANCE: ("Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng", (
        Document(C.GUIDANCE, "hd01_2016", "Hướng dẫn", "01-HD/TW", D(2016, 9, 20), D(2016, 9, 20), _BBT,
                 "về một số vấn đề cụ thể thi hành Điều lệ Đảng", "UNCONFIRMED",
                 "Ngày ban hành theo trí nhớ, chưa đối chiếu; văn bản không bị chặn vì đã hết hiệu lực."),
        Document(C.GUIDANCE, "hd01_2021", "Hướng dẫn", "01-HD/TW", D(2021, 9, 28), D(2021, 9, 28), _BBT,
                 "về một số vấn đề cụ thể thi hành Điều lệ Đảng", "CONF"),
        Document(C.GUIDANCE, "hd06_2025", "Hướng dẫn", "06-HD/TW", D(2025, 6, 9), D(2025, 6, 9), _BBT,
                 "về một số vấn đề cụ thể thi hành Điều lệ Đảng", "CONF"),
        Document(C.GUIDANCE, "hd01_2026", "Hướng dẫn", "01-HD/TW", D(2026, 5, 19), D(2026, 5, 19), _BBT,
                 "về một số vấn đề cụ thể thi hành Điều lệ Đảng", "REP-2026",
                 "Một kho mã năm 2026 ghi ngày 19/5/2026 (trước QĐ 208): ngày đáng ngờ.", "regimes.hd01_2026_confirmed"),
    )),
    C.RESIDENCE: ("Đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú", (
        Document(C.RESIDENCE, "qd76", "Quy định", "76-QĐ/TW", D(2000, 6, 15), D(2000, 6, 15), _BCT,
                 "về việc đảng viên đang công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp thường xuyên giữ mối liên hệ "
                 "với chi ủy, đảng bộ cơ sở và gương mẫu thực hiện nghĩa vụ công dân nơi cư trú", "CONF"),
        Document(C.RESIDENCE, "qd213", "Quy định", "213-QĐ/TW", D(2020, 1, 2), D(2020, 1, 2), _BCT,
                 "về trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân "
                 "nơi cư trú", "CONF"),
    )),
    C.RESIDENCE_GUIDANCE: ("Hướng dẫn thực hiện quy định về nơi cư trú", (
        Document(C.RESIDENCE_GUIDANCE, "hd33_2020", "Hướng dẫn", "33-HD/BTCTW", D(2020, 10, 30), D(2020, 10, 30), _BTC,
                 "thực hiện Quy định số 213-QĐ/TW", "CONF"),
    )),
    C.CARDS: ("Thẻ đảng viên", (
        Document(C.CARDS, "ct29", "Chỉ thị", "29-CT/TW", D(2003, 10, 17), D(2003, 10, 17), _BBT,
                 "về việc phát và quản lý thẻ đảng viên", "CONF"),
        Document(C.CARDS, "ct51", "Chỉ thị", "51-CT/TW", D(2025, 8, 8), D(2025, 8, 8), _BBT,
                 "về việc đổi thẻ đảng viên", "CONF"),
    )),
    C.REVIEW: ("Kiểm điểm, đánh giá, xếp loại chất lượng", (
        Document(C.REVIEW, "qd132", "Quy định", "132-QĐ/TW", D(2018, 3, 8), D(2018, 3, 8), _BCT,
                 "về việc kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống "
                 "chính trị", "CONF"),
        Document(C.REVIEW, "qd124", "Quy định", "124-QĐ/TW", D(2023, 10, 4), D(2023, 10, 4), _BCT,
                 "về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị",
                 "CONF"),
        Document(C.REVIEW, "qd366", "Quy định", "366-QĐ/TW", D(2025, 8, 30), D(2025, 8, 30), _BCT,
                 "về kiểm điểm, đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị", "CONF"),
    )),
    C.REVIEW_GUIDANCE: ("Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên", (
        Document(C.REVIEW_GUIDANCE, "hd21_2019", "Hướng dẫn", "21-HD/BTCTW", D(2019, 10, 18), D(2019, 10, 18), _BTC,
                 "về kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên và tập thể, cá nhân cán bộ lãnh "
                 "đạo, quản lý các cấp", "CONF"),
        Document(C.REVIEW_GUIDANCE, "hd25_2023", "Hướng dẫn", "25-HD/BTCTW", D(2023, 11, 1), D(2023, 11, 1), _BTC,
                 "về kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên và tập thể, cá nhân cán bộ lãnh "
                 "đạo, quản lý các cấp", "CONF", "Năm 2023 đã xác nhận; ngày ban hành theo trí nhớ (chưa đối chiếu)."),
        Document(C.REVIEW_GUIDANCE, "hd43_2025", "Hướng dẫn", "43-HD/BTCTW", D(2025, 10, 31), D(2025, 10, 31), _BTC,
                 "về kiểm điểm, đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị", "CONF"),
    )),
    C.DUES: ("Chế độ đảng phí", (
        Document(C.DUES, "qd342", "Quy định", "342-QĐ/TW", D(2010, 12, 28), D(2011, 1, 1), _BCT, "về chế độ đảng phí",
                 "CONF", "Ngày hiệu lực 1/1/2011 theo trí nhớ (chưa đối chiếu)."),
        Document(C.DUES, "qd01_2026", "Quy định", "01-QĐ/TW", D(2026, 2, 3), D(2026, 2, 1), _BCT, "về chế độ đảng phí",
                 "CONF"),
    )),
    C.INSPECTION: ("Kiểm tra, giám sát, kỷ luật của Đảng", (
        Document(C.INSPECTION, "qd30", "Quy định", "30-QĐ/TW", D(2016, 7, 26), D(2016, 7, 26), _BCH,
                 "thi hành Chương VII, Chương VIII Điều lệ Đảng về công tác kiểm tra, giám sát, kỷ luật của Đảng",
                 "UNCONFIRMED", "Ngày theo trí nhớ (chưa đối chiếu); văn bản đã hết hiệu lực."),
        Document(C.INSPECTION, "qd22", "Quy định", "22-QĐ/TW", D(2021, 7, 28), D(2021, 7, 28), _BCH,
                 "về công tác kiểm tra, giám sát và kỷ luật của Đảng", "CONF"),
        Document(C.INSPECTION, "qd262", "Quy định", "262-QĐ/TW", D(2025, 2, 3), D(2025, 2, 3), _BCH,
                 "sửa đổi, bổ sung một số điều của Quy định số 22-QĐ/TW", "CONF"),
        Document(C.INSPECTION, "qd296", "Quy định", "296-QĐ/TW", D(2025, 5, 30), D(2025, 5, 30), _BCH,
                 "về công tác kiểm tra, giám sát và kỷ luật của Đảng", "CONF"),
    )),
    C.DISCIPLINE: ("Xử lý kỷ luật đảng viên vi phạm", (
        Document(C.DISCIPLINE, "qd102", "Quy định", "102-QĐ/TW", D(2017, 11, 15), D(2017, 11, 15), _BCT,
                 "về xử lý kỷ luật đảng viên vi phạm", "CONF", "Ngày ban hành theo trí nhớ (năm 2017 đã xác nhận)."),
        Document(C.DISCIPLINE, "qd69", "Quy định", "69-QĐ/TW", D(2022, 7, 6), D(2022, 7, 6), _BCT,
                 "về kỷ luật tổ chức đảng, đảng viên vi phạm", "CONF"),
    )),
    C.MEETINGS: ("Sinh hoạt chi bộ", (
        Document(C.MEETINGS, "hd12_2018", "Hướng dẫn", "12-HD/BTCTW", D(2018, 7, 6), D(2018, 7, 6), _BTC,
                 "về nâng cao chất lượng sinh hoạt chi bộ", "CONF"),
        Document(C.MEETINGS, "hd42_2025", "Hướng dẫn", "42-HD/BTCTW", D(2025, 10, 28), D(2025, 10, 28), _BTC,
                 "về nâng cao chất lượng sinh hoạt chi bộ", "CONF", "Thực hiện Chỉ thị số 50-CT/TW ngày 23/7/2025."),
    )),
    C.MEMBER_WORK: ("Nghiệp vụ công tác đảng viên", (
        Document(C.MEMBER_WORK, "hd12_2012", "Hướng dẫn", "12-HD/BTCTW", D(2012, 5, 17), D(2012, 5, 17), _BTC,
                 "về nghiệp vụ công tác đảng viên", "CONF"),
        Document(C.MEMBER_WORK, "hd09_2017", "Hướng dẫn", "09-HD/BTCTW", D(2017, 6, 5), D(2017, 6, 5), _BTC,
                 "về nghiệp vụ công tác đảng viên", "CONF"),
        Document(C.MEMBER_WORK, "hd12_2022", "Hướng dẫn", "12-HD/BTCTW", D(2022, 1, 18), D(2022, 1, 18), _BTC,
                 "về nghiệp vụ công tác đảng viên", "CONF"),
    )),
    C.STATISTICS: ("Biểu mẫu thống kê cơ bản về tổ chức xây dựng Đảng", (
        Document(C.STATISTICS, "hd12_2012_stats", "Hướng dẫn", "12-HD/BTCTW", D(2012, 5, 17), D(2012, 5, 17), _BTC,
                 "về nghiệp vụ công tác đảng viên và lập biểu thống kê cơ bản", "CONF"),
        Document(C.STATISTICS, "hd11_2021", "Hướng dẫn", "11-HD/BTCTW", D(2021, 12, 13), D(2021, 12, 13), _BTC,
                 "thực hiện biểu mẫu thống kê cơ bản về tổ chức xây dựng Đảng", "CONF"),
    )),
    C.PROHIBITIONS: ("Những điều đảng viên không được làm", (
        Document(C.PROHIBITIONS, "qd37", "Quy định", "37-QĐ/TW", D(2021, 10, 25), D(2021, 10, 25), _BCH,
                 "về những điều đảng viên không được làm", "CONF"),
        Document(C.PROHIBITIONS, "qd207", "Quy định", "207-QĐ/TW", D(2026, 7, 26), D(2026, 7, 26), _BCH,
                 "về những điều đảng viên không được làm", "REP-2026", "Chưa đối chiếu bản chính thức.",
                 "regimes.qd207_confirmed"),
    )),
}
ALL_DOCUMENTS: tuple[Document, ...] = tuple(d for _, docs in CHAINS.values() for d in docs)
BY_CODE: dict[str, Document] = {d.code: d for d in ALL_DOCUMENTS}


def _confirmed(doc: Document, on: dt.date, params: Mapping[str, object] | None) -> bool:
    if not doc.confirm_key:
        return True
    if params is None:
        from dangvu.rules.parameters import params_on

        params = params_on(on)
    return bool(params[doc.confirm_key])


def documents(chain: str) -> tuple[Document, ...]:
    return CHAINS[chain][1]


def in_force(chain: str, on: dt.date, params: Mapping[str, object] | None = None) -> Document | None:
    """The document of `chain` in force on `on`: the latest one effective on or before the date whose
    text is confirmed (or confirmed by an administrator); None before the first one."""
    found = None
    for doc in documents(chain):
        if doc.effective <= on and _confirmed(doc, on, params):
            found = doc
    return found


def citation(chain: str, on: dt.date, params: Mapping[str, object] | None = None) -> str:
    """The official citation of the document in force ("" before the chain's first document)."""
    doc = in_force(chain, on, params)
    return doc.citation if doc else ""


def short(chain: str, on: dt.date, params: Mapping[str, object] | None = None) -> str:
    """"QĐ 294-QĐ/TW" ("" before the chain's first document)."""
    doc = in_force(chain, on, params)
    return doc.short if doc else ""


# ---------------------------------------------------------------- the implementing regulation

class DecidingLevel:
    """Who decides admissions and recognitions (domain-rules A12)."""

    # The grassroots committee with delegated authority, otherwise the standing committee of the
    # direct superior of the grassroots organization (QĐ 29/24/232/294 điểm 4.3.2).
    DIRECT_SUPERIOR_STANDING = "direct_superior_standing"
    # The standing committee of the grassroots committee (QĐ 208-QĐ/TW, 2026; REP-2026).
    GRASSROOTS_STANDING = "grassroots_standing"


# What differs between the versions of the implementing regulation, by document code.
_IMPLEMENTING_ATTRIBUTES = {
    # code: (admission deciding level, transfer letter deadline in working days)
    "qd29": (DecidingLevel.DIRECT_SUPERIOR_STANDING, False),
    "qd24": (DecidingLevel.DIRECT_SUPERIOR_STANDING, False),
    "qd232": (DecidingLevel.DIRECT_SUPERIOR_STANDING, False),
    "qd294": (DecidingLevel.DIRECT_SUPERIOR_STANDING, True),
    "qd208": (DecidingLevel.GRASSROOTS_STANDING, True),
}


@dataclass(frozen=True)
class Regime:
    code: str
    title: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None  # exclusive, as published (a later unconfirmed version does not end it in practice)
    status: str  # CONF, SEC, REP-2026, UNCONFIRMED (shared/domain-rules.md)
    admission_deciding_level: str
    # Whether the 30-day deadline to present a transfer letter counts working days (QĐ 294) or
    # calendar days (HD 09-HD/BTCTW 2017 and the rules before QĐ 294).
    transfer_letter_working_days: bool
    document: Document

    def applies_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)

    @property
    def short(self) -> str:
        return self.document.short

    @property
    def needs_confirmation(self) -> bool:
        return self.document.needs_confirmation


def _regime(doc: Document, nxt: Document | None) -> Regime:
    level, working = _IMPLEMENTING_ATTRIBUTES[doc.code]
    title = f"{doc.short} ({_dmy(doc.issued)}" + (f", hiệu lực {_dmy(doc.effective)})" if doc.effective != doc.issued else ")")
    return Regime(doc.code, title, doc.citation, doc.effective, nxt.effective if nxt else None, doc.status, level, working, doc)


_IMPL = documents(Chain.IMPLEMENTING)
REGIMES: tuple[Regime, ...] = tuple(_regime(d, n) for d, n in zip(_IMPL, (*_IMPL[1:], None), strict=True))
EARLIEST = REGIMES[0]
_BY_DOC = {r.code: r for r in REGIMES}


def regime_on(on: dt.date, params: Mapping[str, object] | None = None) -> Regime:
    """The implementing regulation in force on `on` (an unconfirmed version only once an
    administrator confirmed it); dates before 25/7/2016 are judged by QĐ 29 (its rules on these
    points repeat the earlier QĐ 45-QĐ/TW of 2011)."""
    doc = in_force(Chain.IMPLEMENTING, on, params)
    return _BY_DOC[doc.code] if doc else EARLIEST


# ---------------------------------------------------------------- the annual review (domain-rules §8)

# What differs between the versions of the review regulation, by document code: whether it grades on the
# 100-point scale (C2: QĐ 366-QĐ/TW; before it the criteria were judged without points).
_REVIEW_SCORED = {"qd132": False, "qd124": False, "qd366": True}


@dataclass(frozen=True)
class ReviewRegime:
    code: str  # "qd132", "qd124", "qd366"
    document: Document
    guidance: Document | None  # the guidance of the Central Organization Commission in force
    scored: bool  # graded on the 100-point scale (QĐ 366-QĐ/TW)

    @property
    def short(self) -> str:
        return self.document.short

    @property
    def title(self) -> str:
        text = self.document.short_dated
        return f"{text}, {self.guidance.short_dated}" if self.guidance else text

    @property
    def source(self) -> str:
        """"QĐ 366-QĐ/TW; HD 43-HD/BTCTW (31/10/2025)": the citation of a message."""
        return f"{self.document.short}; {self.guidance.short_dated}" if self.guidance else self.document.short


def review_regime_on(on: dt.date, params: Mapping[str, object] | None = None) -> ReviewRegime:
    """The review regulation in force on `on` (a campaign's reference date): QĐ 132 (2018), QĐ 124 (from
    4/10/2023), QĐ 366 with the 100-point scale (from 30/8/2025). Before QĐ 132, judged by QĐ 132."""
    doc = in_force(Chain.REVIEW, on, params) or documents(Chain.REVIEW)[0]
    guidance = in_force(Chain.REVIEW_GUIDANCE, on, params)
    return ReviewRegime(doc.code, doc, guidance, _REVIEW_SCORED[doc.code])
