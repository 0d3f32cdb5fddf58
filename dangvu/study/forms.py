"""Forms of the study pages. They only read and shape input; every rule is checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.study.kinds import DocumentKind, PlanKind, PlanStatus, SessionForm, StudyLevel
from dangvu.study.models import StudyDocument


class DocumentChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} – {obj.short_name or obj.title[:80]}"


class DocumentChoice(DocumentChoices, forms.ModelChoiceField):
    pass


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=40, help_text=_("Ví dụ 57-NQ/TW, 21-KL/TW, 05-CT/TW."))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=120)
    issued_on = VNDateField(label=_("Ngày ban hành"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    short_name = forms.CharField(label=_("Tên gọi ngắn"), max_length=200, required=False)
    level = forms.ChoiceField(label=_("Đối tượng học tập"), choices=StudyLevel.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class SessionAddForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Tổ chức đảng tổ chức"), queryset=None)
    date = VNDateField(label=_("Ngày học tập"))
    documents = DocumentChoices(label=_("Văn bản học tập, quán triệt"), queryset=StudyDocument.objects.all(),
                                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    form = forms.ChoiceField(label=_("Hình thức"), choices=SessionForm.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    cadres_expected = forms.IntegerField(label=_("Cán bộ không phải đảng viên phải dự"), min_value=0, initial=0,
                                         required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        bootstrapify(self)


class AttendanceForm(forms.Form):
    """Every member expected on the session's date, present unless marked absent (with a reason)."""

    cadres_present = forms.IntegerField(label=_("Cán bộ không phải đảng viên có mặt"), min_value=0, initial=0, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, members=(), absent=None, **kwargs):
        super().__init__(*args, **kwargs)
        absent = absent or {}
        self.members = list(members)
        for m in self.members:
            self.fields[f"absent_{m.pk}"] = forms.BooleanField(label=_("Vắng"), required=False, initial=m.pk in absent)
            self.fields[f"reason_{m.pk}"] = forms.CharField(label=_("Lý do vắng"), max_length=255, required=False,
                                                            initial=absent.get(m.pk, ""))
        bootstrapify(self)

    def rows(self):
        return [(m, self[f"absent_{m.pk}"], self[f"reason_{m.pk}"]) for m in self.members]

    def absent(self) -> dict[int, str]:
        d = self.cleaned_data
        return {m.pk: d.get(f"reason_{m.pk}") or "" for m in self.members if d.get(f"absent_{m.pk}")}


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class MakeupForm(forms.Form):
    date = VNDateField(label=_("Ngày học bù"))
    form = forms.ChoiceField(label=_("Hình thức"), choices=SessionForm.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    members = MemberChoices(label=_("Đảng viên học bù"), queryset=None,
                            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        bootstrapify(self)


class PlanForm(forms.Form):
    document = DocumentChoice(label=_("Văn bản"), queryset=StudyDocument.objects.all())
    organization = OrganizationChoiceField(label=_("Tổ chức đảng chịu trách nhiệm"), queryset=None)
    kind = forms.ChoiceField(label=_("Loại"), choices=PlanKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=40, required=False)
    title = forms.CharField(label=_("Tên kế hoạch, chương trình"), max_length=500)
    due_on = VNDateField(label=_("Hạn ban hành, hoàn thành"))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        bootstrapify(self)


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=PlanStatus.choices)
    done_on = VNDateField(label=_("Ngày hoàn thành"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
