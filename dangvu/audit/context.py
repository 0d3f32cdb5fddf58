"""Who is acting and under which request id: set by the middleware or by a command."""

import contextvars
import uuid
from contextlib import contextmanager

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("dangvu_request_id", default="")


def current_request_id() -> str:
    rid = _request_id.get()
    return rid or f"local-{uuid.uuid4().hex[:12]}"


@contextmanager
def request_context(request_id: str | None = None):
    token = _request_id.set(request_id or uuid.uuid4().hex)
    try:
        yield
    finally:
        _request_id.reset(token)
