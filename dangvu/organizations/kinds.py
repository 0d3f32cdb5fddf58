"""Kinds of party organization and types of unit (names from shared/domain.md)."""

from django.db import models


class Kind(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCIAL_COMMITTEE = "provincial_committee", "Đảng bộ tỉnh, thành phố"
    DISTRICT_COMMITTEE = "district_committee", "Đảng bộ huyện, quận, thị xã, thành phố thuộc tỉnh"
    BLOC_COMMITTEE = "bloc_committee", "Đảng bộ khối"
    COMMUNE_COMMITTEE = "commune_committee", "Đảng bộ xã, phường, đặc khu"
    GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    PARTIAL_COMMITTEE = "partial_committee", "Đảng bộ bộ phận"
    CELL = "cell", "Chi bộ trực thuộc"
    PARTY_GROUP = "party_group", "Tổ đảng"


GRASSROOTS_KINDS = frozenset({Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL})

# Short labels for the tree and badges.
KIND_SHORT = {
    Kind.CENTRAL: "TW",
    Kind.PROVINCIAL_COMMITTEE: "Tỉnh",
    Kind.DISTRICT_COMMITTEE: "Huyện",
    Kind.BLOC_COMMITTEE: "Khối",
    Kind.COMMUNE_COMMITTEE: "Xã/phường",
    Kind.GRASSROOTS_COMMITTEE: "ĐBCS",
    Kind.GRASSROOTS_CELL: "CBCS",
    Kind.PARTIAL_COMMITTEE: "ĐBBP",
    Kind.CELL: "Chi bộ",
    Kind.PARTY_GROUP: "Tổ đảng",
}


class UnitType(models.TextChoices):
    PARTY_MASS = "party_mass", "Cơ quan Đảng, Mặt trận, đoàn thể"
    STATE_AGENCY = "state_agency", "Cơ quan hành chính nhà nước"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp công lập"
    STATE_ENTERPRISE = "state_enterprise", "Doanh nghiệp nhà nước"
    NON_STATE_ENTERPRISE = "non_state_enterprise", "Doanh nghiệp ngoài nhà nước"
    COMMUNE_WARD = "commune_ward", "Xã, phường, thị trấn, đặc khu"
    RESIDENTIAL = "residential", "Thôn, tổ dân phố, khu dân cư"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    OTHER = "other", "Khác"


class EventType(models.TextChoices):
    ESTABLISH = "establish", "Thành lập"
    RENAME = "rename", "Đổi tên"
    MOVE = "move", "Chuyển trực thuộc"
    MERGE = "merge", "Hợp nhất vào tổ chức khác"
    ABSORB = "absorb", "Tiếp nhận tổ chức hợp nhất"
    SPLIT = "split", "Chia tách"
    DISSOLVE = "dissolve", "Giải thể"
    CHANGE_KIND = "change_kind", "Đổi loại hình"


class EndReason(models.TextChoices):
    DISSOLVED = "dissolved", "Giải thể"
    MERGED = "merged", "Hợp nhất"
