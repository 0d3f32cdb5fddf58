import re
import uuid

from dangvu.audit.capture import strict
from dangvu.audit.context import request_context

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Gives every request a server-generated id, used by audit entries and sent back as X-Request-ID.

    A client's own X-Request-ID (when well-formed) is kept only as a separate field
    (`AuditEntry.client_request_id`, `request.client_request_id`): a client cannot choose the id
    under which the server records what it did."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.client_request_id = incoming if _SAFE_ID.match(incoming) else ""
        request_id = uuid.uuid4().hex
        request.request_id = request_id
        with request_context(request_id, request.client_request_id), strict():  # no audited write outside a service
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
