"""Training in the to-do list ("Việc cần làm"), only what the user may see:

- candidates whose awareness-class certificate expires within "todo.awareness_certificate_horizon_days" days, or has
  expired, before the cell's vote (A3: the candidate must retake the class);
- new members without a passed class for new members, due "training.new_member_class_months" months after the
  ceremony (TR1, a parameter: the deadline was not found in a central text).
"""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse

from dangvu.admissions import rules as admission_rules
from dangvu.admissions.models import Candidate
from dangvu.core.dates import add_months, vn_date
from dangvu.core.todo import TodoItem
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.rules.parameters import params_on
from dangvu.training import rules
from dangvu.training.kinds import ClassKind, Result
from dangvu.training.models import Enrolment

SRC_CERTIFICATE = admission_rules.SRC_CERTIFICATE


def todo_items(user, on: dt.date) -> list[TodoItem]:
    return _certificate_items(user, on) + _new_member_items(user, on)


def _certificate_items(user, on: dt.date) -> list[TodoItem]:
    p = params_on(on)
    horizon = on + dt.timedelta(days=p["todo.awareness_certificate_horizon_days"])
    # A pre-filter in the database (today's validity, with a year's margin for a regime of another length);
    # the exact last day is the rule's, by the certificate's own date.
    earliest_shown = add_months(horizon, -(p["admission.awareness_certificate_months"] + 12))
    latest_shown = add_months(horizon, -max(p["admission.awareness_certificate_months"] - 12, 0))
    rows = (Candidate.objects.visible_to(user).select_related("organization")
            .filter(withdrawn_on__isnull=True, cell_meeting_date__isnull=True, member__isnull=True,
                    awareness_certificate_date__gte=earliest_shown, awareness_certificate_date__lte=latest_shown)
            .order_by("awareness_certificate_date", "name_key"))
    items = []
    for c in rows:
        last = admission_rules.certificate_expires(c.awareness_certificate_date, params_on(c.awareness_certificate_date))
        if last > horizon:
            continue
        overdue = last < on
        title = (f"{c.full_name}: giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng ngày {vn_date(c.awareness_certificate_date)} "
                 + (f"đã hết hạn ngày {vn_date(last)}; phải học lại lớp trước khi chi bộ xét kết nạp" if overdue
                    else f"hết hạn ngày {vn_date(last)}; chi bộ xét kết nạp trước ngày đó hoặc cử học lại"))
        items.append(TodoItem("awareness_certificate_expiring", "Giấy chứng nhận lớp nhận thức về Đảng sắp hết hạn", title,
                              last, overdue, reverse("admissions:detail", args=[c.pk]), c.organization.name, SRC_CERTIFICATE,
                              c.organization_id))
    return items


def _new_member_items(user, on: dt.date) -> list[TodoItem]:
    p = params_on(on)
    passed = Enrolment.objects.filter(member=OuterRef("pk"), training_class__kind=ClassKind.NEW_MEMBER, result=Result.PASSED)
    # Members admitted within twice the deadline: older ones are past the point where the class is for new members.
    rows = (Member.objects.visible_to(user).select_related("organization")
            .filter(status__in=IN_PARTY, ceremony_date__isnull=False, ceremony_date__lte=on,
                    ceremony_date__gte=add_months(on, -2 * p["training.new_member_class_months"]))
            .exclude(Exists(passed)).order_by("ceremony_date", "name_key"))
    items = []
    for m in rows:
        due = rules.new_member_class_due(m.ceremony_date, params_on(m.ceremony_date))
        items.append(TodoItem("new_member_class_missing", "Đảng viên mới chưa học lớp bồi dưỡng đảng viên mới",
                              f"{m.full_name}: kết nạp ngày {vn_date(m.ceremony_date)}, chưa có kết quả lớp bồi dưỡng lý luận "
                              f"chính trị dành cho đảng viên mới (hạn {vn_date(due)})", due, due < on,
                              reverse("members:detail", args=[m.pk]), m.organization.name if m.organization_id else "",
                              rules.SRC_NEW_MEMBER, m.organization_id))
    return items
