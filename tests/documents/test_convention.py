"""The document convention (HD 36-HD/VPTW): header, symbol, place, addressee and signing for each
kind and level of issuer, before and after the 1/7/2025 reform, and the citations by date."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.documents import convention as c
from dangvu.documents.convention import Acting, Body, Role
from dangvu.organizations.kinds import Kind

pytestmark = pytest.mark.django_db  # citations read the confirmation parameters of the rules engine
D = dt.date
BEFORE, AFTER = D(2024, 5, 6), D(2026, 3, 5)

CENTRAL = Body("Trung ương", Kind.CENTRAL)
PROVINCE = Body("Đảng bộ tỉnh Thanh Hóa", Kind.PROVINCIAL_COMMITTEE)
TOWN = Body("Đảng bộ thị xã Sơn Hà", Kind.DISTRICT_COMMITTEE)
DISTRICT = Body("Đảng bộ huyện An Lạc", Kind.DISTRICT_COMMITTEE)
WARD = Body("Đảng bộ phường Sơn Hà", Kind.COMMUNE_COMMITTEE)
COMMUNE_OLD = Body("Đảng bộ xã An Lạc", Kind.GRASSROOTS_COMMITTEE)  # a commune before 1/7/2025
COMMUNE = Body("Đảng bộ xã An Lạc", Kind.COMMUNE_COMMITTEE)
COMPANY = Body("Đảng bộ Công ty Xi măng Sơn Hà", Kind.GRASSROOTS_COMMITTEE)
SCHOOL = Body("Chi bộ Trường Tiểu học An Lạc", Kind.GRASSROOTS_CELL)
CELL = Body("Chi bộ thôn Đông", Kind.CELL)
PARTIAL = Body("Đảng bộ bộ phận Phân xưởng 1", Kind.PARTIAL_COMMITTEE)

# (name, chain nearest-first, date, has chi ủy, commission, role)
#   → (header lines, symbol, place, formula, title)
TABLE = [
    ("province committee", (PROVINCE, CENTRAL), AFTER, False, "", Role.SECRETARY,
     ("", "TỈNH ỦY THANH HÓA"), "TU", "Thanh Hóa", "T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    ("province committee, deputy", (PROVINCE, CENTRAL), BEFORE, False, "", Role.DEPUTY_SECRETARY,
     ("", "TỈNH ỦY THANH HÓA"), "TU", "Thanh Hóa", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
    ("province committee, standing member", (PROVINCE, CENTRAL), AFTER, False, "", Role.STANDING_MEMBER,
     ("", "TỈNH ỦY THANH HÓA"), "TU", "Thanh Hóa", "T/M BAN THƯỜNG VỤ", "ỦY VIÊN BAN THƯỜNG VỤ"),
    ("organization commission, deputy head", (PROVINCE, CENTRAL), AFTER, False, c.ORGANIZATION_COMMISSION,
     Role.COMMISSION_DEPUTY, ("TỈNH ỦY THANH HÓA", "BAN TỔ CHỨC"), "BTCTU", "Thanh Hóa", "K/T TRƯỞNG BAN",
     "PHÓ TRƯỞNG BAN"),
    ("organization commission, head", (PROVINCE, CENTRAL), BEFORE, False, c.ORGANIZATION_COMMISSION,
     Role.COMMISSION_HEAD, ("TỈNH ỦY THANH HÓA", "BAN TỔ CHỨC"), "BTCTU", "Thanh Hóa", "", "TRƯỞNG BAN"),
    ("district commission before 2025", (DISTRICT, PROVINCE, CENTRAL), BEFORE, False, c.ORGANIZATION_COMMISSION,
     Role.COMMISSION_DEPUTY, ("HUYỆN ỦY AN LẠC", "BAN TỔ CHỨC"), "BTCHU", "An Lạc", "K/T TRƯỞNG BAN",
     "PHÓ TRƯỞNG BAN"),
    ("district committee before 2025", (DISTRICT, PROVINCE, CENTRAL), BEFORE, False, "", Role.SECRETARY,
     ("ĐẢNG BỘ TỈNH THANH HÓA", "HUYỆN ỦY AN LẠC"), "HU", "An Lạc", "T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    ("town committee before 2025", (TOWN, PROVINCE, CENTRAL), BEFORE, False, "", Role.DEPUTY_SECRETARY,
     ("ĐẢNG BỘ TỈNH THANH HÓA", "THỊ ỦY SƠN HÀ"), "TU", "Sơn Hà", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
    ("commune committee before 1/7/2025 (grassroots)", (COMMUNE_OLD, DISTRICT, PROVINCE), BEFORE, False, "",
     Role.SECRETARY, ("ĐẢNG BỘ HUYỆN AN LẠC", "ĐẢNG ỦY XÃ AN LẠC"), "ĐU", "An Lạc", "T/M ĐẢNG ỦY", "BÍ THƯ"),
    ("ward committee after 1/7/2025", (WARD, PROVINCE, CENTRAL), AFTER, False, "", Role.SECRETARY,
     ("ĐẢNG BỘ TỈNH THANH HÓA", "ĐẢNG ỦY PHƯỜNG SƠN HÀ"), "ĐU", "Sơn Hà", "T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    ("commune committee after 1/7/2025, standing member", (COMMUNE, PROVINCE, CENTRAL), AFTER, False, "",
     Role.STANDING_MEMBER, ("ĐẢNG BỘ TỈNH THANH HÓA", "ĐẢNG ỦY XÃ AN LẠC"), "ĐU", "An Lạc", "T/M BAN THƯỜNG VỤ",
     "ỦY VIÊN BAN THƯỜNG VỤ"),
    ("grassroots committee (workplace)", (COMPANY, TOWN, PROVINCE), BEFORE, False, "", Role.DEPUTY_SECRETARY,
     ("ĐẢNG BỘ THỊ XÃ SƠN HÀ", "ĐẢNG ỦY CÔNG TY XI MĂNG SƠN HÀ"), "ĐU", "Sơn Hà", "T/M ĐẢNG ỦY", "PHÓ BÍ THƯ"),
    ("grassroots committee under a ward after 2025", (COMPANY, WARD, PROVINCE), AFTER, False, "", Role.SECRETARY,
     ("ĐẢNG BỘ PHƯỜNG SƠN HÀ", "ĐẢNG ỦY CÔNG TY XI MĂNG SƠN HÀ"), "ĐU", "Sơn Hà", "T/M ĐẢNG ỦY", "BÍ THƯ"),
    ("partial committee", (PARTIAL, COMPANY, TOWN), BEFORE, False, "", Role.SECRETARY,
     ("ĐẢNG BỘ CÔNG TY XI MĂNG SƠN HÀ", "ĐẢNG ỦY BỘ PHẬN PHÂN XƯỞNG 1"), "ĐU", "Sơn Hà", "T/M ĐẢNG ỦY", "BÍ THƯ"),
    ("grassroots cell", (SCHOOL, DISTRICT, PROVINCE), BEFORE, False, "", Role.SECRETARY,
     ("ĐẢNG BỘ HUYỆN AN LẠC", "CHI BỘ TRƯỜNG TIỂU HỌC AN LẠC"), "CB", "An Lạc", "T/M CHI BỘ", "BÍ THƯ"),
    ("grassroots cell with a chi ủy", (SCHOOL, DISTRICT, PROVINCE), BEFORE, True, "", Role.DEPUTY_SECRETARY,
     ("ĐẢNG BỘ HUYỆN AN LẠC", "CHI BỘ TRƯỜNG TIỂU HỌC AN LẠC"), "CB", "An Lạc", "T/M CHI ỦY", "PHÓ BÍ THƯ"),
    ("cell without a chi ủy, before 2025", (CELL, COMMUNE_OLD, DISTRICT), BEFORE, False, "", Role.SECRETARY,
     ("ĐẢNG BỘ XÃ AN LẠC", "CHI BỘ THÔN ĐÔNG"), "CB", "An Lạc", "T/M CHI BỘ", "BÍ THƯ"),
    ("cell with a chi ủy, after 2025", (CELL, COMMUNE, PROVINCE), AFTER, True, "", Role.SECRETARY,
     ("ĐẢNG BỘ XÃ AN LẠC", "CHI BỘ THÔN ĐÔNG"), "CB", "An Lạc", "T/M CHI ỦY", "BÍ THƯ"),
    ("inspection commission of a province committee", (PROVINCE, CENTRAL), AFTER, False, c.INSPECTION_COMMISSION,
     Role.INSPECTION_CHAIR, ("TỈNH ỦY THANH HÓA", "ỦY BAN KIỂM TRA"), "UBKTTU", "Thanh Hóa", "T/M ỦY BAN KIỂM TRA",
     "CHỦ NHIỆM"),
    ("inspection commission of a district committee, deputy", (DISTRICT, PROVINCE, CENTRAL), BEFORE, False,
     c.INSPECTION_COMMISSION, Role.INSPECTION_DEPUTY, ("HUYỆN ỦY AN LẠC", "ỦY BAN KIỂM TRA"), "UBKTHU", "An Lạc",
     "T/M ỦY BAN KIỂM TRA", "PHÓ CHỦ NHIỆM"),
    ("inspection commission of a commune committee after 2025", (COMMUNE, PROVINCE, CENTRAL), AFTER, False,
     c.INSPECTION_COMMISSION, Role.INSPECTION_CHAIR, ("ĐẢNG ỦY XÃ AN LẠC", "ỦY BAN KIỂM TRA"), "UBKTĐU", "An Lạc",
     "T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"),
]


@pytest.mark.parametrize("name,chain,on,has_chi_uy,commission,role,header,symbol,place,formula,title", TABLE,
                         ids=[row[0] for row in TABLE])
def test_convention_table(name, chain, on, has_chi_uy, commission, role, header, symbol, place, formula, title):
    issuer = c.issuer_from_chain(chain, on, commission=commission, has_cell_committee=has_chi_uy)
    assert c.header_lines(issuer) == header
    assert c.symbol(issuer) == symbol
    assert c.place(issuer) == place
    assert c.signing(issuer, role) == (formula, title)
    assert c.number(issuer, "QĐ", "12") == f"12-QĐ/{symbol}"


def test_a_recorded_number_is_printed_as_recorded_and_a_missing_one_leaves_room():
    issuer = c.issuer_from_chain((WARD, PROVINCE), AFTER)
    assert c.number(issuer, "QĐ", "Số 7-QĐ/ĐU") == "7-QĐ/ĐU"
    assert c.number(issuer, "DS") == "     -DS/ĐU"


def test_place_and_date_line():
    issuer = c.issuer_from_chain((CELL, WARD, PROVINCE), AFTER)
    assert c.place_date(issuer) == "Sơn Hà, ngày 05 tháng 3 năm 2026"


@pytest.mark.parametrize("name,expected", [
    ("Đảng bộ xã An Lạc", "Kính gửi: Đảng ủy xã An Lạc"),
    ("Đảng bộ huyện An Lạc", "Kính gửi: Huyện ủy An Lạc"),
    ("Đảng bộ tỉnh Thanh Hóa", "Kính gửi: Tỉnh ủy Thanh Hóa"),
    ("Đảng bộ thành phố Hà Nội", "Kính gửi: Thành ủy Hà Nội"),
    ("Đảng bộ Cơ quan Chính quyền huyện An Lạc", "Kính gửi: Đảng ủy Cơ quan Chính quyền huyện An Lạc"),
    ("Chi bộ thôn Đông", "Kính gửi: Chi bộ thôn Đông"),
    ("Đảng ủy phường Sơn Hà", "Kính gửi: Đảng ủy phường Sơn Hà"),
])
def test_letters_go_to_the_committee(name, expected):
    assert c.addressee(name) == expected


def test_the_issuer_named_in_words():
    assert c.issuer_from_chain((DISTRICT, PROVINCE), BEFORE).name == "Ban Thường vụ Huyện ủy An Lạc"
    assert c.issuer_from_chain((PROVINCE,), AFTER, commission="organization").name == "Ban Tổ chức Tỉnh ủy Thanh Hóa"
    assert c.issuer_from_chain((COMPANY, TOWN), BEFORE).name == "Đảng ủy Công ty Xi măng Sơn Hà"
    assert c.issuer_from_chain((CELL, COMMUNE), AFTER, has_cell_committee=True).name == "Chi ủy Chi bộ thôn Đông"


def test_standing_committee_acting_for_a_grassroots_committee():
    issuer = c.issuer_from_chain((COMPANY, WARD), AFTER, acting=Acting.STANDING)
    assert c.signing(issuer, Role.SECRETARY) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")


def test_by_order_of_the_standing_committee():
    issuer = c.issuer_from_chain((PROVINCE,), AFTER)
    assert c.signing(issuer, Role.COMMISSION_HEAD) == ("T/L BAN THƯỜNG VỤ", "TRƯỞNG BAN TỔ CHỨC")
    assert c.signing(issuer, Role.OFFICE_CHIEF) == ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG")


@pytest.mark.parametrize("chain,commission,role", [
    ((CELL, COMMUNE), "", Role.STANDING_MEMBER),
    ((CELL, COMMUNE), "", Role.COMMISSION_DEPUTY),
    ((COMPANY, TOWN), "", Role.OFFICE_CHIEF),
    ((PROVINCE,), "organization", Role.SECRETARY),
])
def test_signers_who_cannot_sign_for_the_issuer_are_refused(chain, commission, role):
    with pytest.raises(ValueError):
        c.signing(c.issuer_from_chain(chain, AFTER, commission=commission), role)


def test_only_province_and_district_committees_have_an_organization_commission():
    with pytest.raises(ValueError):
        c.issuer_from_chain((WARD, PROVINCE), AFTER, commission="organization")


@pytest.mark.parametrize("title,role", [
    ("Phó Trưởng Ban Tổ chức Tỉnh ủy", Role.COMMISSION_DEPUTY), ("Trưởng Ban Tổ chức", Role.COMMISSION_HEAD),
    ("Phó Bí thư Đảng ủy", Role.DEPUTY_SECRETARY), ("BÍ THƯ", Role.SECRETARY),
    ("Ủy viên Ban Thường vụ", Role.STANDING_MEMBER), ("Chánh Văn phòng", Role.OFFICE_CHIEF), ("", Role.SECRETARY),
])
def test_role_from_a_typed_title(title, role):
    assert c.role_from_title(title) == role


@pytest.mark.parametrize("on,expected", [
    (D(2018, 5, 1), "Căn cứ Quy định số 29-QĐ/TW, ngày 25/7/2016 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"),
    (D(2023, 5, 1), "Căn cứ Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"),
    (D(2025, 3, 1), "Căn cứ Quy định số 232-QĐ/TW, ngày 20/1/2025 của Ban Chấp hành Trung ương sửa đổi, bổ sung một số "
                    "điều của Quy định số 24-QĐ/TW về thi hành Điều lệ Đảng;"),
    (D(2025, 7, 1), "Căn cứ Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"),
])
def test_the_regulation_cited_is_the_one_in_force_and_written_formally(on, expected):
    assert c.cite("regulation", on) == expected
    assert c.charter_citations(on)[0] == "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"


@pytest.mark.parametrize("on,number", [
    (D(2019, 1, 1), "01-HD/TW, ngày 20/9/2016"), (D(2023, 1, 1), "01-HD/TW, ngày 28/9/2021"),
    (D(2025, 8, 1), "06-HD/TW, ngày 9/6/2025"),
    (D(2026, 9, 1), "06-HD/TW, ngày 9/6/2025"),  # the 2026 guidance is unconfirmed: HD 06 stays cited
])
def test_the_guidance_cited_by_date(on, number):
    assert f"Căn cứ Hướng dẫn số {number} của Ban Bí thư" in c.cite("guidance", on)


def test_residence_citations_by_date():
    assert "76-QĐ/TW" in c.cite("residence", D(2019, 6, 1))
    assert "213-QĐ/TW, ngày 2/1/2020 của Bộ Chính trị" in c.cite("residence", D(2020, 6, 1))
    assert c.cite("residence_guidance", D(2020, 6, 1)) == ""
    assert "33-HD/BTCTW" in c.cite("residence_guidance", D(2021, 1, 1))


# ---------------------------------------------------------------- from the database


def test_issuer_reads_the_tree_and_the_cell_committee_of_the_date(tree):
    from dangvu.organizations import committees
    from dangvu.organizations import services as org_services
    from dangvu.organizations.models import CommitteePosition

    org_services.rename(by=SYSTEM, org=tree.grassroots_a, name="Đảng bộ xã An Lạc Đông", effective_date=D(2020, 1, 1))
    before = c.issuer(tree.cell_a1, D(2019, 6, 1))
    assert c.header_lines(before) == ("ĐẢNG BỘ XÃ AN LẠC", "CHI BỘ THÔN ĐÔNG")  # the name of the date
    assert c.signing(before, Role.SECRETARY) == ("T/M CHI BỘ", "BÍ THƯ")
    term = committees.create_term(by=SYSTEM, organization=tree.cell_a1, name="2020–2025", start_date=D(2020, 10, 1))
    for name, position in (("Trần Thị Bình", CommitteePosition.SECRETARY),
                           ("Lê Văn Cường", CommitteePosition.DEPUTY_SECRETARY), ("Phạm Văn Dũng", CommitteePosition.MEMBER)):
        committees.add_seat(by=SYSTEM, term=term, full_name=name, position=position, start_date=D(2020, 10, 1))
    after = c.issuer(tree.cell_a1, D(2021, 3, 1))
    assert c.header_lines(after) == ("ĐẢNG BỘ XÃ AN LẠC ĐÔNG", "CHI BỘ THÔN ĐÔNG")
    assert c.signing(after, Role.SECRETARY) == ("T/M CHI ỦY", "BÍ THƯ")
    assert c.signer_from_committee(tree.cell_a1, D(2021, 3, 1)) == (Role.SECRETARY, "Trần Thị Bình")
    assert c.place(after) == "An Lạc Đông"
    district = c.issuer(tree.district_a, D(2021, 3, 1), commission=c.ORGANIZATION_COMMISSION)
    assert (c.header_lines(district), c.symbol(district)) == (("HUYỆN ỦY AN LẠC", "BAN TỔ CHỨC"), "BTCHU")


def test_the_inspection_commission_as_an_issuer():
    issuer = c.issuer_from_chain((DISTRICT, PROVINCE, CENTRAL), AFTER, commission=c.INSPECTION_COMMISSION)
    assert issuer.name == "Ủy ban Kiểm tra Huyện ủy An Lạc"
    assert c.number(issuer, "QĐ", "Số 5-QĐ/UBKTHU") == "5-QĐ/UBKTHU" and c.number(issuer, "QĐ") == "     -QĐ/UBKTHU"
    assert c.role_from_title("Phó Chủ nhiệm Ủy ban Kiểm tra") == Role.INSPECTION_DEPUTY
    assert c.role_from_title("Chủ nhiệm UBKT Huyện ủy") == Role.INSPECTION_CHAIR
    with pytest.raises(ValueError, match="Chủ nhiệm hoặc Phó Chủ nhiệm"):
        c.signing(issuer, Role.SECRETARY)
    with pytest.raises(ValueError, match="Ủy ban Kiểm tra"):  # the chair does not sign for the standing committee
        c.signing(c.issuer_from_chain((DISTRICT, PROVINCE), AFTER), Role.INSPECTION_CHAIR)
    with pytest.raises(ValueError, match="không có Ủy ban Kiểm tra"):  # a cell has none (Điều lệ Điều 32)
        c.issuer_from_chain((CELL, COMMUNE, PROVINCE), AFTER, commission=c.INSPECTION_COMMISSION)
