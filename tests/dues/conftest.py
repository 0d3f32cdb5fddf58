import pytest
from rest_framework.test import APIClient

from tests.api.conftest import FreshUserClient


@pytest.fixture
def api():
    """`api(user)` → an APIClient authenticated as `user` (fresh copy each request); `api()` → anonymous."""

    def make(user=None):
        return APIClient() if user is None else FreshUserClient(user)

    return make
