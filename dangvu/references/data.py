"""The official lists the reference tables are seeded with.

Ethnic groups: the 54 groups recognized by Vietnam (Danh mục các dân tộc Việt Nam, Tổng cục
Thống kê, QĐ 121-TCTK/PPCĐ 1979), with their official codes 01–54, plus "Người nước ngoài".
Religions: the religions recognized by the state (Ban Tôn giáo Chính phủ), plus "Không".
Political theory and education levels follow biểu 3-TCTW (highest level only).
"""

ETHNICITIES = [
    "Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "HMông", "Dao", "Gia-rai", "Ngái", "Ê-đê", "Ba na", "Xơ-Đăng",
    "Sán Chay", "Cơ-ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra-glai", "Xtiêng", "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ-tu",
    "Gié Triêng", "Mạ", "Khơ-mú", "Co", "Tà-ôi", "Chơ-ro", "Kháng", "Xinh-mun", "Hà Nhì", "Chu ru", "Lào", "La Chí", "La Ha",
    "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Co Lao", "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ Đu",
    "Rơ-măm",
]
ETHNICITY_FOREIGN = ("55", "Người nước ngoài")

RELIGIONS = [
    ("00", "Không"), ("01", "Phật giáo"), ("02", "Công giáo"), ("03", "Tin lành"), ("04", "Cao Đài"),
    ("05", "Phật giáo Hòa Hảo"), ("06", "Hồi giáo"), ("07", "Tôn giáo Baha'i"), ("08", "Tịnh độ Cư sĩ Phật hội Việt Nam"),
    ("09", "Cơ đốc Phục lâm"), ("10", "Phật giáo Tứ Ân Hiếu Nghĩa"), ("11", "Minh Sư đạo"), ("12", "Minh Lý đạo"),
    ("13", "Bà-la-môn"), ("14", "Mặc môn"), ("15", "Phật giáo Hiếu Nghĩa Tà Lơn"), ("16", "Bửu Sơn Kỳ Hương"), ("99", "Khác"),
]

# (code, name, rank): rank orders levels so that "at least upper secondary" is a comparison.
GENERAL_EDUCATION = [
    ("tieu_hoc", "Tiểu học", 1), ("thcs", "Trung học cơ sở", 2), ("thpt", "Trung học phổ thông", 3),
]
PROFESSIONAL = [
    ("khong", "Chưa qua đào tạo", 0), ("so_cap", "Sơ cấp", 1), ("trung_cap", "Trung cấp", 2), ("cao_dang", "Cao đẳng", 3),
    ("dai_hoc", "Đại học", 4),
]
ACADEMIC_DEGREE = [("thac_si", "Thạc sĩ", 1), ("tien_si", "Tiến sĩ", 2), ("tskh", "Tiến sĩ khoa học", 3)]
ACADEMIC_TITLE = [("pgs", "Phó Giáo sư", 1), ("gs", "Giáo sư", 2)]
THEORY_LEVELS = [
    ("elementary", "Sơ cấp", 1), ("intermediate", "Trung cấp", 2), ("advanced", "Cao cấp", 3), ("bachelor", "Cử nhân", 4),
]
OCCUPATIONS = [
    ("can_bo_cong_chuc", "Cán bộ, công chức"), ("vien_chuc", "Viên chức"), ("luc_luong_vu_trang", "Lực lượng vũ trang"),
    ("cong_nhan", "Công nhân"), ("nong_dan", "Nông dân"), ("doanh_nhan", "Chủ doanh nghiệp, doanh nhân"),
    ("lao_dong_dn", "Người lao động trong doanh nghiệp"), ("tu_do", "Lao động tự do"), ("hoc_sinh_sinh_vien", "Học sinh, sinh viên"),
    ("huu_tri", "Hưu trí"), ("khac", "Khác"),
]


def rows():
    """(list_code, code, name, sort_order, rank) for every seeded item."""
    out = [("ethnicity", f"{i:02d}", name, i, 0) for i, name in enumerate(ETHNICITIES, start=1)]
    out.append(("ethnicity", ETHNICITY_FOREIGN[0], ETHNICITY_FOREIGN[1], 55, 0))
    out += [("religion", code, name, i, 0) for i, (code, name) in enumerate(RELIGIONS)]
    for list_code, items in (("general_education", GENERAL_EDUCATION), ("professional", PROFESSIONAL),
                             ("academic_degree", ACADEMIC_DEGREE), ("academic_title", ACADEMIC_TITLE),
                             ("theory_level", THEORY_LEVELS)):
        out += [(list_code, code, name, i, rank) for i, (code, name, rank) in enumerate(items)]
    out += [("occupation", code, name, i, 0) for i, (code, name) in enumerate(OCCUPATIONS)]
    return out


def seed(reference_item_model) -> int:
    """Add the official lists' items that are missing (the data migration; the browser tests after a
    transactional test has emptied the tables). Returns how many were added."""
    existing = set(reference_item_model.objects.values_list("list_code", "code"))
    added = reference_item_model.objects.bulk_create([
        reference_item_model(list_code=list_code, code=code, name=name, sort_order=order, rank=rank)
        for list_code, code, name, order, rank in rows() if (list_code, code) not in existing
    ])
    return len(added)
