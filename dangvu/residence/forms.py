"""Forms of the residence pages. They parse input; the rules live in rules.py and services.py."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today, vn_date
from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from dangvu.residence.kinds import (
    AttendanceMark,
    CommentAssessment,
    CommentOccasion,
    ContactEndReason,
    IntroductionExemption,
    MeetingExemption,
    MeetingType,
)


class OrganizationCodeField(forms.CharField):
    """The commune or ward named by its organization code (any active organization of the system: the
    residence is usually outside the workplace's scope; the rules check that it is a commune or ward)."""

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        org = (Organization.objects.active().exclude(kind__in=[Kind.PARTY_GROUP, Kind.CENTRAL])
               .filter(code=code.strip()).first())
        if org is None:
            raise forms.ValidationError(_("Đảng ủy xã, phường nơi cư trú: không có tổ chức đảng đang hoạt động mã “%(code)s”.")
                                        % {"code": code})
        return org


class CellChoiceField(OrganizationChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


def _version():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class IntroduceForm(forms.Form):
    letter_number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=60,
                                    widget=forms.TextInput(attrs={"placeholder": _("ví dụ 12-GGT/ĐU")}))
    letter_date = VNDateField(label=_("Ngày giới thiệu"))
    residence_address = forms.CharField(label=_("Địa chỉ nơi cư trú"), max_length=255,
                                        widget=forms.TextInput(attrs={"placeholder": _("số nhà, tổ dân phố, thôn…")}))
    receiving_organization = OrganizationCodeField(
        label=_("Đảng ủy xã, phường nơi cư trú (mã tổ chức trong hệ thống)"), required=False, max_length=40,
        help_text=_("Gõ tên hoặc mã để tìm; nếu nơi cư trú chưa có trong hệ thống, để trống và ghi bên dưới."))
    receiving_text = forms.CharField(label=_("Nơi cư trú ngoài hệ thống"), max_length=255, required=False,
                                     widget=forms.TextInput(attrs={"placeholder": _("ví dụ Đảng ủy phường Điện Biên, tỉnh Thanh Hóa")}))
    meeting_exemption = forms.ChoiceField(
        label=_("Diện không sinh hoạt định kỳ ở nơi cư trú (HD 33-HD/BTCTW điểm 1.1)"), required=False,
        choices=[("", _("— Không (sinh hoạt và nhận xét định kỳ)")), *MeetingExemption.choices],
        help_text=_("Đảng viên thuộc các diện này vẫn được giới thiệu nhưng không sinh hoạt định kỳ và không nhận xét định kỳ "
                    "hằng năm; nơi cư trú nhận xét khi cần."))
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False,
                                   widget=forms.TextInput(attrs={"placeholder": _("ví dụ Phó Bí thư Đảng ủy")}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["receiving_organization"].widget.attrs.update({
            "list": "receiving-options", "autocomplete": "off", "hx-get": reverse("residence:receiving_options"),
            "hx-trigger": "input changed delay:300ms", "hx-target": "#receiving-options"})


class ExemptForm(forms.Form):
    introduction_exemption = forms.ChoiceField(label=_("Diện không giới thiệu (HD 33-HD/BTCTW điểm 1.2)"),
                                               choices=[("", "—"), *IntroductionExemption.choices])
    decided_on = VNDateField(label=_("Ngày xác định"))
    exemption_note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ReceiveForm(forms.Form):
    received_on = VNDateField(label=_("Ngày tiếp nhận"))
    residence_cell = CellChoiceField(label=_("Phân công về chi bộ nơi cư trú"), queryset=Organization.objects.none(),
                                     required=False, help_text=_("Để trống nếu chưa phân công; phân công sau ở trang này."))
    assigned_on = VNDateField(label=_("Ngày phân công"), required=False, help_text=_("Để trống: ngày tiếp nhận."))
    version = _version()

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence_cell"].queryset = cells if cells is not None else Organization.objects.none()
        bootstrapify(self)


class AssignForm(forms.Form):
    residence_cell = CellChoiceField(label=_("Chi bộ nơi cư trú"), queryset=Organization.objects.none())
    assigned_on = VNDateField(label=_("Ngày phân công"))
    version = _version()

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence_cell"].queryset = cells if cells is not None else Organization.objects.none()
        bootstrapify(self)


class EndForm(forms.Form):
    contact_end_reason = forms.ChoiceField(label=_("Lý do kết thúc"), choices=[("", "—"), *ContactEndReason.choices])
    ended_on = VNDateField(label=_("Ngày kết thúc"))
    end_note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = _version()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class CommentForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    comment_occasion = forms.ChoiceField(label=_("Loại nhận xét"), choices=CommentOccasion.choices)
    purpose = forms.CharField(label=_("Mục đích nhận xét (khi cần)"), max_length=255, required=False,
                              widget=forms.TextInput(attrs={"placeholder": _("ví dụ phục vụ công tác nhân sự")}))
    text = forms.CharField(label=_("Nội dung nhận xét"), widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Việc gương mẫu chấp hành chủ trương của Đảng, pháp luật của Nhà nước, quy định nơi "
                                       "cư trú; tham gia sinh hoạt, hoạt động ở nơi cư trú; quan hệ với nhân dân; đạo đức, "
                                       "lối sống của đảng viên và gia đình (QĐ 213-QĐ/TW Điều 2)."))
    comment_assessment = forms.ChoiceField(label=_("Kết luận"), choices=[("", "—"), *CommentAssessment.choices])
    commented_on = VNDateField(label=_("Ngày nhận xét"))
    signer_name = forms.CharField(label=_("Người ký (bí thư chi bộ)"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    written_by_text = forms.CharField(label=_("Chi bộ nơi cư trú đã nhận xét (ngoài hệ thống)"), max_length=255, required=False)

    def __init__(self, *args, outside: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not outside:
            del self.fields["written_by_text"]
        bootstrapify(self)


class MeetingForm(forms.Form):
    held_on = VNDateField(label=_("Ngày sinh hoạt"))
    meeting_type = forms.ChoiceField(label=_("Hình thức"), choices=MeetingType.choices)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Thông báo tình hình địa phương, lấy ý kiến, chuyên đề… (QĐ 213-QĐ/TW Điều 4)."))

    def __init__(self, *args, attendees=(), **kwargs):
        kwargs.setdefault("initial", {"held_on": today()})
        super().__init__(*args, **kwargs)
        self.attendees = list(attendees)
        for contact in self.attendees:
            default = AttendanceMark.PRESENT if contact.is_open and not contact.meeting_exemption else ""
            label = contact.member.full_name
            if not contact.is_open:
                label = _("%(name)s (đã kết thúc ngày %(date)s)") % {"name": label, "date": vn_date(contact.ended_on)}
            self.fields[f"mark_{contact.pk}"] = forms.ChoiceField(
                label=label, required=False, initial=default,
                choices=[("", _("— Không ghi (miễn sinh hoạt định kỳ)") if contact.meeting_exemption else "—"),
                         *AttendanceMark.choices])
            self.fields[f"reason_{contact.pk}"] = forms.CharField(label=_("Lý do vắng"), max_length=255, required=False)
        bootstrapify(self)

    def main_fields(self):
        return [self[name] for name in ("held_on", "meeting_type", "content")]

    def attendance_rows(self):
        return [(c, self[f"mark_{c.pk}"], self[f"reason_{c.pk}"]) for c in self.attendees]

    def attendance(self) -> list:
        d = self.cleaned_data
        return [(c.pk, d.get(f"mark_{c.pk}") or "", d.get(f"reason_{c.pk}") or "") for c in self.attendees
                if d.get(f"mark_{c.pk}")]
