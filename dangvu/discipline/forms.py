"""Forms of the discipline pages. They only read and shape input; every rule is checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.discipline.kinds import AppealBar, AppealOutcome, BodyKind, DeferralReason, Form, NoticeBodyKind, ViolationKind
from dangvu.members.kinds import GROUNDS_FOR, EventType, RemovalGround
from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class _Base(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ProceedingForm(_Base):
    member = MemberChoiceField(label=_("Đảng viên"), queryset=Member.objects.none(), required=False)
    subject_organization = OrganizationChoiceField(label=_("Tổ chức đảng bị xem xét"), queryset=Organization.objects.none(),
                                                   required=False)
    opened_on = VNDateField(label=_("Ngày bắt đầu xem xét"))
    proposed_form = forms.ChoiceField(label=_("Hình thức đề nghị"), choices=Form.choices)
    summary = forms.CharField(label=_("Nội dung vi phạm"), widget=forms.Textarea(attrs={"rows": 3}))
    violation_kind = forms.ChoiceField(label=_("Loại vi phạm"), choices=ViolationKind.choices,
                                       help_text=_("Quyết định thời hiệu xử lý kỷ luật (QĐ 69-QĐ/TW Điều 4)."))
    committed_on = VNDateField(label=_("Ngày vi phạm"))
    violation = forms.CharField(label=_("Mô tả hành vi vi phạm"), widget=forms.Textarea(attrs={"rows": 2}))
    committed_on_2 = VNDateField(label=_("Ngày vi phạm khác (nếu có)"), required=False)
    violation_2 = forms.CharField(label=_("Mô tả vi phạm khác"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    case_reference = forms.CharField(label=_("Căn cứ (cuộc kiểm tra, đơn thư…)"), max_length=200, required=False)
    higher_level_task = forms.BooleanField(label=_("Vi phạm nhiệm vụ do cấp trên giao"), required=False)

    def __init__(self, *args, members=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members
            self.fields["member"].required = True
            del self.fields["subject_organization"]
        else:
            self.fields["subject_organization"].queryset = organizations
            self.fields["subject_organization"].required = True
            del self.fields["member"]
            del self.fields["higher_level_task"]


class HearingForm(_Base):
    heard_on = VNDateField(label=_("Ngày nghe đảng viên trình bày"), required=False)
    invitations_declined = forms.IntegerField(label=_("Số lần mời không đến, không có lý do chính đáng"), min_value=0,
                                              required=False)


class DeferralForm(_Base):
    reason = forms.ChoiceField(label=_("Lý do chưa xem xét"), choices=DeferralReason.choices)
    until = VNDateField(label=_("Chưa xem xét đến ngày"), required=False)
    child_born_on = VNDateField(label=_("Ngày sinh của con (nuôi con nhỏ)"), required=False)


class ProposalForm(_Base):
    proposal_body = OrganizationChoiceField(label=_("Tổ chức đề nghị"), queryset=Organization.objects.none())
    proposal_on = VNDateField(label=_("Ngày biểu quyết đề nghị"))
    votes_for = forms.IntegerField(label=_("Số tán thành"), min_value=0)
    vote_base = forms.IntegerField(label=_("Tổng số thành viên có quyền biểu quyết"), min_value=0)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal_body"].queryset = organizations


class DecisionForm(_Base):
    decided_form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=Form.choices)
    body_kind = forms.ChoiceField(label=_("Cơ quan quyết định"), choices=BodyKind.choices)
    deciding_organization = OrganizationChoiceField(label=_("Tổ chức đảng quyết định"), queryset=Organization.objects.none())
    decided_on = VNDateField(label=_("Ngày quyết định"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    votes_for = forms.IntegerField(label=_("Số tán thành"), min_value=0)
    vote_base = forms.IntegerField(label=_("Tổng số thành viên có quyền biểu quyết"), min_value=0)
    post = forms.CharField(label=_("Chức vụ bị cách (khi cách chức)"), max_length=200, required=False)
    expulsion_ground = forms.ChoiceField(label=_("Căn cứ khai trừ"), required=False, choices=[("", "—")] + [
        (g, RemovalGround(g).label) for g in GROUNDS_FOR[EventType.EXPELLED]])
    announced_on = VNDateField(label=_("Ngày công bố (nếu đã công bố)"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deciding_organization"].queryset = organizations


class AnnounceForm(_Base):
    announced_on = VNDateField(label=_("Ngày công bố"))


class DropForm(_Base):
    on = VNDateField(label=_("Ngày kết luận"))
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class AppealForm(_Base):
    appellant = forms.CharField(label=_("Người khiếu nại"), max_length=200)
    decision_received_on = VNDateField(label=_("Ngày nhận quyết định kỷ luật"))
    received_on = VNDateField(label=_("Ngày nhận đơn khiếu nại"))
    content = forms.CharField(label=_("Nội dung khiếu nại"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    handling_body = forms.CharField(label=_("Cơ quan giải quyết"), max_length=200, required=False)
    bars = forms.MultipleChoiceField(label=_("Trường hợp không giải quyết (nếu có)"), required=False,
                                     widget=forms.CheckboxSelectMultiple,
                                     choices=[c for c in AppealBar.choices if c[0] not in ("late", "no_written_decision")],
                                     help_text=_("Quá hạn và chưa có quyết định bằng văn bản được kiểm tra tự động "
                                                 "(QĐ 296-QĐ/TW Điều 25.1)."))


class AppealDecisionForm(_Base):
    outcome = forms.ChoiceField(label=_("Kết quả giải quyết"), choices=AppealOutcome.choices)
    new_form = forms.ChoiceField(label=_("Hình thức kỷ luật mới (khi thay đổi)"), required=False,
                                 choices=[("", "—")] + list(Form.choices))
    decided_on = VNDateField(label=_("Ngày quyết định giải quyết khiếu nại"))
    announced_on = VNDateField(label=_("Ngày công bố"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)


class NotificationForm(_Base):
    member = MemberChoiceField(label=_("Đảng viên"), queryset=Member.objects.none())
    body_kind = forms.ChoiceField(label=_("Loại cơ quan"), choices=NoticeBodyKind.choices)
    body_name = forms.CharField(label=_("Cơ quan, tổ chức thông báo"), max_length=200)
    measure = forms.CharField(label=_("Hình thức xử lý"), max_length=200)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = VNDateField(label=_("Ngày quyết định"))
    received_on = VNDateField(label=_("Ngày nhận thông báo"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class CellPickForm(forms.Form):
    cell = OrganizationChoiceField(label=_("Chi bộ"), queryset=Organization.objects.none())

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        bootstrapify(self)
