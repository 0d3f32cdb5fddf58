"""Rule sources in words for officers: no rule ids, document kinds written out, unchecked said so."""

import pytest

from dangvu.core.citations import citation, in_words, status_words
from dangvu.core.errors import Violation


@pytest.mark.parametrize("source,words", [
    ("QĐ 24-QĐ/TW điểm 1.1; QĐ 294-QĐ/TW Điều 1 (A1)", "điểm 1.1 Quy định 24-QĐ/TW; Điều 1 Quy định 294-QĐ/TW"),
    ("Điều lệ Đảng Điều 4; HD 06-HD/TW điểm 3 (A4)", "Điều 4 Điều lệ Đảng; điểm 3 Hướng dẫn 06-HD/TW"),
    ("HD 06-HD/TW (9/6/2025) điểm 5.4 (A3)", "điểm 5.4 Hướng dẫn 06-HD/TW (9/6/2025)"),
    ("Điều lệ Đảng Điều 5 (M2, P4)", "Điều 5 Điều lệ Đảng"),
    ("QĐ 29-QĐ/TW điểm 4.2a; QĐ 294-QĐ/TW điểm 4.2 (P1)", "điểm 4.2a Quy định 29-QĐ/TW; điểm 4.2 Quy định 294-QĐ/TW"),
    ("T3 (QĐ 294-QĐ/TW điểm 6.3.1)", "điểm 6.3.1 Quy định 294-QĐ/TW"),
    ("B1, B4, B10 — HD 01-HD/TW (2021) điểm 18", "điểm 18 Hướng dẫn 01-HD/TW (2021)"),
    ("H1, H7 (QĐ 213-QĐ/TW Điều 1; hạn: tham số chưa xác nhận)",
     "Điều 1 Quy định 213-QĐ/TW; hạn: chưa đối chiếu văn bản chính thức"),
    ("H7: chưa thấy quy định, tham số mặc định (chưa xác nhận)",
     "chưa thấy quy định, giá trị mặc định, chưa đối chiếu văn bản chính thức"),
    ("QĐ 294-QĐ/TW (26/5/2025, hiệu lực 1/7/2025)", "Quy định 294-QĐ/TW (26/5/2025, hiệu lực 1/7/2025)"),
    ("CT 51-CT/TW (8/8/2025)", "Chỉ thị 51-CT/TW (8/8/2025)"),
    ("Thông tư 59/2021/TT-BCA", "Thông tư 59/2021/TT-BCA"),
])
def test_sources_in_words(source, words):
    assert in_words(source) == words


def test_citation_and_violation_text():
    assert citation("") == ""
    assert citation("Điều lệ Đảng Điều 4 (A4)") == "Căn cứ: Điều 4 Điều lệ Đảng"
    v = Violation("x", "Ngày chi bộ xét: người vào Đảng mới 17 tuổi.", "f", "QĐ 294-QĐ/TW Điều 1 (A1)")
    assert v.text() == "Ngày chi bộ xét: người vào Đảng mới 17 tuổi. (Căn cứ: Điều 1 Quy định 294-QĐ/TW)"
    assert "A1" not in v.text()


def test_status_words():
    assert status_words("UNCONFIRMED") == "chưa đối chiếu văn bản chính thức"
    assert status_words("CONF") == "đã đối chiếu văn bản"
