"""The documented error answers of the API (for `extend_schema(responses=…)`), in one place.

`write_responses(ok_code, ok)` is what every write endpoint answers: its success, 400 (invalid data
or a rule refused it), 403 (visible but not changeable), 404 (absent or outside the scope) and,
when the request carries a `version`, 409 (someone changed it since).
"""

from drf_spectacular.utils import OpenApiResponse

from dangvu.api.serializers import ConflictSerializer, DetailSerializer, ValidationErrorSerializer

NOT_FOUND = OpenApiResponse(DetailSerializer, description="Không tồn tại hoặc ngoài phạm vi quyền.")
FORBIDDEN = OpenApiResponse(DetailSerializer, description="Được xem nhưng không được thay đổi.")
INVALID = OpenApiResponse(ValidationErrorSerializer, description="Dữ liệu sai hoặc quy tắc nghiệp vụ từ chối.")
CONFLICT = OpenApiResponse(ConflictSerializer, description="Người khác đã sửa sau khi bạn đọc (phiên bản cũ).")


def write_responses(ok_code: int, ok, conflict: bool = True) -> dict:
    """The responses of a write endpoint: `ok` under `ok_code`, and the errors it may answer."""
    responses = {ok_code: ok, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}
    if conflict:
        responses[409] = CONFLICT
    return responses
