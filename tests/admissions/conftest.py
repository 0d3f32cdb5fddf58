import pytest
from rest_framework.test import APIClient

from tests.admissions import full_members
from tests.api.conftest import FreshUserClient


@pytest.fixture
def cell_members(cast):
    """Three full members of cell A1 (admitted 2012): introducers and the cell's base."""
    return full_members(cast.tree.cell_a1)


@pytest.fixture
def api():
    """`api(user)` → an API client authenticated as a fresh copy of `user` on each request; `api()` → anonymous."""

    def make(user=None):
        return APIClient() if user is None else FreshUserClient(user)

    return make
