"""The query parameters of the admissions lists, the same on the pages and in the API.

`CandidateFilterSet`: q, stage (`open` = đang xem xét: not admitted, not withdrawn), organization
(the proposing cell; one the user may not see reaches nothing). The page shows `stage=open` when
the parameter is absent; `stage=` (empty) is every stage.
`ProbationFilterForm`: due (`ending_soon`, `overdue`) over the probation rows (a list, not a query).
"""

import datetime as dt

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.admissions import selectors
from dangvu.admissions.kinds import Stage
from dangvu.admissions.models import Candidate
from dangvu.core.filters import FilterSet, IdFilter

OPEN = "open"
STAGE_CHOICES = [(OPEN, _("Đang xem xét")), *Stage.choices]


class CandidateFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên, CCCD"), method="filter_q",
                                  help_text=_("Họ tên (không phân biệt dấu) hoặc số CCCD đầy đủ."))
    stage = django_filters.ChoiceFilter(label=_("Giai đoạn"), choices=STAGE_CHOICES, method="filter_stage", empty_label=_("Tất cả"),
                                        help_text=_("`open`: đang xem xét (chưa kết nạp, chưa dừng)."))
    organization = IdFilter(label=_("Chi bộ đề nghị"), method="filter_organization", help_text=_("Id chi bộ đề nghị."))

    class Meta:
        model = Candidate
        fields = ["q", "stage", "organization"]

    def filter_q(self, qs, name, value: str):
        request = self.request
        return selectors.candidate_search(qs, value, getattr(request, "user", None), getattr(request, "path", ""))

    def filter_stage(self, qs, name, value: str):
        if value == OPEN:
            return qs.exclude(stage__in=[Stage.ADMITTED, Stage.WITHDRAWN])
        return qs.filter(stage=value)

    def filter_organization(self, qs, name, value: int):
        return qs.filter(organization_id=value)


class ProbationFilterForm(forms.Form):
    due = forms.ChoiceField(label=_("Hạn"), required=False,
                            choices=[("", _("Tất cả")), (selectors.ENDING_SOON, _("Sắp hết dự bị")),
                                     (selectors.OVERDUE, _("Quá hạn"))])

    def rows(self, rows: list, on: dt.date, horizon_days: int) -> list:
        """The rows kept by `due` (all of them when the form is invalid)."""
        which = self.cleaned_data.get("due", "") if self.is_valid() else ""
        return selectors.filter_rows(rows, which, on, horizon_days)

    def error_messages(self) -> list[str]:
        if not self.is_bound or self.is_valid():
            return []
        return [f"{name}: {m}" for name, errors in self.errors.items() for m in errors]

    def api_errors(self) -> dict:
        return {name: [f"{name}: {m}" for m in errors] for name, errors in self.errors.items()}
