"""One table of dated regimes: each chain of regulations (shared/domain-rules.md §0) answers which
document is in force on a date and how it is cited; unconfirmed documents stay off until confirmed."""

import datetime as dt

import pytest

from dangvu.rules import services
from dangvu.rules.parameters import Params
from dangvu.rules.regimes import ALL_DOCUMENTS, CHAINS, Chain, citation, documents, in_force, short

D = dt.date


def test_every_chain_is_in_date_order_and_documents_are_complete():
    for key, (label, docs) in CHAINS.items():
        assert label and docs, key
        assert [d.effective for d in docs] == sorted(d.effective for d in docs), key
        for d in docs:
            assert d.chain == key and d.number and d.issuer and d.status in {"CONF", "SEC", "REP-2026", "UNCONFIRMED"}
            assert d.effective >= d.issued or d.code == "qd01_2026"  # dues: signed 3/2/2026, effective 1/2/2026
    assert len({d.code for d in ALL_DOCUMENTS}) == len(ALL_DOCUMENTS)


@pytest.mark.parametrize(("chain", "on", "expected"), [
    (Chain.IMPLEMENTING, D(2016, 7, 24), None),
    (Chain.IMPLEMENTING, D(2025, 6, 30), "QĐ 232-QĐ/TW"),
    (Chain.IMPLEMENTING, D(2025, 7, 1), "QĐ 294-QĐ/TW"),
    (Chain.IMPLEMENTING, D(2026, 11, 1), "QĐ 294-QĐ/TW"),  # QĐ 208 not confirmed
    (Chain.GUIDANCE, D(2021, 9, 27), "HD 01-HD/TW"),
    (Chain.GUIDANCE, D(2025, 6, 8), "HD 01-HD/TW"),
    (Chain.GUIDANCE, D(2025, 6, 9), "HD 06-HD/TW"),
    (Chain.GUIDANCE, D(2026, 6, 1), "HD 06-HD/TW"),  # HD 01/2026 not confirmed
    (Chain.RESIDENCE, D(2020, 1, 1), "QĐ 76-QĐ/TW"),
    (Chain.RESIDENCE, D(2020, 1, 2), "QĐ 213-QĐ/TW"),
    (Chain.CARDS, D(2025, 8, 7), "CT 29-CT/TW"),
    (Chain.CARDS, D(2025, 8, 8), "CT 51-CT/TW"),
    (Chain.REVIEW, D(2023, 10, 3), "QĐ 132-QĐ/TW"),
    (Chain.REVIEW, D(2023, 10, 4), "QĐ 124-QĐ/TW"),
    (Chain.REVIEW, D(2025, 8, 30), "QĐ 366-QĐ/TW"),
    (Chain.DUES, D(2026, 1, 31), "QĐ 342-QĐ/TW"),
    (Chain.DUES, D(2026, 2, 1), "QĐ 01-QĐ/TW"),  # effective before it was signed
    (Chain.INSPECTION, D(2025, 2, 2), "QĐ 22-QĐ/TW"),
    (Chain.INSPECTION, D(2025, 2, 3), "QĐ 262-QĐ/TW"),
    (Chain.INSPECTION, D(2025, 5, 30), "QĐ 296-QĐ/TW"),
    (Chain.DISCIPLINE, D(2022, 7, 5), "QĐ 102-QĐ/TW"),
    (Chain.DISCIPLINE, D(2022, 7, 6), "QĐ 69-QĐ/TW"),
    (Chain.MEETINGS, D(2025, 10, 28), "HD 42-HD/BTCTW"),
    (Chain.MEMBER_WORK, D(2022, 1, 17), "HD 09-HD/BTCTW"),
    (Chain.MEMBER_WORK, D(2022, 1, 18), "HD 12-HD/BTCTW"),
    (Chain.STATISTICS, D(2021, 12, 13), "HD 11-HD/BTCTW"),
])
def test_in_force_on_boundaries(chain, on, expected):
    doc = in_force(chain, on, Params(on))
    assert (doc.short if doc else None) == expected
    assert short(chain, on, Params(on)) == (expected or "")


def test_citation_in_official_form_and_by_the_date_of_the_event():
    assert citation(Chain.IMPLEMENTING, D(2025, 8, 1), Params(D(2025, 8, 1))) == (
        "Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng")
    # A badge decision in 2026 cites the guidance of 2025, not "HD 01-HD/TW (2021)".
    assert citation(Chain.GUIDANCE, D(2026, 3, 2), Params(D(2026, 3, 2))).startswith("Hướng dẫn số 06-HD/TW, ngày 9/6/2025")
    assert citation(Chain.GUIDANCE, D(2024, 9, 2), Params(D(2024, 9, 2))).startswith("Hướng dẫn số 01-HD/TW, ngày 28/9/2021")
    assert citation(Chain.IMPLEMENTING, D(2010, 1, 1), Params(D(2010, 1, 1))) == ""
    # Two documents numbered HD 12-HD/BTCTW: the date tells them apart.
    assert {d.short_dated for d in documents(Chain.MEMBER_WORK)} >= {"HD 12-HD/BTCTW (17/5/2012)", "HD 12-HD/BTCTW (18/1/2022)"}


@pytest.mark.django_db
def test_qd_208_is_applied_and_cited_only_once_an_administrator_confirms_it(cast):
    on = D(2026, 9, 1)
    assert short(Chain.IMPLEMENTING, on) == "QĐ 294-QĐ/TW"
    services.set_parameter(by=cast.admin, key="regimes.qd208_confirmed", value=1, effective_from=D(2026, 8, 15),
                           reason="Đã đối chiếu bản chính thức QĐ 208")
    assert short(Chain.IMPLEMENTING, on) == "QĐ 208-QĐ/TW"
    # Confirmed from 15/8: before that date the earlier regulation is still the one applied.
    assert short(Chain.IMPLEMENTING, D(2026, 8, 1)) == "QĐ 294-QĐ/TW"
    assert citation(Chain.IMPLEMENTING, on).startswith("Quy định số 208-QĐ/TW, ngày 26/7/2026")
