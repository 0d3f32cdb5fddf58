import pytest
from rest_framework.test import APIClient

from dangvu.accounts.models import User


class FreshUserClient(APIClient):
    """Authenticated as a fresh copy of the user on every request, as a real request would be.

    (`force_authenticate` alone reuses one Python object, and with it the scope cache that
    `dangvu.accounts.permissions` keeps on the user for the length of one request.)
    """

    def __init__(self, user, **kwargs):
        super().__init__(**kwargs)
        self._user_pk = user.pk

    def request(self, **kwargs):
        self.force_authenticate(user=User.objects.get(pk=self._user_pk))
        return super().request(**kwargs)


@pytest.fixture
def api():
    """`api(user)` → an APIClient authenticated as `user`; `api()` → anonymous."""

    def make(user=None):
        return APIClient() if user is None else FreshUserClient(user)

    return make
