"""Kinds of party organization and types of unit (names from shared/domain.md).

Labels are translated (Vietnamese msgids, English in locale/en); `Kind.CELL.label` reads as a plain
string in the active language, `Kind.choices` stays lazy (see dangvu.core.choices).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.choices import TranslatedTextChoices


class Kind(TranslatedTextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Đảng bộ tỉnh, thành phố")
    DISTRICT_COMMITTEE = "district_committee", _("Đảng bộ huyện, quận, thị xã, thành phố thuộc tỉnh")
    BLOC_COMMITTEE = "bloc_committee", _("Đảng bộ khối")
    COMMUNE_COMMITTEE = "commune_committee", _("Đảng bộ xã, phường, đặc khu")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    PARTIAL_COMMITTEE = "partial_committee", _("Đảng bộ bộ phận")
    CELL = "cell", _("Chi bộ trực thuộc")
    PARTY_GROUP = "party_group", _("Tổ đảng")


GRASSROOTS_KINDS = frozenset({Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL})

# Short labels for the tree and badges (lazy: rendered in the request's language).
KIND_SHORT = {
    Kind.CENTRAL: _("TW"),
    Kind.PROVINCIAL_COMMITTEE: _("Tỉnh"),
    Kind.DISTRICT_COMMITTEE: _("Huyện"),
    Kind.BLOC_COMMITTEE: _("Khối"),
    Kind.COMMUNE_COMMITTEE: _("Xã/phường"),
    Kind.GRASSROOTS_COMMITTEE: _("ĐBCS"),
    Kind.GRASSROOTS_CELL: _("CBCS"),
    Kind.PARTIAL_COMMITTEE: _("ĐBBP"),
    Kind.CELL: _("Chi bộ"),
    Kind.PARTY_GROUP: _("Tổ đảng"),
}


# The administrative unit a district- or commune-level committee leads, read from its name ("Đảng bộ thị xã
# Sơn Hà" is a thị xã, not a "Huyện"): the first words after "Đảng bộ" that name one, most specific first.
ADMINISTRATIVE_SHORT = {
    Kind.DISTRICT_COMMITTEE: [("thị xã", _("Thị xã")), ("quận", _("Quận")), ("thành phố", _("Thành phố")),
                              ("huyện", _("Huyện"))],
    Kind.COMMUNE_COMMITTEE: [("phường", _("Phường")), ("đặc khu", _("Đặc khu")), ("thị trấn", _("Thị trấn")),
                             ("xã", _("Xã"))],
}


def kind_short(kind: str, name: str = "") -> str:
    """The short label of the tree and badges; for a district or commune committee, its unit's real type."""
    words = name.lower().removeprefix("đảng bộ ").strip()
    for prefix, label in ADMINISTRATIVE_SHORT.get(kind, []):
        if words.startswith(prefix + " "):
            return str(label)
    return str(KIND_SHORT[Kind(kind)])


class UnitType(TranslatedTextChoices):
    PARTY_MASS = "party_mass", _("Cơ quan Đảng, Mặt trận, đoàn thể")
    STATE_AGENCY = "state_agency", _("Cơ quan hành chính nhà nước")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    STATE_ENTERPRISE = "state_enterprise", _("Doanh nghiệp nhà nước")
    NON_STATE_ENTERPRISE = "non_state_enterprise", _("Doanh nghiệp ngoài nhà nước")
    COMMUNE_WARD = "commune_ward", _("Xã, phường, thị trấn, đặc khu")
    RESIDENTIAL = "residential", _("Thôn, tổ dân phố, khu dân cư")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    OTHER = "other", _("Khác")


class EventType(TranslatedTextChoices):
    ESTABLISH = "establish", pgettext_lazy("organization event", "Thành lập")
    RENAME = "rename", pgettext_lazy("organization event", "Đổi tên")
    RENUMBER = "renumber", pgettext_lazy("organization event", "Đổi mã số")
    MOVE = "move", pgettext_lazy("organization event", "Chuyển trực thuộc")
    # Sáp nhập: absorbed into an existing organization (code name "merge"); the target records ABSORB.
    MERGE = "merge", pgettext_lazy("organization event", "Sáp nhập vào tổ chức khác")
    ABSORB = "absorb", pgettext_lazy("organization event", "Tiếp nhận tổ chức sáp nhập, hợp nhất")
    # Hợp nhất: two or more organizations combine into a new one (services.consolidate).
    CONSOLIDATE = "consolidate", pgettext_lazy("organization event", "Hợp nhất thành tổ chức mới")
    SPLIT = "split", pgettext_lazy("organization event", "Chia tách")
    DISSOLVE = "dissolve", pgettext_lazy("organization event", "Giải thể")
    CHANGE_KIND = "change_kind", pgettext_lazy("organization event", "Đổi loại hình")


class EndReason(TranslatedTextChoices):
    DISSOLVED = "dissolved", pgettext_lazy("end reason", "Giải thể")
    MERGED = "merged", pgettext_lazy("end reason", "Sáp nhập")
    CONSOLIDATED = "consolidated", pgettext_lazy("end reason", "Hợp nhất")
