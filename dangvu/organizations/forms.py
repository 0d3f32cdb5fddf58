"""Forms parse input; the rules live in services and rules.py, not here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.organizations.models import CommitteePosition, Organization
from dangvu.organizations.services import Decision


def _choices_for(user, exclude: Organization | None = None):
    qs = Organization.objects.changeable_by(user).active().order_by("path")
    if exclude is not None:
        qs = qs.exclude(path__tree_prefix=exclude.path)
    return qs


class DecisionForm(forms.Form):
    """The dated decision behind every lifecycle change."""

    effective_date = VNDateField(label=_("Ngày hiệu lực"))
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=60,
                                      widget=forms.TextInput(attrs={"placeholder": _("ví dụ 1234-QĐ/TU")}))
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)
    deciding_body = forms.CharField(label=_("Cơ quan quyết định"), required=False, max_length=200,
                                    widget=forms.TextInput(attrs={"placeholder": _("ví dụ Ban Thường vụ Tỉnh ủy")}))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, org: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.org = user, org
        self.setup()
        # Decision fields last, in a stable order.
        order = [n for n in self.fields if n not in DecisionForm.base_fields] + list(DecisionForm.base_fields)
        self.order_fields(order)
        bootstrapify(self)

    def setup(self) -> None:
        """Subclasses add their fields here."""

    def decision(self) -> Decision:
        d = self.cleaned_data
        return Decision(number=d.get("decision_number", ""), date=d.get("decision_date"), body=d.get("deciding_body", ""),
                        note=d.get("note", ""))


class EstablishForm(DecisionForm):
    def setup(self):
        self.fields["name"] = forms.CharField(label=_("Tên tổ chức"), max_length=255)
        self.fields["short_name"] = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
        self.fields["code"] = forms.CharField(label=_("Mã tổ chức"), max_length=40,
                                              widget=forms.TextInput(attrs={"placeholder": _("ví dụ 38.168.053.000.001")}))
        self.fields["kind"] = forms.ChoiceField(label=_("Loại hình tổ chức"), choices=Kind.choices)
        self.fields["unit_type"] = forms.ChoiceField(label=_("Loại hình đơn vị"), choices=UnitType.choices, initial=UnitType.OTHER)
        self.fields["address"] = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
        self.fields["parent"] = OrganizationChoiceField(label=_("Trực thuộc"), queryset=_choices_for(self.user),
                                                        empty_label=None)
        self.fields["effective_date"].label = _("Ngày thành lập")


class CorrectForm(forms.Form):
    name = forms.CharField(label=_("Tên tổ chức"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    code = forms.CharField(label=_("Mã tổ chức"), max_length=40)
    unit_type = forms.ChoiceField(label=_("Loại hình đơn vị"), choices=UnitType.choices)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class RenameForm(DecisionForm):
    def setup(self):
        self.fields["name"] = forms.CharField(label=_("Tên mới"), max_length=255)
        self.fields["short_name"] = forms.CharField(label=_("Tên viết tắt mới"), max_length=100, required=False)


class MoveForm(DecisionForm):
    def setup(self):
        self.fields["new_parent"] = OrganizationChoiceField(label=_("Chuyển sang trực thuộc"),
                                                            queryset=_choices_for(self.user, exclude=self.org))


class MergeForm(DecisionForm):
    def setup(self):
        self.fields["target"] = OrganizationChoiceField(label=_("Hợp nhất vào tổ chức"),
                                                        queryset=_choices_for(self.user, exclude=self.org))
        self.fields["effective_date"].label = _("Ngày hợp nhất")


class SplitForm(DecisionForm):
    def setup(self):
        self.fields["name"] = forms.CharField(label=_("Tên tổ chức mới"), max_length=255)
        self.fields["code"] = forms.CharField(label=_("Mã tổ chức mới"), max_length=40)
        self.fields["kind"] = forms.ChoiceField(label=_("Loại hình tổ chức mới"), choices=Kind.choices,
                                                initial=self.org.kind if self.org else None)
        self.fields["children"] = forms.ModelMultipleChoiceField(
            label=_("Các tổ chức trực thuộc chuyển sang tổ chức mới"), required=False,
            queryset=self.org.children.filter(ended_on__isnull=True).order_by("name_key") if self.org else Organization.objects.none(),
            widget=forms.CheckboxSelectMultiple)
        self.fields["dissolve_source"] = forms.BooleanField(label=_("Giải thể tổ chức bị chia tách"), required=False)


class DissolveForm(DecisionForm):
    def setup(self):
        self.fields["effective_date"].label = _("Ngày giải thể")


class ChangeKindForm(DecisionForm):
    def setup(self):
        self.fields["kind"] = forms.ChoiceField(label=_("Loại hình mới"), choices=Kind.choices)


class TermForm(forms.Form):
    name = forms.CharField(label=_("Nhiệm kỳ"), max_length=60, widget=forms.TextInput(attrs={"placeholder": _("ví dụ 2025–2030")}))
    start_date = VNDateField(label=_("Ngày bắt đầu"))
    end_date = VNDateField(label=_("Ngày kết thúc"), required=False)
    congress_resolution = forms.CharField(label=_("Nghị quyết đại hội"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class SeatForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    position = forms.ChoiceField(label=_("Chức vụ"), choices=CommitteePosition.choices)
    start_date = VNDateField(label=_("Từ ngày"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class EndSeatForm(forms.Form):
    end_date = VNDateField(label=_("Thôi giữ chức vụ từ ngày"))
    reason = forms.CharField(label=_("Lý do"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
