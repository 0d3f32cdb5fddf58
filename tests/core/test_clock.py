"""The suite's frozen clock (tests/conftest.py `frozen_clock`, tests/clock.py)."""

import datetime as dt
import threading
import time

import pytest
from django.utils import timezone

from dangvu.core import dates
from tests.clock import NOW, TODAY, VN


def test_every_test_runs_at_the_frozen_moment_unless_it_names_another():
    assert dates.today() == TODAY == dt.date(2026, 12, 3)
    assert timezone.now() == NOW and timezone.localtime().hour == 10
    assert dt.date.today() == TODAY and time.time() == NOW.timestamp()


def test_the_clock_does_not_tick():
    first = timezone.now()
    time.sleep(0.01)
    assert timezone.now() == first


def test_other_threads_read_the_same_clock():
    """The live server of the browser tests answers from another thread of this process."""
    seen = []
    worker = threading.Thread(target=lambda: seen.append((dates.today(), timezone.now())))
    worker.start()
    worker.join()
    assert seen == [(TODAY, NOW)]


@pytest.mark.on_date("2024-05-01")
def test_a_test_names_its_day():
    assert dates.today() == dt.date(2024, 5, 1)
    assert timezone.now() == dt.datetime(2024, 5, 1, 10, 0, tzinfo=VN)


@pytest.mark.on_date("2026-07-25 23:30")
def test_a_test_names_its_moment_in_ha_noi_time():
    assert dates.today() == dt.date(2026, 7, 25)
    assert timezone.now() == dt.datetime(2026, 7, 25, 23, 30, tzinfo=VN)


def test_no_test_reads_the_real_clock():
    """Tests write TODAY / NOW (or an explicit date), so what a test means does not depend on the day it runs."""
    import pathlib
    import re

    here = pathlib.Path(__file__).resolve()
    root = here.parents[1]
    clock = re.compile(r"date\.today\(|datetime\.now\(|datetime\.utcnow\(|timezone\.now\(|localdate\(|dates import today\b|time\.time\(")
    readers = [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py")) if path not in (here, root / "clock.py")
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if clock.search(line)]
    assert readers == []
