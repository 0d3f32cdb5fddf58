"""The D12 striking-off ground computed (dangvu.core.removal_evidence): months owed and not paid in the
twelve months before the day asked (QĐ 24-QĐ/TW điểm 8.1 case 1; QĐ 01-QĐ/TW), the number of months from
the parameter in force that day ("removal.absence_months"). A month counts when an amount was owed
(a basis declared, not exempt) and no payment stands for it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from dangvu.core.removal_evidence import Evidence
from dangvu.dues import rules, selectors
from dangvu.rules.parameters import params_on

GROUNDS = ["unpaid_dues"]


def evidence(member_ids, on: dt.date) -> list[Evidence]:
    threshold = params_on(on)["removal.absence_months"]
    found = selectors.unpaid_in_window(member_ids, on)
    return [Evidence(member_id=member_id, ground="unpaid_dues", months=tuple(months), threshold=threshold,
                     details=tuple(f"Chưa đóng đảng phí {rules.month_label(m)}" for m in months),
                     url=reverse("dues:member", args=[member_id]))
            for member_id, months in sorted(found.items())]
