"""django-axes' database handler with the project's one lockout rule (accounts/login.py `is_locked`):
per account (LOGIN_MAX_FAILURES) and per real client address (LOGIN_MAX_FAILURES_PER_ADDRESS),
so that axes' own backend, which guards every authenticate() call, decides as the login door does."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username

from dangvu.accounts import login


class AxesHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return login.is_locked(get_client_username(request, credentials), request.axes_ip_address)
