"""The rules of the annual review, pure (domain-rules §8)."""

import datetime as dt
from decimal import Decimal

import pytest

from dangvu.evaluations import rules
from dangvu.evaluations.rules import Grade, QuotaBase
from dangvu.rules.parameters import Params
from dangvu.rules.regimes import review_regime_on

D = dt.date
P = Params(D(2025, 12, 31))
QD366 = review_regime_on(D(2025, 12, 31))
QD124 = review_regime_on(D(2023, 12, 31))
QD132 = review_regime_on(D(2022, 12, 31))


def test_regimes_by_date():
    assert review_regime_on(D(2018, 12, 31)).code == "qd132"
    assert review_regime_on(D(2023, 10, 3)).code == "qd132"
    assert review_regime_on(D(2023, 10, 4)).code == "qd124"
    assert review_regime_on(D(2025, 8, 29)).code == "qd124"
    assert review_regime_on(D(2025, 8, 30)).code == "qd366"
    assert QD366.scored and not QD124.scored and not QD132.scored
    assert QD366.guidance.number == "43-HD/BTCTW" and QD132.guidance.number == "21-HD/BTCTW"


@pytest.mark.parametrize("score, grade", [
    ("100", Grade.EXCELLENT), ("90", Grade.EXCELLENT), ("89.9", Grade.GOOD), ("70", Grade.GOOD), ("69.9", Grade.COMPLETED),
    ("50", Grade.COMPLETED), ("49.9", Grade.NOT_COMPLETED), ("0", Grade.NOT_COMPLETED)])
def test_score_bands_at_their_boundaries(score, grade):
    assert rules.grade_for_score(Decimal(score), P) == grade


def test_bands_are_parameters():
    params = Params(D(2025, 12, 31), {"evaluations.excellent_min_score": Decimal("95.0")})
    assert rules.grade_for_score(Decimal("94.9"), params) == Grade.GOOD


def test_a_grade_above_the_scores_band_is_refused_with_the_band():
    v = rules.check_member_grade(grade=Grade.EXCELLENT, regime=QD366, score=Decimal("89.9"), params=P, full_name="A")
    assert [x.code for x in v] == ["evaluation.score_band"]
    assert "89,9 điểm chỉ đạt mức “Hoàn thành tốt nhiệm vụ”" in v[0].message
    assert "xuất sắc từ 90 điểm" in v[0].message and "Quy định 366-QĐ/TW" in v[0].text()
    assert rules.check_member_grade(grade=Grade.EXCELLENT, regime=QD366, score=Decimal(90), params=P) == []
    # A lower grade than the band allows stays possible (the other conditions of C3–C5).
    assert rules.check_member_grade(grade=Grade.COMPLETED, regime=QD366, score=Decimal(95), params=P) == []


def test_scored_regime_needs_a_score_and_earlier_regimes_do_not():
    assert [x.code for x in rules.check_member_grade(grade=Grade.GOOD, regime=QD366, score=None, params=P)] == [
        "evaluation.score_missing"]
    assert rules.check_member_grade(grade=Grade.EXCELLENT, regime=QD124, score=None, params=P) == []
    assert rules.check_member_grade(grade=Grade.EXCELLENT, regime=QD132, score=None, params=P) == []


def test_disqualifying_condition_caps_the_grade():
    dq = [rules.Disqualification("Bị kỷ luật khiển trách ngày 12/05/2025")]
    v = rules.check_member_grade(grade=Grade.COMPLETED, regime=QD366, score=Decimal(80), params=P, disqualifications=dq)
    assert [x.code for x in v] == ["evaluation.disqualified"] and "khiển trách" in v[0].message
    assert rules.check_member_grade(grade=Grade.NOT_COMPLETED, regime=QD124, score=None, params=P,
                                    disqualifications=dq) == []


@pytest.mark.parametrize("exclusion", [rules.Exclusion.EXEMPTED, rules.Exclusion.SUSPENDED])
def test_exempted_and_suspended_members_are_not_graded(exclusion):
    v = rules.check_member_grade(grade=Grade.GOOD, regime=QD124, score=None, params=P, exclusion=exclusion)
    assert [x.code for x in v] == ["evaluation.excluded"] and "không xếp loại" in v[0].message


def test_quota_on_good_208_allows_41_refuses_42():
    assert rules.quota_max({Grade.GOOD: 208}, QuotaBase.GOOD, Decimal(20)) == 41
    assert rules.check_quota({Grade.GOOD: 208, Grade.EXCELLENT: 41}, base=QuotaBase.GOOD, percent=Decimal(20)) == []
    v = rules.check_quota({Grade.GOOD: 208, Grade.EXCELLENT: 42}, base=QuotaBase.GOOD, percent=Decimal(20),
                          organization="Đảng bộ xã An Lạc")
    assert [x.code for x in v] == ["evaluation.quota"]
    assert "đã chọn 42 xuất sắc / tối đa 41" in v[0].message and "Đảng bộ xã An Lạc" in v[0].message


def test_quota_on_good_or_better_counts_the_excellent_in_the_base():
    # 166 good + 42 excellent = 208 good or better → at most 41.
    counts = {Grade.GOOD: 166, Grade.EXCELLENT: 42}
    assert rules.quota_max(counts, QuotaBase.GOOD_OR_BETTER, Decimal(20)) == 41
    assert rules.check_quota(counts, base=QuotaBase.GOOD_OR_BETTER, percent=Decimal(20))
    counts = {Grade.GOOD: 167, Grade.EXCELLENT: 41}
    assert rules.check_quota(counts, base=QuotaBase.GOOD_OR_BETTER, percent=Decimal(20)) == []
    # The same counts on the base "good" would allow only 33.
    assert rules.check_quota(counts, base=QuotaBase.GOOD, percent=Decimal(20))


def test_quota_text_as_shown_live():
    assert rules.quota_text(236, 208) == "đã chọn 236 xuất sắc / tối đa 208"
    assert rules.quota_text(1236, 1208) == "đã chọn 1.236 xuất sắc / tối đa 1.208"


@pytest.mark.parametrize("label, grade", [
    ("trong sạch, vững mạnh", Grade.EXCELLENT), ("Trong sạch vững mạnh", Grade.EXCELLENT), ("TRONG SẠCH, VỮNG MẠNH", Grade.EXCELLENT),
    ("vững mạnh", Grade.EXCELLENT), ("hoàn thành tốt nhiệm vụ", Grade.GOOD), ("Hoàn thành tốt", Grade.GOOD),
    ("hoàn thành nhiệm vụ", Grade.COMPLETED), ("yếu kém", Grade.NOT_COMPLETED), ("yeu kem", Grade.NOT_COMPLETED),
    ("xuất sắc tiêu biểu khác", None)])
def test_legacy_labels(label, grade):
    assert rules.legacy_grade(label) == grade


@pytest.mark.parametrize("label, grade", [
    ("Đủ tư cách, hoàn thành xuất sắc nhiệm vụ", Grade.EXCELLENT), ("Đảng viên đủ tư cách hoàn thành tốt nhiệm vụ", Grade.GOOD),
    ("ĐỦ TƯ CÁCH, HOÀN THÀNH NHIỆM VỤ", Grade.COMPLETED), ("đủ tư cách, hoàn thành nhiệm vụ nhưng còn hạn chế", Grade.COMPLETED),
    ("Vi phạm tư cách", Grade.NOT_COMPLETED), ("Đảng viên vi phạm tư cách hoặc không hoàn thành nhiệm vụ", Grade.NOT_COMPLETED),
    ("Hoàn thành xuất sắc nhiệm vụ", Grade.EXCELLENT), ("hoan thanh tot nhiem vu", Grade.GOOD),
    ("Không hoàn thành nhiệm vụ", Grade.NOT_COMPLETED),
    # the organizations' old labels are not a member's classification; nor is an unknown word
    ("Trong sạch, vững mạnh", None), ("Yếu kém", None), ("Khá", None), ("", None)])
def test_member_legacy_labels(label, grade):
    assert rules.member_legacy_grade(label) == grade


def test_two_consecutive_years_not_completed():
    nc = Grade.NOT_COMPLETED
    assert rules.consecutive_not_completed({2024: nc, 2025: nc}, 2025, 2)
    assert not rules.consecutive_not_completed({2023: nc, 2024: Grade.GOOD, 2025: nc}, 2025, 2)
    assert not rules.consecutive_not_completed({2025: nc}, 2025, 2)


def test_scores_parts_within_their_maximum():
    assert rules.check_scores(Decimal(30), Decimal(70), P) == []
    v = rules.check_scores(Decimal("30.5"), None, P)
    assert {x.code for x in v} == {"evaluation.score_range", "evaluation.score_missing"}
    assert "từ 0 đến 30 điểm" in v[0].message
