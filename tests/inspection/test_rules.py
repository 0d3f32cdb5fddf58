"""K13, K14, K15, K18 as pure rules, at their boundaries."""

import datetime as dt

import pytest

from dangvu.inspection import rules
from dangvu.rules.parameters import params_on

pytestmark = pytest.mark.django_db

D = dt.date
ON = D(2026, 3, 2)


def _cell_thematic(members, *, committee=False, groups=0, dispersed=False, leading=False, higher=False):
    return rules.check_opening(kind="thematic_supervision", body_kind="cell", date=ON, member_subject=True, matter="",
                               cell=rules.CellFacts(members=members, has_committee=committee, party_groups=groups),
                               subject=rules.SubjectFacts(in_body_cell=True, leading_post=leading, higher_managed=higher),
                               dispersed=dispersed, params=params_on(ON))


def _codes(violations):
    return {v.code for v in violations}


def test_k14_thematic_supervision_needs_more_than_30_members_at_the_boundary():
    assert _codes(_cell_thematic(30)) == {"case.cell_thematic"}
    assert _cell_thematic(31) == []
    message = _cell_thematic(30)[0].text()
    assert "trên 30 đảng viên" in message and "08-HD/TW" in message


@pytest.mark.parametrize("facts", [{"committee": True}, {"groups": 2}, {"dispersed": True}])
def test_k14_a_committee_dispersed_members_or_many_party_groups_allow_it(facts):
    assert _cell_thematic(5, **facts) == []
    assert _codes(_cell_thematic(5, groups=1)) == {"case.cell_thematic"}


def test_k14_the_threshold_is_a_parameter():
    from dangvu.rules.models import ParameterValue

    ParameterValue.objects.create(key="inspection.thematic_cell_min_members", value=20, effective_from=D(2026, 1, 1),
                                  reason="Quy định của tỉnh")
    assert _cell_thematic(21) == [] and _codes(_cell_thematic(20)) == {"case.cell_thematic"}


def test_k14_cells_do_not_supervise_leaders_or_members_managed_higher():
    assert _codes(_cell_thematic(40, leading=True)) == {"case.cell_leader"}
    assert _codes(_cell_thematic(40, higher=True)) == {"case.cell_leader"}


def test_k13_boards_do_not_inspect_a_member_for_signs_of_violation():
    found = rules.check_opening(kind="signs_of_violation", body_kind="board", date=ON, member_subject=True, matter="",
                                cell=None, subject=None, dispersed=False, params=params_on(ON))
    assert _codes(found) == {"case.board_signs"} and "296-QĐ/TW" in found[0].text()
    assert rules.check_opening(kind="signs_of_violation", body_kind="board", date=ON, member_subject=False, matter="",
                               cell=None, subject=None, dispersed=False, params=params_on(ON)) == []
    assert rules.check_opening(kind="signs_of_violation", body_kind="commission", date=ON, member_subject=True, matter="",
                               cell=None, subject=None, dispersed=False, params=params_on(ON)) == []


def test_k13_cells_inspect_their_members_on_the_listed_matters():
    cell = rules.CellFacts(members=10, has_committee=False, party_groups=0)
    subject = rules.SubjectFacts(in_body_cell=True, leading_post=False, higher_managed=False)

    def check(kind, matter, member=True, inside=True):
        s = rules.SubjectFacts(in_body_cell=inside, leading_post=False, higher_managed=False) if inside is not None else subject
        return _codes(rules.check_opening(kind=kind, body_kind="cell", date=ON, member_subject=member, matter=matter,
                                          cell=cell, subject=s, dispersed=False, params=params_on(ON)))

    assert check("signs_of_violation", "prohibitions") == set()
    assert check("signs_of_violation", "other") == {"case.cell_matter"}
    assert check("finance", "duties") == {"case.cell_kind"}
    assert check("signs_of_violation", "duties", inside=False) == {"case.cell_member"}
    assert check("regular_supervision", "", member=False) == {"case.cell_subject"}


def test_k15_admissibility():
    assert rules.admissibility(signed=True, named=True, specific=True, with_evidence=True, forged=False).handled
    anonymous = rules.admissibility(signed=False, named=False, specific=True, with_evidence=True, forged=False)
    assert not anonymous.handled and anonymous.reasons == ("nặc danh (không ký tên, không ghi rõ họ tên)",)
    assert not rules.admissibility(signed=True, named=True, specific=True, with_evidence=True, forged=True).handled
    assert not rules.admissibility(signed=True, named=True, specific=False, with_evidence=True, forged=False).handled
    assert not rules.admissibility(signed=True, named=True, specific=True, with_evidence=False, forged=False).handled


@pytest.mark.parametrize("covered,total,target,missing", [(0, 30, 10, 3), (3, 30, 10, 0), (2, 31, 10, 2), (4, 31, 10, 0),
                                                          (0, 0, 10, 0), (9, 100, 10, 1)])
def test_k18_shortfall_rounds_the_needed_members_up(covered, total, target, missing):
    assert rules.coverage_shortfall(covered=covered, total=total, target_percent=target) == missing
