"""To-do items of residence contact (dangvu/core/todo.py):

- introductions awaiting receipt or assignment (the commune or ward: "residence.introduce" over it);
- annual comments missing as the due date approaches (the horizon parameter, 30 days) and
  overdue: for the residence cell ("residence.comment" over it) and for the workplace side
  ("residence.introduce" over the member's workplace cell); the members of H5 are not asked;
- working members not yet introduced, one item per workplace grassroots organization (workplace side);
- residence cells with working members and no meeting for them in the interval of H4 (6 months
  for the default of 2 a year): the commune or ward side ("residence.comment" over the cell).
"""

import datetime as dt
from collections import Counter

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.core.dates import vn_date
from dangvu.core.todo import TodoItem
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.organizations import tree
from dangvu.organizations.models import Organization
from dangvu.residence import rules
from dangvu.residence.kinds import WORKING_UNIT_TYPES, CommentOccasion, ContactStatus
from dangvu.residence.models import ResidenceComment, ResidenceContact, ResidenceMeeting
from dangvu.residence.selectors import year_params
from dangvu.residence.services import COMMENT, INTRODUCE
from dangvu.rules.parameters import params_on

RELATED = ("member", "workplace_cell", "introduced_by", "receiving_organization", "residence_cell")
H3 = f"H3 ({rules.SOURCE_H3})"
H1 = f"H1 ({rules.SOURCE_H1})"
H7_COMMENT = f"H1, H7 ({rules.SOURCE_H1}; hạn: tham số chưa xác nhận)"
H4 = f"H4 ({rules.SOURCE_H4}; số buổi tối thiểu: tham số chưa xác nhận)"


def _scoped(user, action: str, field: str) -> Q | None:
    """Contacts whose `field` organization is inside the user's subtrees for `action` today (None: none)."""
    if not permissions.has_scope(user, action):
        return None
    return Q(pk__in=ResidenceContact.objects.restrict(user, action, fields=[field], now=True).values("pk"))


def todo_items(user, on: dt.date) -> list[TodoItem]:
    items: list[TodoItem] = []
    items += _awaiting(user)
    items += _comments(user, on)
    items += _not_introduced(user)
    items += _meetings(user, on)
    return items


def _url(contact: ResidenceContact) -> str:
    return reverse("residence:detail", args=[contact.pk])


def _awaiting(user) -> list[TodoItem]:
    scope = _scoped(user, INTRODUCE, "receiving_organization")
    if scope is None:
        return []
    items = []
    for c in (ResidenceContact.objects.filter(scope, contact_status__in=[ContactStatus.AWAITING, ContactStatus.RECEIVED])
              .select_related(*RELATED).order_by("letter_date", "id")):
        if c.contact_status == ContactStatus.AWAITING:
            category, label = "residence_to_receive", "Đảng viên đang công tác được giới thiệu về nơi cư trú, chờ tiếp nhận"
            title = (f"Tiếp nhận {c.member.full_name} ({c.workplace_cell.name}), giấy giới thiệu số {c.letter_number} ngày "
                     f"{vn_date(c.letter_date)}")
        else:
            category, label = "residence_to_assign", "Đảng viên đã tiếp nhận, chưa phân công về chi bộ nơi cư trú"
            title = f"Phân công {c.member.full_name} về chi bộ nơi cư trú (tiếp nhận ngày {vn_date(c.received_on)})"
        items.append(TodoItem(category=category, category_label=label, title=title, due=None, overdue=False, url=_url(c),
                              organization=c.receiving_organization.name, rule=H3,
                              organization_id=c.receiving_organization_id))
    return items


def _comments(user, on: dt.date) -> list[TodoItem]:
    """Annual comments of the previous year still missing (overdue) and of this year from the horizon on."""
    cell_q = _scoped(user, COMMENT, "residence_cell")
    work_q = _scoped(user, INTRODUCE, "workplace_cell")
    if cell_q is None and work_q is None:
        return []
    horizon = params_on(on)["todo.residence_comment_horizon_days"]
    years = [y for y in (on.year - 1, on.year) if on >= rules.comment_due(y, year_params(y)) - dt.timedelta(days=horizon)]
    if not years:
        return []
    sides = [q for q in (cell_q, work_q) if q is not None]
    either = sides[0] if len(sides) == 1 else sides[0] | sides[1]
    contacts = list(ResidenceContact.objects.filter(either, is_open=True, meeting_exemption="",
                                                    contact_status__in=[ContactStatus.ASSIGNED, ContactStatus.OUTSIDE],
                                                    member__status__in=IN_PARTY)
                    .select_related(*RELATED).order_by("member__name_key", "id"))
    if not contacts:
        return []
    done = set(ResidenceComment.objects.filter(contact__in=contacts, year__in=years, comment_occasion=CommentOccasion.ANNUAL)
               .values_list("contact_id", "year"))
    cell_ids = set(ResidenceContact.objects.filter(cell_q, pk__in=[c.pk for c in contacts]).values_list("pk", flat=True)) \
        if cell_q is not None else set()
    items = []
    for year in years:
        p = year_params(year)
        due = rules.comment_due(year, p)
        for c in contacts:
            if (c.pk, year) in done or not rules.comment_expected(year=year, start_on=c.start_on, ended_on=c.ended_on,
                                                                   meeting_exemption=c.meeting_exemption, p=p):
                continue
            overdue = on > due
            if c.pk in cell_ids:
                items.append(TodoItem(
                    category="residence_comment_overdue" if overdue else "residence_comment_due",
                    category_label="Quá hạn gửi nhận xét đảng viên đang công tác cư trú tại địa bàn" if overdue
                    else "Sắp đến hạn nhận xét đảng viên đang công tác cư trú tại địa bàn",
                    title=f"Nhận xét năm {year} về {c.member.full_name} ({c.workplace_cell.name}), gửi {c.introduced_by.name}",
                    due=due, overdue=overdue, url=reverse("residence:comment", args=[c.pk]),
                    organization=c.residence_cell.name if c.residence_cell_id else c.receiving_label, rule=H7_COMMENT,
                    organization_id=c.residence_cell_id or c.receiving_organization_id))
            else:
                items.append(TodoItem(
                    category="residence_comment_missing_overdue" if overdue else "residence_comment_missing",
                    category_label="Chưa nhận được nhận xét của chi bộ nơi cư trú (quá hạn)" if overdue
                    else "Chờ nhận xét của chi bộ nơi cư trú trước kiểm điểm cuối năm",
                    title=f"{c.member.full_name}: chưa có nhận xét năm {year} của "
                          f"{c.residence_cell.name if c.residence_cell_id else c.receiving_label}",
                    due=due, overdue=overdue, url=_url(c), organization=c.workplace_cell.name, rule=H7_COMMENT,
                    organization_id=c.workplace_cell_id))
    return items


def _not_introduced(user) -> list[TodoItem]:
    """Working members without an open contact, counted per workplace grassroots organization."""
    if not permissions.has_scope(user, INTRODUCE):
        return []
    per_cell = dict(Member.objects.restrict(user, INTRODUCE).filter(status__in=IN_PARTY, is_exempted=False,
                                          organization__unit_type__in=WORKING_UNIT_TYPES)
                    .filter(~Exists(ResidenceContact.objects.filter(member=OuterRef("pk"), is_open=True)))
                    .values_list("organization_id").annotate(n=Count("id")).values_list("organization_id", "n"))
    if not per_cell:
        return []
    cells = Organization.objects.in_bulk(list(per_cell))
    chains = {pk: [int(x) for x in cell.path.strip("/").split("/")] for pk, cell in cells.items()}
    orgs = Organization.objects.in_bulk({i for chain in chains.values() for i in chain})
    counts: Counter = Counter()
    for pk, n in per_cell.items():
        chain = [orgs[i] for i in chains[pk] if i in orgs]
        # A cell with no grassroots organization above it is listed under its own name.
        counts[(tree.grassroots_of(chain) or chain[-1]).pk] += n
    items = []
    for grassroots_id, n in sorted(counts.items(), key=lambda kv: orgs[kv[0]].path):
        grassroots = orgs[grassroots_id]
        url = reverse("residence:index") + "?tab=workplace&contact_status=not_introduced"
        if permissions.can(user, INTRODUCE, grassroots):
            url += f"&organization={grassroots.pk}"
        items.append(TodoItem(
            category="residence_not_introduced", category_label="Đảng viên đang công tác chưa giới thiệu về nơi cư trú",
            title=f"{grassroots.name}: {n} đảng viên đang công tác chưa được giới thiệu về giữ mối liên hệ với nơi cư trú",
            due=None, overdue=False, url=url, organization=grassroots.name, rule=H1, organization_id=grassroots.pk))
    return items


def _meetings(user, on: dt.date) -> list[TodoItem]:
    """Residence cells with working members held to the meetings and none in the last interval (H4)."""
    scope = _scoped(user, COMMENT, "residence_cell")
    if scope is None:
        return []
    p = params_on(on)
    firsts = dict(ResidenceContact.objects.filter(scope, contact_status=ContactStatus.ASSIGNED, meeting_exemption="")
                  .values_list("residence_cell_id").annotate(first=Min("assigned_on")).values_list("residence_cell_id", "first"))
    if not firsts:
        return []
    last = dict(ResidenceMeeting.objects.filter(cell_id__in=list(firsts)).values_list("cell_id")
                .annotate(last=Max("held_on")).values_list("cell_id", "last"))
    cells = Organization.objects.in_bulk(list(firsts))
    items = []
    months = rules.meeting_interval_months(p)
    for cell_id, first in sorted(firsts.items(), key=lambda kv: cells[kv[0]].path):
        due = rules.next_meeting_due(last.get(cell_id), first, p)
        if due >= on:
            continue
        since = f"buổi gần nhất ngày {vn_date(last[cell_id])}" if cell_id in last else "chưa có buổi nào"
        items.append(TodoItem(
            category="residence_meeting_overdue",
            category_label=f"Chi bộ chưa sinh hoạt với đảng viên đang công tác trong {months} tháng",
            title=f"{cells[cell_id].name}: ghi buổi sinh hoạt với đảng viên đang công tác cư trú tại địa bàn ({since})",
            due=due, overdue=True, url=reverse("residence:cell", args=[cell_id]), organization=cells[cell_id].name, rule=H4,
            organization_id=cell_id))
    return items
