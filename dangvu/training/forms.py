"""Forms of the training pages. They only shape input: every rule is in training.rules, checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.organizations.models import Organization
from dangvu.training.kinds import ClassKind, Organizer, Result
from dangvu.training.models import TrainingClass
from dangvu.training.querysets import MANAGE


def _text(label, max_length=255, required=True):
    return forms.CharField(label=label, max_length=max_length, required=required)


class ClassForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại lớp"), choices=ClassKind.choices)
    name = _text(_("Tên lớp"))
    organization = OrganizationChoiceField(label=_("Cấp ủy mở lớp"), queryset=Organization.objects.none())
    organizer_kind = forms.ChoiceField(label=_("Đơn vị tổ chức"), choices=Organizer.choices)
    organizer_name = _text(_("Tên đơn vị tổ chức"))
    start_date = VNDateField(label=_("Ngày khai giảng"))
    end_date = VNDateField(label=_("Ngày bế giảng"))
    venue = _text(_("Địa điểm"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, training_class: TrainingClass | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if training_class is not None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = (Organization.objects.restrict(user, MANAGE)
                                                    .filter(ended_on__isnull=True).order_by("path"))
        bootstrapify(self)

    def fields_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("organization", "version")}


class LearnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        org = obj.organization.name if obj.organization_id else ""
        return f"{obj.full_name} ({obj.date_of_birth:%d/%m/%Y}, {org})"


class EnrolForm(forms.Form):
    learners = LearnerChoiceField(label=_("Học viên"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learners"].queryset = queryset
        self.fields["learners"].label = label
        self.fields["learners"].error_messages["required"] = _("Chọn ít nhất một học viên.")


class ResultsForm(forms.Form):
    """The closing of a class: one certificate date and issuer, each pending learner's result and number."""

    certificate_date = VNDateField(label=_("Ngày cấp giấy chứng nhận"), required=False)
    issuer = _text(_("Nơi cấp"), required=False)

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for e in enrolments:
            result = forms.ChoiceField(label=e.full_name, choices=Result.choices, initial=e.result)
            number = _text(_("Số giấy chứng nhận của %(name)s") % {"name": e.full_name}, 60, required=False)
            self.fields[f"result_{e.pk}"] = result
            self.fields[f"number_{e.pk}"] = number
            self.rows.append(e)
        bootstrapify(self)

    def clean(self):
        data = super().clean()
        passed = any(data.get(f"result_{e.pk}") == Result.PASSED for e in self.rows)
        if passed and not data.get("certificate_date"):
            self.add_error("certificate_date", _("Ngày cấp giấy chứng nhận: bắt buộc nhập khi có học viên đạt."))
        return data

    def bound_rows(self):
        return [(e, self[f"result_{e.pk}"], self[f"number_{e.pk}"]) for e in self.rows]

    def service_rows(self):
        return [(e, self.cleaned_data[f"result_{e.pk}"], self.cleaned_data[f"number_{e.pk}"]) for e in self.rows]
