"""Sources of rules in words, for officers.

Rule sources are written for engineers ("QĐ 24-QĐ/TW điểm 1.1; QĐ 294-QĐ/TW Điều 1 (A1)",
"T3 (QĐ 294-QĐ/TW điểm 6.3.1)", "B1, B4 — HD 01-HD/TW (2021) điểm 18"). Officers read the
citation the way a party document writes it: no rule ids (A1, P5, H7 … point to docs/rules.md,
not to a regulation), document kinds written out, the article before the document:
"Căn cứ: điểm 1.1 Quy định 24-QĐ/TW; Điều 1 Quy định 294-QĐ/TW". A value that is not checked
against the official text says so: "chưa đối chiếu văn bản chính thức".
"""

import re

_CODE = r"[A-Z]\d{1,2}[a-z]?"
_CODES = rf"{_CODE}(?:\s*,\s*{_CODE})*"
_WRAPPED = re.compile(rf"^{_CODES}\s*\((?P<inner>.*)\)$")  # "T3 (QĐ 294-QĐ/TW điểm 6.3.1)"
_LEADING = re.compile(rf"^{_CODES}\s*(?::|—|–|-)\s*")  # "B1, B4 — HD 01…", "H7: …"
_IN_BRACKETS = re.compile(rf"\s*\(\s*{_CODES}\s*\)")  # "… (A1)", "(M2, P4)"
_KINDS = ((re.compile(r"\bQĐ (?=\d)"), "Quy định "), (re.compile(r"\bHD (?=\d)"), "Hướng dẫn "),
          (re.compile(r"\bCT (?=\d)"), "Chỉ thị "), (re.compile(r"\bKL (?=\d)"), "Kết luận "),
          (re.compile(r"\bCV (?=\d)"), "Công văn "))
_UNCHECKED = ((re.compile(r"tham số mặc định\s*\(chưa xác nhận\)"), "giá trị mặc định, chưa đối chiếu văn bản chính thức"),
              (re.compile(r"tham số chưa xác nhận"), "chưa đối chiếu văn bản chính thức"),
              (re.compile(r"\(?bản chính thức chưa đối chiếu\)?"), "(chưa đối chiếu văn bản chính thức)"),
              (re.compile(r"\(chưa xác nhận\)"), "(chưa đối chiếu văn bản chính thức)"),
              (re.compile(r"\b(?:UNCONFIRMED|REP-2026)\b"), "chưa đối chiếu văn bản chính thức"))
_ARTICLE_LAST = re.compile(r"^(?P<doc>.+?)\s+(?P<where>(?:điểm|Điều|mục|khoản)\s+\S+)$")

STATUS_WORDS = {
    "CONF": "đã đối chiếu văn bản",
    "SEC": "theo nguồn thứ cấp, chưa đối chiếu văn bản chính thức",
    "REP-2026": "chưa đối chiếu văn bản chính thức (văn bản năm 2026)",
    "UNCONFIRMED": "chưa đối chiếu văn bản chính thức",
}


def in_words(source: str) -> str:
    """``source`` as an officer reads it (without the "Căn cứ:" label)."""
    text = " ".join((source or "").split())
    wrapped = _WRAPPED.match(text)
    if wrapped:
        text = wrapped.group("inner")
    text = _IN_BRACKETS.sub("", _LEADING.sub("", text))
    for pattern, words in _UNCHECKED:
        text = pattern.sub(words, text)
    parts = []
    for part in re.split(r"\s*;\s*", text):
        for pattern, words in _KINDS:
            part = pattern.sub(words, part)
        article_last = _ARTICLE_LAST.match(part)
        if article_last:
            part = f"{article_last['where']} {article_last['doc']}"
        if part:
            parts.append(part)
    return "; ".join(parts)


def citation(source: str) -> str:
    """"Căn cứ: Điều 4 Điều lệ Đảng; điểm 3.1 Quy định 294-QĐ/TW" ("" without a source)."""
    words = in_words(source)
    return f"Căn cứ: {words}" if words else ""


def status_words(status: str) -> str:
    """CONF / SEC / REP-2026 / UNCONFIRMED in words."""
    return STATUS_WORDS.get(status, status)
