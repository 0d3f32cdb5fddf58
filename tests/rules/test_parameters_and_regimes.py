import datetime as dt

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.rules import services
from dangvu.rules.parameters import BY_KEY, DEFINITIONS, Params, params_on
from dangvu.rules.regimes import REGIMES, DecidingLevel, regime_on

D = dt.date


def test_regimes_cover_time_without_gaps():
    for earlier, later in zip(REGIMES, REGIMES[1:], strict=False):
        assert earlier.valid_to == later.valid_from
    assert REGIMES[-1].valid_to is None


CONFIRMED = {"regimes.qd208_confirmed": 1}


@pytest.mark.parametrize(("on", "code", "code_confirmed"), [
    (D(2015, 1, 1), "qd29", "qd29"), (D(2020, 6, 1), "qd29", "qd29"), (D(2021, 7, 29), "qd29", "qd29"),
    (D(2021, 7, 30), "qd24", "qd24"), (D(2025, 1, 19), "qd24", "qd24"), (D(2025, 1, 20), "qd232", "qd232"),
    (D(2025, 6, 30), "qd232", "qd232"), (D(2025, 7, 1), "qd294", "qd294"), (D(2026, 7, 25), "qd294", "qd294"),
    (D(2026, 7, 26), "qd294", "qd208"), (D(2030, 1, 1), "qd294", "qd208"),
])
def test_regime_on_boundaries(on, code, code_confirmed):
    # QĐ 208 (REP-2026) stays off until an administrator confirms its official text.
    assert regime_on(on, Params(on)).code == code
    assert regime_on(on, Params(on, CONFIRMED)).code == code_confirmed


def test_2020_and_2026_differ_where_the_rules_differ():
    on = D(2026, 11, 23)
    old, new = regime_on(D(2020, 6, 1)), regime_on(on, Params(on, CONFIRMED))
    assert old.admission_deciding_level == DecidingLevel.DIRECT_SUPERIOR_STANDING
    assert new.admission_deciding_level == DecidingLevel.GRASSROOTS_STANDING
    assert not old.transfer_letter_working_days and new.transfer_letter_working_days
    assert new.status == "REP-2026"
    assert regime_on(on, Params(on)).admission_deciding_level == DecidingLevel.DIRECT_SUPERIOR_STANDING


def test_every_parameter_cites_a_source_and_has_a_sane_default():
    for d in DEFINITIONS:
        assert d.source and d.label and d.unit
        assert d.minimum <= d.default <= d.maximum, d.key
        assert d.status in {"CONF", "SEC", "REP-2026", "UNCONFIRMED"}


@pytest.mark.django_db
def test_defaults_until_an_administrator_sets_a_value_from_a_date(cast):
    assert params_on(D(2026, 1, 1))["admission.file_validity_months"] == 12
    services.set_parameter(by=cast.admin, key="admission.file_validity_months", value=6, effective_from=D(2026, 7, 1),
                           reason="Hướng dẫn số 5-HD/TU ngày 20/6/2026")
    assert params_on(D(2026, 6, 30))["admission.file_validity_months"] == 12
    assert params_on(D(2026, 7, 1))["admission.file_validity_months"] == 6
    services.set_parameter(by=cast.admin, key="admission.file_validity_months", value=9, effective_from=D(2027, 1, 1),
                           reason="Sửa lại")
    assert params_on(D(2026, 12, 31))["admission.file_validity_months"] == 6
    assert params_on(D(2027, 1, 1))["admission.file_validity_months"] == 9
    entry = AuditEntry.objects.filter(action="rules.parameter_set").latest("id")
    assert entry.actor == cast.admin and entry.changes["_data"]["value"] == 9
    assert entry.note == "Sửa lại"


def test_a_book_reads_what_params_on_reads_and_shares_a_periods_values(cast):
    from dangvu.rules.parameters import ParamsBook

    for value, since in ((6, D(2026, 7, 1)), (9, D(2027, 1, 1))):
        services.set_parameter(by=cast.admin, key="admission.file_validity_months", value=value, effective_from=since,
                               reason="Hướng dẫn")
    book = ParamsBook()
    days = [D(2020, 1, 1), D(2026, 6, 30), D(2026, 7, 1), D(2026, 9, 2), D(2026, 12, 31), D(2027, 1, 1), D(2030, 5, 5)]
    for day in days:
        assert dict(book.on(day)) == dict(params_on(day)), day
        assert book.on(day).on == day
    assert [book.on(day)["admission.file_validity_months"] for day in days] == [12, 12, 6, 6, 6, 9, 9]
    # one dict of values a period between two settings, whatever the number of days asked (memory: an import asks ~10.000)
    assert book.on(D(2026, 7, 1))._values is book.on(D(2026, 12, 31))._values
    assert book.on(D(2026, 6, 30))._values is not book.on(D(2026, 7, 1))._values


@pytest.mark.django_db
def test_setting_a_parameter_is_refused_with_named_fields(cast):
    definition = BY_KEY["probation.months"]
    with pytest.raises(RuleViolation) as exc:
        services.set_parameter(by=cast.admin, key="probation.months", value=definition.maximum + 1,
                               effective_from=D(2026, 1, 1), reason="")
    fields = {v.field for v in exc.value.violations}
    assert fields == {"value", "reason"}
    assert "Giá trị" in str(exc.value) and "Căn cứ" in str(exc.value)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer_a", "secretary_a1", "viewer_a", "member_a1"])
def test_only_administrators_change_parameters(cast, who):
    with pytest.raises(PermissionDeniedInScope):
        services.set_parameter(by=getattr(cast, who), key="probation.months", value=12, effective_from=D(2026, 1, 1),
                               reason="x")
    assert not AuditEntry.objects.filter(action="rules.parameter_set").exists()


# ---------------------------------------------------------------- decimals, percentages, provinces, overrides

@pytest.fixture
def rate(monkeypatch):
    """A decimal parameter in percent (dues rates and review quotas will be defined this way)."""
    from decimal import Decimal

    from dangvu.rules import parameters

    d = parameters.ParameterDef("dues.test_rate", "Mức đóng thử", Decimal("1.00"), parameters.PERCENT, "D3", "QĐ 01-QĐ/TW",
                                "CONF", Decimal("0"), Decimal("100"), parameters.RULE, 2)
    monkeypatch.setattr(parameters, "DEFINITIONS", (*parameters.DEFINITIONS, d))
    monkeypatch.setitem(parameters.BY_KEY, d.key, d)
    return d


@pytest.mark.django_db
def test_a_decimal_percentage_parameter(cast, rate):
    from decimal import Decimal

    from dangvu.rules.parameters import text

    assert params_on(D(2026, 3, 1))["dues.test_rate"] == Decimal("1.00")
    services.set_parameter(by=cast.admin, key="dues.test_rate", value="0.5", effective_from=D(2026, 2, 1), reason="QĐ 01")
    p = params_on(D(2026, 3, 1))
    assert p["dues.test_rate"] == Decimal("0.50") and text(p, "dues.test_rate") == "0,5%"
    with pytest.raises(RuleViolation) as exc:
        services.set_parameter(by=cast.admin, key="dues.test_rate", value="0.125", effective_from=D(2026, 2, 1), reason="x")
    assert exc.value.violations[0].code == "rules.parameter_decimals"
    with pytest.raises(RuleViolation) as exc:
        services.set_parameter(by=cast.admin, key="probation.months", value="12.5", effective_from=D(2026, 2, 1), reason="x")
    assert "số nguyên" in exc.value.violations[0].message


@pytest.mark.django_db
def test_a_province_sets_its_own_value_which_applies_only_there(cast):
    province = cast.tree.province
    services.set_parameter(by=cast.admin, key="admission.file_validity_months", value=6, effective_from=D(2026, 1, 1),
                           reason="Hướng dẫn 05-HD/BTCTU của Ban Tổ chức Tỉnh ủy", province=province)
    assert params_on(D(2026, 6, 1))["admission.file_validity_months"] == 12  # national
    local = params_on(D(2026, 6, 1), province)
    assert local["admission.file_validity_months"] == 6
    assert local.sources["admission.file_validity_months"].reason.startswith("Hướng dẫn 05-HD/BTCTU")
    assert params_on(D(2025, 12, 31), province.pk)["admission.file_validity_months"] == 12  # before the local rule
    with pytest.raises(RuleViolation) as exc:  # only a province, and only for Party rules
        services.set_parameter(by=cast.admin, key="admission.file_validity_months", value=6, effective_from=D(2026, 1, 1),
                               reason="x", province=cast.tree.district_a)
    assert exc.value.violations[0].code == "rules.parameter_province"
    with pytest.raises(RuleViolation) as exc:
        services.set_parameter(by=cast.admin, key="todo.probation_horizon_days", value=10, effective_from=D(2026, 1, 1),
                               reason="x", province=province)
    assert exc.value.violations[0].code == "rules.parameter_province_kind"


@pytest.mark.django_db
def test_an_override_shows_its_own_source_and_settings_are_apart(client, cast):
    from django.urls import reverse

    services.set_parameter(by=cast.admin, key="probation.proposal_working_days", value=20, effective_from=D(2026, 1, 1),
                           reason="Công văn 99-CV/BTCTW ngày 5/1/2026")
    client.force_login(cast.officer_a)
    html = client.get(reverse("rules:overview"), {"as_of": "01/06/2026"}).content.decode()
    rules_table = html.split('data-testid="parameters"')[1].split("</table>")[0]
    row = rules_table.split('data-key="probation.proposal_working_days"')[1].split("</tr>")[0]
    source = row.split('data-testid="source"')[1].split("</td>")[0]
    assert source.strip(">").startswith("Công văn 99-CV/BTCTW ngày 5/1/2026")
    assert "do quản trị hệ thống đặt" in row and ">CONF<" not in row
    # Software settings are not among the Party's rules.
    assert "todo.probation_horizon_days" not in rules_table
    settings_table = html.split('data-testid="settings"')[1].split("</table>")[0]
    assert "todo.probation_horizon_days" in settings_table and "CONF" not in settings_table.replace("CONFIRM", "")


@pytest.mark.django_db
def test_an_organization_at_any_level_reads_its_provinces_own_value(cast):
    """A cell, a grassroots organization or a district of the province reads the province's value
    (the organization's path names its province); the national value stays for other callers."""
    province = cast.tree.province
    services.set_parameter(by=cast.admin, key="admission.introducer_together_months", value=6, effective_from=D(2026, 1, 1),
                           reason="Hướng dẫn 05-HD/BTCTU của Ban Tổ chức Tỉnh ủy", province=province)
    for org in (cast.tree.cell_a1, cast.tree.grassroots_a, cast.tree.district_a, province):
        local = params_on(D(2026, 6, 1), org)
        assert local["admission.introducer_together_months"] == 6, org.name
        assert local.province_id == province.pk
    assert params_on(D(2026, 6, 1))["admission.introducer_together_months"] == 12
    assert params_on(D(2025, 12, 31), cast.tree.cell_a1)["admission.introducer_together_months"] == 12
