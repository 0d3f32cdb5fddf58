"""The central documents of 2021–2025 the library starts with (a data migration loads them; the figures name each
one): numbers, dates, issuers and titles as published. Only documents whose particulars are certain are listed."""

import datetime as dt

D = dt.date

# (kind, number, issuer, issued_on, title, short_name, figure code)
CENTRAL_DOCUMENTS = [
    ("conclusion", "21-KL/TW", "Ban Chấp hành Trung ương", D(2021, 10, 25),
     "Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy lùi, xử lý nghiêm cán bộ, "
     "đảng viên suy thoái về tư tưởng chính trị, đạo đức, lối sống, biểu hiện “tự diễn biến”, “tự chuyển hóa”",
     "Kết luận Hội nghị Trung ương 4 khóa XIII", "kl21_tw"),
    ("regulation", "37-QĐ/TW", "Ban Chấp hành Trung ương", D(2021, 10, 25), "Về những điều đảng viên không được làm",
     "Quy định 37-QĐ/TW về những điều đảng viên không được làm", "qd37_tw"),
    ("resolution", "18-NQ/TW", "Ban Chấp hành Trung ương", D(2022, 6, 16),
     "Về tiếp tục đổi mới, hoàn thiện thể chế, chính sách, nâng cao hiệu lực, hiệu quả quản lý và sử dụng đất, tạo động "
     "lực đưa nước ta trở thành nước phát triển có thu nhập cao", "Nghị quyết Trung ương 5 khóa XIII về đất đai", "nq18_tw"),
    ("resolution", "27-NQ/TW", "Ban Chấp hành Trung ương", D(2022, 11, 9),
     "Về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
     "Nghị quyết Trung ương 6 khóa XIII về Nhà nước pháp quyền", "nq27_tw"),
    ("regulation", "144-QĐ/TW", "Bộ Chính trị", D(2024, 5, 9),
     "Về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới",
     "Quy định 144-QĐ/TW về chuẩn mực đạo đức cách mạng", "qd144_tw"),
    ("resolution", "57-NQ/TW", "Bộ Chính trị", D(2024, 12, 22),
     "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
     "Nghị quyết 57-NQ/TW của Bộ Chính trị", "nq57_tw"),
    ("resolution", "66-NQ/TW", "Bộ Chính trị", D(2025, 4, 30),
     "Về đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước trong kỷ nguyên mới",
     "Nghị quyết 66-NQ/TW của Bộ Chính trị", "nq66_tw"),
    ("resolution", "68-NQ/TW", "Bộ Chính trị", D(2025, 5, 4), "Về phát triển kinh tế tư nhân",
     "Nghị quyết 68-NQ/TW của Bộ Chính trị", "nq68_tw"),
]


def seed(document_model) -> int:
    """Add the central documents that are missing (the data migration; browser tests after a transactional test has
    emptied the tables). Returns how many were added."""
    from dangvu.core.text import fold

    existing = set(document_model.objects.values_list("number", flat=True))
    added = document_model.objects.bulk_create([
        document_model(kind=kind, number=number, issuer=issuer, issued_on=issued_on, title=title, short_name=short,
                       level="all", search_key=fold(f"{number} {title} {short}"))
        for kind, number, issuer, issued_on, title, short, _code in CENTRAL_DOCUMENTS if number not in existing])
    return len(added)
