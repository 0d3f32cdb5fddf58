"""O2: a grassroots organization of 30 members or more is a grassroots committee, with fewer a grassroots
cell, unless the higher committee consents in writing. O10: the official 14-digit organization code."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import RuleViolation
from dangvu.organizations import rules
from dangvu.organizations import services as svc
from dangvu.organizations.kinds import Kind
from dangvu.rules.models import ParameterValue
from dangvu.rules.parameters import Params, defaults
from tests.members import register

D = dt.date
ON = D(2026, 1, 5)
K = Kind


def codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


# ---------------------------------------------------------------- O2

@pytest.mark.parametrize(("old", "new", "members", "ok"), [
    (K.GRASSROOTS_CELL, K.GRASSROOTS_COMMITTEE, 29, False), (K.GRASSROOTS_CELL, K.GRASSROOTS_COMMITTEE, 30, True),
    (K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL, 29, True), (K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL, 30, False),
    (K.CELL, K.PARTY_GROUP, 2, True),  # another pair: no threshold
])
def test_o2_threshold(old, new, members, ok):
    violations = rules.check_grassroots_size(old, new, members, 30, ON)
    assert (violations == []) is ok
    if not ok:
        v = violations[0]
        assert v.code == "org.grassroots_size" and v.field == "exception_consent" and "O2" in v.source
        assert f"có {members} đảng viên" in v.message
    assert rules.check_grassroots_size(old, new, members, 30, ON, exception_consent="Công văn 5-CV/HU") == []


@pytest.fixture
def grassroots_cell(tree):
    return svc.establish(by=SYSTEM, parent=tree.district_a, code="99.001.002", name="Chi bộ Công ty May An Lạc",
                         kind=K.GRASSROOTS_CELL, effective_date=D(2012, 1, 1))


def _members(org, n):
    for i in range(n):
        register(f"Nguyễn Văn Thợ {i}", org, born=D(1980, 1, 1 + i % 28))


def test_o2_upgrade_counts_the_members_on_the_date(tree, grassroots_cell):
    _members(grassroots_cell, 29)
    with pytest.raises(RuleViolation) as exc:
        svc.change_kind(by=SYSTEM, org=grassroots_cell, kind=K.GRASSROOTS_COMMITTEE, effective_date=ON)
    assert codes(exc) == {"org.grassroots_size"}
    assert "29 đảng viên" in str(exc.value)
    _members_30th = register("Trần Văn Ba Mươi", grassroots_cell)
    org = svc.change_kind(by=SYSTEM, org=grassroots_cell, kind=K.GRASSROOTS_COMMITTEE, effective_date=ON)
    assert org.kind == K.GRASSROOTS_COMMITTEE
    assert org.events.get(event_type="change_kind").data["members"] == 30


def test_o2_threshold_is_a_parameter(tree, grassroots_cell):
    _members(grassroots_cell, 3)
    ParameterValue.objects.create(key="organization.grassroots_committee_min_members", value=3, effective_from=D(2025, 1, 1),
                                  reason="Thử nghiệm tham số")
    assert svc.change_kind(by=SYSTEM, org=grassroots_cell, kind=K.GRASSROOTS_COMMITTEE, effective_date=ON).kind == \
        K.GRASSROOTS_COMMITTEE


def test_o2_downgrade_with_the_higher_committees_consent(tree):
    """Grassroots A has no member in this tree: a grassroots cell, by the rule, without consent."""
    org = svc.change_kind(by=SYSTEM, org=tree.grassroots_a, kind=K.GRASSROOTS_CELL, effective_date=ON)
    assert org.kind == K.GRASSROOTS_CELL
    org = svc.change_kind(by=SYSTEM, org=org, kind=K.GRASSROOTS_COMMITTEE, effective_date=D(2026, 2, 2),
                          exception_consent="Công văn 77-CV/TU ngày 20/1/2026")
    assert org.events.filter(event_type="change_kind").latest("id").data["exception_consent"] == "Công văn 77-CV/TU ngày 20/1/2026"


# ---------------------------------------------------------------- O10

REQUIRED = Params(ON, {"organization.official_code_required": 1})


@pytest.mark.parametrize(("code", "kind", "params", "expected"), [
    ("38.168.053.000.001", K.CELL, defaults(ON), []),
    ("38.168.53.000.001", K.CELL, defaults(ON), []),  # not required: other codes stay possible
    ("38.168.53.000.001", K.CELL, REQUIRED, ["org.code_official_required"]),  # five numbers, wrong widths
    ("38.168.053.000.0001", K.GRASSROOTS_CELL, REQUIRED, ["org.code_official_required"]),
    ("99.001.001", K.GRASSROOTS_COMMITTEE, defaults(ON), []),  # the regime does not require the official code
    ("99.001.001", K.GRASSROOTS_COMMITTEE, REQUIRED, ["org.code_official_required"]),
    ("99.001.001.000.001", K.CELL, REQUIRED, []),
    ("99.001.001.001", K.PARTIAL_COMMITTEE, REQUIRED, ["org.code_official_required"]),
    ("99", K.PROVINCIAL_COMMITTEE, REQUIRED, []),  # kinds without an official code keep theirs
    ("99.001", K.DISTRICT_COMMITTEE, REQUIRED, []),
    ("99.001.001.000.001.01", K.PARTY_GROUP, REQUIRED, []),
    ("TW", K.CENTRAL, REQUIRED, []),
])
def test_o10_codes_by_kind(code, kind, params, expected):
    violations = rules.check_code(code, kind, params)
    assert [v.code for v in violations] == expected
    if expected:
        assert violations[0].field == "code" and "O10" in violations[0].source and "38.168.053.000.001" in violations[0].message


def test_o10_required_from_the_parameters_date(tree):
    ParameterValue.objects.create(key="organization.official_code_required", value=1, effective_from=D(2026, 7, 26),
                                  reason="Quy định mã tổ chức đảng")
    before = svc.establish(by=SYSTEM, parent=tree.grassroots_a, code="99.001.001.000.007", name="Chi bộ thôn Nam",
                           kind=K.CELL, effective_date=D(2026, 7, 25))
    assert before.code == "99.001.001.000.007"
    assert svc.establish(by=SYSTEM, parent=tree.grassroots_a, code="CB-08", name="Chi bộ thôn Bắc",
                         kind=K.CELL, effective_date=D(2026, 7, 25)).code == "CB-08"
    with pytest.raises(RuleViolation) as exc:
        svc.establish(by=SYSTEM, parent=tree.grassroots_a, code="CB-09", name="Chi bộ thôn Giữa", kind=K.CELL,
                      effective_date=D(2026, 7, 26))
    assert codes(exc) == {"org.code_official_required"}
