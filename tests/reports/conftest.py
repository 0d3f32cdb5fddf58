"""Fixtures of the report tests: jobs run in the caller; the small year of tests/reports/__init__.py."""

import pytest

from tests.reports import year_2024


@pytest.fixture(autouse=True)
def immediate_jobs(settings, tmp_path):
    settings.JOBS = "immediate"
    settings.MEDIA_ROOT = tmp_path  # the report files of a test stay out of var/media


@pytest.fixture
def year2024(cast):
    return year_2024(cast.tree)
