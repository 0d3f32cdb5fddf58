"""Shared pieces of the FilterSets: one FilterSet per list serves the page and the API.

Query parameters are English snake_case, the same on the page and in the API: free text `q`, ids
named after what they point to (`organization`, `member`), "as of a date" `as_of`, dates accepted
as dd/mm/yyyy or yyyy-mm-dd. An invalid value is an error naming the parameter and the rule
(`FilterSet.errors`): the API answers 400 `{param: [message]}` (DjangoFilterBackend), a page shows
`error_messages(filterset)` above the unfiltered list.
"""

import django_filters
from django import forms
from django.forms.utils import ErrorDict, ErrorList

from dangvu.core.forms import PolicyDateField
from dangvu.core.params import MAX_ID

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_HELP = "Ngày dd/mm/yyyy hoặc yyyy-mm-dd."


class IdField(forms.IntegerField):
    """An id: a whole number 1 … MAX_ID (a larger one would overflow the database driver)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(django_filters.Filter):
    """An id (a whole number); each use names a method that decides which rows the id reaches."""

    field_class = IdField


class PolicyDateFilter(django_filters.DateFilter):
    field_class = PolicyDateField


def date_filter(label: str, **kwargs) -> django_filters.DateFilter:
    kwargs.setdefault("help_text", DATE_HELP)
    return PolicyDateFilter(label=label, input_formats=DATE_FORMATS,
                                     widget=forms.DateInput(attrs={"class": "datepicker", "placeholder": "dd/mm/yyyy"}),
                                     **kwargs)


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose error messages start with the parameter's name (“stage: Hãy chọn …”)."""

    @property
    def errors(self):
        named = ErrorDict()
        for name, errors in self.form.errors.as_data().items():
            named[name] = ErrorList([forms.ValidationError(f"{name}: {m}") for e in errors for m in e.messages])
        return named


def error_messages(filterset) -> list[str]:
    """The messages a page shows for an invalid query string (empty when it is valid)."""
    if not filterset.is_bound or filterset.is_valid():
        return []
    return [m for errors in filterset.errors.values() for m in errors]


def page_queryset(filterset, default=None):
    """The filtered rows for a page: the unfiltered list (`default`, else the base queryset) when invalid."""
    if filterset.is_valid():
        return filterset.qs
    return filterset.queryset if default is None else default
