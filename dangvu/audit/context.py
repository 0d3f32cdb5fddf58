"""Who is acting and under which request id: set by the middleware or by a command."""

import contextvars
import uuid
from contextlib import contextmanager

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("dangvu_request_id", default="")
_client_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("dangvu_client_request_id", default="")


def current_request_id() -> str:
    rid = _request_id.get()
    return rid or f"local-{uuid.uuid4().hex[:12]}"


def current_client_request_id() -> str:
    """The X-Request-ID a client sent, if any: kept apart, never used as the request's own id."""
    return _client_request_id.get()


@contextmanager
def request_context(request_id: str | None = None, client_request_id: str = ""):
    token = _request_id.set(request_id or uuid.uuid4().hex)
    client_token = _client_request_id.set(client_request_id)
    try:
        yield
    finally:
        _client_request_id.reset(client_token)
        _request_id.reset(token)
