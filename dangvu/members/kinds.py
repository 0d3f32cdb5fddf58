"""Vocabulary of the member register (names from shared/domain.md)."""

from django.db import models


class Sex(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Status(models.TextChoices):
    """Membership status derived from the events (never typed in)."""

    PROBATIONARY = "probationary", "Dự bị"
    FULL = "full", "Chính thức"
    STRUCK_OFF = "struck_off", "Đã xóa tên"
    EXPELLED = "expelled", "Đã khai trừ"
    LEFT = "left", "Đã ra khỏi Đảng"
    DECEASED = "deceased", "Đã từ trần"
    TRANSFERRED_AWAY = "transferred_away", "Đã chuyển đi ngoài hệ thống"


IN_PARTY = frozenset({Status.PROBATIONARY, Status.FULL})


class EventType(models.TextChoices):
    ADMITTED = "admitted", "Kết nạp (dự bị)"
    RECOGNIZED = "recognized", "Công nhận đảng viên chính thức"
    TRANSFERRED_IN = "transferred_in", "Chuyển sinh hoạt đến (chính thức)"
    TRANSFERRED_OUT = "transferred_out", "Chuyển sinh hoạt đi ngoài hệ thống"
    TRANSFERRED_INTERNAL = "transferred_internal", "Chuyển sinh hoạt nội bộ"
    TEMPORARY_OUT = "temporary_out", "Chuyển sinh hoạt tạm thời đi"
    TEMPORARY_RETURN = "temporary_return", "Trở về sau sinh hoạt tạm thời"
    EXEMPTED = "exempted", "Miễn công tác và sinh hoạt đảng"
    EXEMPTION_ENDED = "exemption_ended", "Thôi miễn công tác và sinh hoạt"
    SUSPENDED = "suspended", "Đình chỉ sinh hoạt"
    REINSTATED = "reinstated", "Phục hồi sinh hoạt"
    STRUCK_OFF = "struck_off", "Xóa tên"
    EXPELLED = "expelled", "Khai trừ"
    LEFT = "left", "Ra khỏi Đảng"
    DECEASED = "deceased", "Từ trần"
    READMITTED = "readmitted", "Kết nạp lại"


# Events that need an organization (where the member is afterwards).
NEEDS_ORGANIZATION = frozenset({
    EventType.ADMITTED, EventType.TRANSFERRED_IN, EventType.TRANSFERRED_INTERNAL, EventType.TEMPORARY_OUT,
    EventType.READMITTED,
})
ENDING_EVENTS = {
    EventType.STRUCK_OFF: Status.STRUCK_OFF, EventType.EXPELLED: Status.EXPELLED, EventType.LEFT: Status.LEFT,
    EventType.DECEASED: Status.DECEASED, EventType.TRANSFERRED_OUT: Status.TRANSFERRED_AWAY,
}
