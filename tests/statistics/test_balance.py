"""The balance of the register: for every organization and period,
total_start + admitted + readmitted + transferred_in + reorganized_in
− transferred_out − reorganized_out − deceased − struck_off − expelled − left = total."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvu.core.figures import Window
from dangvu.statistics.engine import counts

pytestmark = pytest.mark.django_db

IN = ["members.admitted", "members.readmitted", "members.transferred_in", "members.reorganized_in"]
OUT = ["members.transferred_out", "members.reorganized_out", "members.deceased", "members.struck_off",
       "members.expelled", "members.left"]


def balance(window):
    c = counts(window, ["members.total_start", "members.total", *IN, *OUT])
    return c["members.total_start"] + sum(c[k] for k in IN) - sum(c[k] for k in OUT), c["members.total"], c


PERIODS = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in (2010, 2020, 2023, 2024, 2025, 2026)] + [
    (dt.date(2025, 3, 1), dt.date(2025, 3, 1)), (dt.date(2025, 2, 28), dt.date(2025, 3, 1)),
    (dt.date(2024, 6, 10), dt.date(2025, 6, 30)), (dt.date(2023, 5, 5), dt.date(2024, 9, 1)),
]


def test_balance_on_every_organization_and_period(data):
    checked = 0
    for org in vars(data.tree).values():
        for start, end in PERIODS:
            computed, total, c = balance(Window(org, start, end))
            assert computed == total, (org.code, start, end, c)
            checked += 1
    assert checked == 8 * len(PERIODS)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])  # the data set is only read
@given(start=st.dates(dt.date(2009, 6, 1), dt.date(2026, 6, 1)), days=st.integers(0, 900),
       which=st.sampled_from(["province", "district_a", "district_b", "grassroots_a", "cell_a2"]))
def test_balance_on_any_window(data, start, days, which):
    window = Window(getattr(data.tree, which), start, start + dt.timedelta(days=days))
    computed, total, c = balance(window)
    assert computed == total, c
