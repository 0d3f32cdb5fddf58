"""Figures of the organization tree (dangvu.core.figures): the organizations of a subtree on a date."""

from django.db.models import Q

from dangvu.core.figures import FLOW, STOCK, Base, Figure, Window
from dangvu.organizations.kinds import GRASSROOTS_KINDS, EventType, Kind, UnitType
from dangvu.organizations.models import OrganizationEvent, OrganizationVersion
from dangvu.organizations.tree import subtree_ids_on, within_subtree_q

ORGANIZATION = "organizations.Organization"
SECTION = "Tổ chức đảng"


def versions_on(window: Window):
    """The versions valid on the end date of the organizations in the subtree then (the root included)."""
    return OrganizationVersion.objects.valid_on(window.end).filter(
        organization_id__in=subtree_ids_on(window.organization, window.end))


ENDING = [EventType.DISSOLVE, EventType.MERGE, EventType.CONSOLIDATE]


def events_in(window: Window):
    """Organization events of the period: an establishment placed as the tree stood on its date, an
    ending (dissolution, merger) as it stood the day before (the organization no longer stands on
    the day it ends)."""
    starting = within_subtree_q(window.organization, window.start, window.end, org_field="organization_id",
                                date_field="effective_date")
    ending = within_subtree_q(window.organization, window.start, window.end, org_field="organization_id",
                              date_field="effective_date", day_before=True)
    return OrganizationEvent.objects.filter((Q(event_type=EventType.ESTABLISH) & starting)
                                            | (Q(event_type__in=ENDING) & ending))


BASES = [Base("organizations.versions_end", STOCK, ORGANIZATION, versions_on, key="organization_id"),
         Base("organizations.events", FLOW, ORGANIZATION, events_in, key="organization_id", distinct=True)]
S_FLOWS = "Biến động tổ chức đảng trong kỳ"

FIGURES = [
    Figure("organizations.grassroots.total", "Tổ chức cơ sở đảng", "Đảng bộ cơ sở và chi bộ cơ sở trong tổ chức vào "
           "ngày cuối kỳ.", "organizations.versions_end", where=Q(kind__in=sorted(GRASSROOTS_KINDS)), section=SECTION),
    Figure("organizations.grassroots.committees", "Đảng bộ cơ sở", "Đảng bộ cơ sở vào ngày cuối kỳ.",
           "organizations.versions_end", where=Q(kind=Kind.GRASSROOTS_COMMITTEE),
           denominator="organizations.grassroots.total", section=SECTION),
    Figure("organizations.grassroots.cells", "Chi bộ cơ sở", "Chi bộ cơ sở vào ngày cuối kỳ.",
           "organizations.versions_end", where=Q(kind=Kind.GRASSROOTS_CELL),
           denominator="organizations.grassroots.total", section=SECTION),
    Figure("organizations.cells", "Chi bộ trực thuộc", "Chi bộ trực thuộc đảng ủy (cơ sở, bộ phận hoặc xã, phường) vào "
           "ngày cuối kỳ.", "organizations.versions_end", where=Q(kind=Kind.CELL), section=SECTION),
    Figure("organizations.grassroots.non_state_enterprise", "Tổ chức cơ sở đảng trong doanh nghiệp ngoài nhà nước",
           "Đảng bộ cơ sở, chi bộ cơ sở có loại hình đơn vị “Doanh nghiệp ngoài nhà nước” vào ngày cuối kỳ.",
           "organizations.versions_end", where=Q(kind__in=sorted(GRASSROOTS_KINDS), unit_type=UnitType.NON_STATE_ENTERPRISE),
           denominator="organizations.grassroots.total", section=SECTION, order=5),
    Figure("organizations.commune_committees", "Đảng bộ xã, phường, đặc khu", "Đảng bộ xã, phường, đặc khu vào ngày "
           "cuối kỳ.", "organizations.versions_end", where=Q(kind=Kind.COMMUNE_COMMITTEE), section=SECTION, order=6),
    Figure("organizations.partial_committees", "Đảng bộ bộ phận", "Đảng bộ bộ phận vào ngày cuối kỳ.",
           "organizations.versions_end", where=Q(kind=Kind.PARTIAL_COMMITTEE), section=SECTION, order=7),
    Figure("organizations.party_groups", "Tổ đảng", "Tổ đảng vào ngày cuối kỳ.", "organizations.versions_end",
           where=Q(kind=Kind.PARTY_GROUP), section=SECTION, order=8),
    Figure("organizations.established", "Tổ chức đảng thành lập mới", "Tổ chức đảng được thành lập trong kỳ (kể cả tổ "
           "chức mới do hợp nhất), đặt theo cây tổ chức vào ngày thành lập.", "organizations.events",
           where=Q(event_type=EventType.ESTABLISH), section=S_FLOWS),
    Figure("organizations.dissolved", "Tổ chức đảng giải thể", "Tổ chức đảng bị giải thể trong kỳ, đặt theo cây tổ chức "
           "vào ngày trước ngày giải thể.", "organizations.events", where=Q(event_type=EventType.DISSOLVE),
           section=S_FLOWS),
    Figure("organizations.merged", "Tổ chức đảng sáp nhập, hợp nhất", "Tổ chức đảng kết thúc trong kỳ do sáp nhập vào "
           "tổ chức khác hoặc hợp nhất thành tổ chức mới, đặt theo cây tổ chức vào ngày trước ngày sáp nhập.",
           "organizations.events", where=Q(event_type__in=[EventType.MERGE, EventType.CONSOLIDATE]), section=S_FLOWS),
]
