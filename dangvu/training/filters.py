"""The one FilterSet of classes, for the API's query parameters (the list page filters by the same kind and year)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import FilterSet
from dangvu.training.kinds import ClassKind
from dangvu.training.models import TrainingClass


class ClassFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại lớp"), choices=ClassKind.choices)
    year = django_filters.NumberFilter(label=_("Năm"), method="filter_year", help_text=_("Năm khai giảng."), min_value=2000,
                                       max_value=2100, decimal_places=0)

    class Meta:
        model = TrainingClass
        fields = ["kind", "year"]

    def filter_year(self, qs, name, value: int):
        return qs.filter(start_date__year=int(value))
