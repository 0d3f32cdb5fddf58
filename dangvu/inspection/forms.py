"""Forms of the inspection pages. They only read and shape input; every rule is checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.discipline.kinds import Form, ViolationKind
from dangvu.discipline.services import ViolationInput
from dangvu.inspection.kinds import BodyKind, CaseKind, Matter, Result
from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def _text(label, rows=3, required=True):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class _Subjects(_Form):
    def __init__(self, *args, members=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_member"].queryset = members if members is not None else Member.objects.none()
        self.fields["subject_organization"].queryset = (organizations if organizations is not None
                                                        else Organization.objects.none())


class ProgrammeForm(_Form):
    body_kind = forms.ChoiceField(label=_("Cơ quan ban hành"), choices=BodyKind.choices, initial=BodyKind.COMMISSION)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=255)
    decision_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    adopted_on = VNDateField(label=_("Ngày ban hành"))
    topics = _text(_("Nội dung trọng tâm"), required=False)


class ProgrammeItemForm(_Subjects):
    kind = forms.ChoiceField(label=_("Loại"), choices=CaseKind.choices)
    subject_member = MemberChoiceField(label=_("Đảng viên"), queryset=Member.objects.none(), required=False, empty_label="—")
    subject_organization = OrganizationChoiceField(label=_("Tổ chức đảng"), queryset=Organization.objects.none(),
                                                   required=False, empty_label="—")
    topic = forms.CharField(label=_("Nội dung"), max_length=255)
    planned_from = VNDateField(label=_("Dự kiến từ ngày"))
    planned_to = VNDateField(label=_("Đến ngày"))


class CaseForm(_Subjects):
    kind = forms.ChoiceField(label=_("Loại kiểm tra, giám sát"), choices=CaseKind.choices)
    body_kind = forms.ChoiceField(label=_("Chủ thể tiến hành"), choices=BodyKind.choices, initial=BodyKind.COMMISSION)
    subject_member = MemberChoiceField(label=_("Đảng viên được kiểm tra, giám sát"), queryset=Member.objects.none(),
                                       required=False, empty_label="—")
    subject_organization = OrganizationChoiceField(label=_("Tổ chức đảng được kiểm tra, giám sát"),
                                                   queryset=Organization.objects.none(), required=False, empty_label="—",
                                                   help_text=_("Để trống khi đối tượng là đảng viên."))
    matter = forms.ChoiceField(label=_("Nội dung kiểm tra đảng viên (chi bộ)"), choices=[("", "—"), *Matter.choices],
                               required=False)
    topic = forms.CharField(label=_("Nội dung"), max_length=255)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = VNDateField(label=_("Ngày quyết định"))
    due_on = VNDateField(label=_("Thời hạn kết thúc"))
    team = _text(_("Đoàn (tổ) kiểm tra, giám sát"), rows=2)
    higher_managed = forms.BooleanField(label=_("Đảng viên thuộc diện cấp ủy cấp trên quản lý"), required=False)
    dispersed = forms.BooleanField(label=_("Chi bộ có đảng viên phân tán"), required=False)


class StepForm(_Form):
    title = forms.CharField(label=_("Bước"), max_length=255)
    due_on = VNDateField(label=_("Hạn"))


class DoneForm(_Form):
    done_on = VNDateField(label=_("Ngày hoàn thành"))


class SessionForm(_Form):
    held_on = VNDateField(label=_("Ngày làm việc"))
    participants = forms.CharField(label=_("Thành phần"), max_length=255)
    content = _text(_("Nội dung làm việc"))


class ConclusionForm(_Form):
    concluded_on = VNDateField(label=_("Ngày kết luận"))
    findings = _text(_("Kết quả thẩm tra, xác minh"), required=False)
    conclusion = _text(_("Kết luận"))
    recommendations = _text(_("Kiến nghị, yêu cầu khắc phục"), required=False)
    result = forms.ChoiceField(label=_("Kết quả"), choices=[("", "—"), *Result.choices])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NotifyForm(_Form):
    notified_on = VNDateField(label=_("Ngày thông báo kết luận"))


class RemedyForm(_Form):
    description = _text(_("Yêu cầu khắc phục"), rows=2)
    due_on = VNDateField(label=_("Hạn khắc phục"))


class RemedyDoneForm(_Form):
    done_on = VNDateField(label=_("Ngày hoàn thành"))
    result = _text(_("Kết quả khắc phục"), rows=2)


class DenunciationForm(_Subjects):
    received_on = VNDateField(label=_("Ngày nhận"))
    subject_member = MemberChoiceField(label=_("Đảng viên bị tố cáo"), queryset=Member.objects.none(), required=False,
                                       empty_label="—")
    subject_organization = OrganizationChoiceField(label=_("Tổ chức đảng bị tố cáo"), queryset=Organization.objects.none(),
                                                   required=False, empty_label="—")
    content = _text(_("Nội dung tố cáo"), rows=4)
    denouncer_name = forms.CharField(label=_("Họ tên người tố cáo"), max_length=200, required=False,
                                     help_text=_("Chỉ người giải quyết đơn được xem; mỗi lần xem được ghi nhật ký."))
    denouncer_contact = forms.CharField(label=_("Địa chỉ, liên hệ của người tố cáo"), max_length=255, required=False)
    signed = forms.BooleanField(label=_("Có ký tên"), required=False)
    specific = forms.BooleanField(label=_("Nội dung cụ thể"), required=False)
    with_evidence = forms.BooleanField(label=_("Có tài liệu, chứng cứ"), required=False)
    forged = forms.BooleanField(label=_("Mạo danh"), required=False)


class SettleForm(_Form):
    outcome = _text(_("Kết quả giải quyết"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProposeDisciplineForm(_Form):
    """The conclusion proposes discipline: the proceeding opened through dangvu.discipline (its rules: K1, K6)."""

    opened_on = VNDateField(label=_("Ngày bắt đầu xem xét kỷ luật"))
    proposed_form = forms.ChoiceField(label=_("Hình thức đề nghị"), choices=Form.choices)
    summary = _text(_("Nội dung vi phạm"))
    violation_kind = forms.ChoiceField(label=_("Loại vi phạm"), choices=ViolationKind.choices,
                                       initial=ViolationKind.ORDINARY)
    committed_on = VNDateField(label=_("Ngày vi phạm"))
    description = _text(_("Mô tả hành vi vi phạm"), rows=2)

    def service_values(self) -> dict:
        d = self.cleaned_data
        return {"opened_on": d["opened_on"], "proposed_form": d["proposed_form"], "summary": d["summary"],
                "violations": [ViolationInput(d["violation_kind"], d["committed_on"], d["description"])]}
