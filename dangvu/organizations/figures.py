"""Figures of the organization tree (dangvu.core.figures): the organizations of a subtree on a date."""

from django.db.models import Q

from dangvu.core.figures import STOCK, Base, Figure, Window
from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import OrganizationVersion
from dangvu.organizations.tree import subtree_ids_on

ORGANIZATION = "organizations.Organization"
SECTION = "Tổ chức đảng"


def versions_on(window: Window):
    """The versions valid on the end date of the organizations in the subtree then (the root included)."""
    return OrganizationVersion.objects.valid_on(window.end).filter(
        organization_id__in=subtree_ids_on(window.organization, window.end))


BASES = [Base("organizations.versions_end", STOCK, ORGANIZATION, versions_on, key="organization_id")]

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
]

