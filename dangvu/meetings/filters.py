"""The one FilterSet of meetings, for the pages' and the API's query parameters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import FilterSet, IdFilter
from dangvu.meetings.kinds import MeetingKind, MeetingStatus
from dangvu.meetings.models import Meeting, Task


class MeetingFilterSet(FilterSet):
    cell = IdFilter(label=_("Chi bộ"), method="filter_cell", help_text=_("Id chi bộ."))
    year = django_filters.NumberFilter(label=_("Năm"), method="filter_year", help_text=_("Năm sinh hoạt."), min_value=2000,
                                       max_value=2100, decimal_places=0)
    kind = django_filters.ChoiceFilter(label=_("Loại sinh hoạt"), choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=MeetingStatus.choices)

    class Meta:
        model = Meeting
        fields = ["cell", "year", "kind", "status"]

    def filter_cell(self, qs, name, value: int):
        return qs.filter(cell_id=value)

    def filter_year(self, qs, name, value: int):
        return qs.filter(date__year=int(value))


class TaskFilterSet(FilterSet):
    cell = IdFilter(label=_("Chi bộ"), method="filter_cell", help_text=_("Id chi bộ."))
    meeting = IdFilter(label=_("Buổi sinh hoạt"), method="filter_meeting", help_text=_("Id buổi sinh hoạt."))
    open = django_filters.BooleanFilter(label=_("Chưa hoàn thành"), method="filter_open")

    class Meta:
        model = Task
        fields = ["cell", "meeting", "open"]

    def filter_cell(self, qs, name, value: int):
        return qs.filter(meeting__cell_id=value)

    def filter_meeting(self, qs, name, value: int):
        return qs.filter(meeting_id=value)

    def filter_open(self, qs, name, value: bool):
        return qs.filter(done_on__isnull=value) if value is not None else qs
