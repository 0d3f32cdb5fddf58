import re
import uuid

from dangvu.audit.capture import strict
from dangvu.audit.context import request_context

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Gives every request an id (or keeps a well-formed X-Request-ID) used by audit entries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        with request_context(request_id), strict():  # no audited write outside a service
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
