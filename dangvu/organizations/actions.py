"""The lifecycle actions offered on an organization: one registry used by the views and the menu.

Each action names its form and how its cleaned data calls the service. Views never contain rules:
they parse the form, call the service, and show the violations the service returns.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from dangvu.organizations import forms, services


@dataclass(frozen=True)
class Action:
    slug: str
    title: str  # lazy (translated when shown)
    icon: str
    form_class: type
    perform: Callable  # (form, org, user) -> Organization to show afterwards
    for_active_only: bool = True
    danger: bool = False


def _rename(form, org, user):
    d = form.cleaned_data
    return services.rename(by=user, org=org, name=d["name"], short_name=d["short_name"] or None,
                           effective_date=d["effective_date"], decision=form.decision(), expected_version=d["version"])


def _renumber(form, org, user):
    d = form.cleaned_data
    return services.renumber(by=user, org=org, code=d["code"], effective_date=d["effective_date"], decision=form.decision(),
                             expected_version=d["version"])


def _move(form, org, user):
    d = form.cleaned_data
    return services.move(by=user, org=org, new_parent=d["new_parent"], effective_date=d["effective_date"],
                         decision=form.decision(), expected_version=d["version"])


def _merge(form, org, user):
    d = form.cleaned_data
    return services.merge(by=user, source=org, target=d["target"], effective_date=d["effective_date"],
                          decision=form.decision(), expected_version=d["version"])


def _consolidate(form, org, user):
    d = form.cleaned_data
    return services.consolidate(by=user, sources=[org, *d["sources"]], parent=d["parent"], code=d["code"], name=d["name"],
                                kind=d["kind"], effective_date=d["effective_date"], decision=form.decision(),
                                expected_versions={org.pk: d["version"]} if d.get("version") else None)


def _split(form, org, user):
    d = form.cleaned_data
    return services.split(by=user, source=org, code=d["code"], name=d["name"], kind=d["kind"], children=list(d["children"]),
                          dissolve_source=d["dissolve_source"], effective_date=d["effective_date"], decision=form.decision(),
                          expected_version=d["version"])


def _dissolve(form, org, user):
    d = form.cleaned_data
    return services.dissolve(by=user, org=org, effective_date=d["effective_date"], decision=form.decision(),
                             expected_version=d["version"])


def _change_kind(form, org, user):
    d = form.cleaned_data
    return services.change_kind(by=user, org=org, kind=d["kind"], effective_date=d["effective_date"], decision=form.decision(),
                                expected_version=d["version"], exception_consent=d["exception_consent"])


ACTIONS = {
    a.slug: a
    for a in [
        Action("doi-ten", pgettext_lazy("action", "Đổi tên"), "pencil-square", forms.RenameForm, _rename),
        Action("doi-ma-so", pgettext_lazy("action", "Đổi mã số"), "123", forms.RenumberForm, _renumber),
        Action("chuyen", pgettext_lazy("action", "Chuyển trực thuộc"), "arrow-left-right", forms.MoveForm, _move),
        # Sáp nhập (into an existing organization; code name "merge") and hợp nhất (into a new one).
        Action("sap-nhap", pgettext_lazy("action", "Sáp nhập vào tổ chức khác"), "box-arrow-in-right", forms.MergeForm,
               _merge),
        Action("hop-nhat", pgettext_lazy("action", "Hợp nhất thành tổ chức mới"), "union", forms.ConsolidateForm,
               _consolidate),
        Action("chia-tach", pgettext_lazy("action", "Chia tách"), "diagram-2", forms.SplitForm, _split),
        Action("doi-loai-hinh", pgettext_lazy("action", "Đổi loại hình"), "arrow-up-circle", forms.ChangeKindForm, _change_kind),
        Action("giai-the", pgettext_lazy("action", "Giải thể"), "x-octagon", forms.DissolveForm, _dissolve, danger=True),
    ]
}
