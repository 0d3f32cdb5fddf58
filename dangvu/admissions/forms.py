"""Forms of admissions and probation. They parse input; the rules live in rules.py and services.py.

Field names are the candidate's field names (services.STEP_INPUTS), so a violation lands on the
field it names.
"""

from django import forms
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dangvu.admissions.kinds import IntroducingOrganization, Step, VoteProposal, WithdrawalKind
from dangvu.admissions.models import Candidate
from dangvu.admissions.querysets import PROPOSE
from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.members.kinds import Status
from dangvu.members.models import Member
from dangvu.members.services import MEMBER_ORG_KINDS
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import grassroots_today
from dangvu.references.models import ReferenceItem


def _required(label) -> dict:
    return {"required": format_lazy(_("{label}: bắt buộc nhập."), label=label)}


def _int(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, error_messages={
        **_required(label), "invalid": format_lazy(_("{label}: phải là số nguyên."), label=label),
        "min_value": format_lazy(_("{label}: không được âm."), label=label)}, **kwargs)


def _text(label, max_length=None, required=False, rows=None, **kwargs):
    if rows:
        kwargs["widget"] = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(label=label, max_length=max_length, required=required, error_messages=_required(label), **kwargs)


def proposing_cells(user):
    """Cells (and grassroots cells) where the user may propose candidates today."""
    return (Organization.objects.changeable_by(user, PROPOSE).active()
            .filter(kind__in=MEMBER_ORG_KINDS).order_by("path"))


class CellChoiceField(OrganizationChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


def _label(name: str) -> str:
    label = str(Candidate._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


class CandidateForm(forms.Form):
    """The identity of a candidate (what the member record will need)."""

    full_name = _text(_label("full_name"), 120, required=True)
    other_names = _text(_label("other_names"), 120)
    sex = forms.ChoiceField(label=_label("sex"), choices=[("", "—"), ("male", _("Nam")), ("female", _("Nữ"))],
                            error_messages=_required(_label("sex")))
    date_of_birth = VNDateField(label=_label("date_of_birth"))
    citizen_id = _text(_label("citizen_id"), help_text=_("12 chữ số; được đối chiếu với giới tính và năm sinh."))
    place_of_birth = _text(_label("place_of_birth"), 255)
    home_town = _text(_label("home_town"), 255)
    permanent_address = _text(_label("permanent_address"), 255)
    current_address = _text(_label("current_address"), 255)
    ethnicity = forms.ModelChoiceField(label=_label("ethnicity"), required=False, empty_label="—", queryset=ReferenceItem.objects.none())
    religion = forms.ModelChoiceField(label=_label("religion"), required=False, empty_label="—", queryset=ReferenceItem.objects.none())
    general_education = forms.ModelChoiceField(label=_label("general_education"), required=False, empty_label="—",
                                               queryset=ReferenceItem.objects.none())
    occupation = forms.ModelChoiceField(label=_label("occupation"), required=False, empty_label="—",
                                        queryset=ReferenceItem.objects.none())
    workplace = _text(_label("workplace"), 255)
    position = _text(_label("position"), 255)
    youth_union_date = VNDateField(label=_label("youth_union_date"), required=False)

    def __init__(self, *args, user=None, candidate: Candidate | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("ethnicity", "religion", "general_education", "occupation"):
            qs = ReferenceItem.objects.filter(list_code=name, active=True)
            current = getattr(candidate, f"{name}_id", None) if candidate else None
            if current:
                qs = ReferenceItem.objects.filter(Q(list_code=name, active=True) | Q(pk=current))
            self.fields[name].queryset = qs
        if candidate is None:
            self.fields = {"organization": CellChoiceField(
                label=_("Chi bộ đề nghị"), queryset=proposing_cells(user), empty_label=None,
                error_messages=_required(_("Chi bộ đề nghị"))), **self.fields}
        else:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        bootstrapify(self)

    def identity(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in Candidate.IDENTITY_FIELDS}

    @staticmethod
    def initial_for(c: Candidate) -> dict:
        return {name: getattr(c, Candidate._meta.get_field(name).attname) for name in Candidate.IDENTITY_FIELDS} | {
            "version": c.version}


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    step: str = ""

    def __init__(self, *args, candidate: Candidate | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        bootstrapify(self)

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CertificateForm(StepForm):
    step = Step.CERTIFICATE
    awareness_certificate_date = VNDateField(label=_("Ngày cấp giấy chứng nhận"),
                                             help_text=_("Giấy chứng nhận của lớp ghi trên Đảng Vụ (trang Lớp bồi dưỡng) "
                                                         "được ghi tự động khi ghi kết quả lớp; chỉ nhập tay giấy chứng nhận "
                                                         "cấp trước khi lớp được quản lý ở đây."))
    awareness_certificate_number = _text(_("Số giấy chứng nhận"), 60)


class ApplicationForm(StepForm):
    step = Step.APPLICATION
    application_date = VNDateField(label=_("Ngày viết đơn xin vào Đảng"))


class BackgroundForm(StepForm):
    step = Step.BACKGROUND
    background_statement_date = VNDateField(label=_("Ngày khai lý lịch"),
                                            help_text=_("Lý lịch được khai sau khi có đơn xin vào Đảng."))


class VerificationForm(StepForm):
    step = Step.VERIFICATION
    verification_completed_date = VNDateField(label=_("Ngày hoàn thành thẩm tra lý lịch"))
    verification_note = _text(_("Kết quả thẩm tra"), rows=2)


def introducer_choices(candidate: Candidate):
    """Full members of the candidate's grassroots organization today."""
    grassroots = grassroots_today(candidate.organization)
    if grassroots is None:
        return Member.objects.none()
    return (Member.objects.filter(status=Status.FULL, organization__path__tree_prefix=grassroots.path)
            .select_related("organization").order_by("name_key", "id"))


class IntroducerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.organization.name})" if obj.organization_id else obj.full_name


class IntroducersForm(StepForm):
    step = Step.INTRODUCERS
    introduction_date = VNDateField(label=_("Ngày giới thiệu"))
    introducing_organization = forms.ChoiceField(label=_("Hình thức giới thiệu"), required=False,
                                                 choices=IntroducingOrganization.choices)
    introducing_organization_name = _text(_("Tổ chức giới thiệu"), 255,
                                          help_text=_("Khi Đoàn (Công đoàn) giới thiệu, ví dụ “Ban Chấp hành Đoàn xã An Lạc”."))
    introducer_1 = IntroducerField(label=_("Người giới thiệu thứ nhất"), queryset=Member.objects.none(), required=False,
                                   empty_label="—")
    introducer_1_since = VNDateField(label=_("Cùng công tác, học tập, sinh sống từ ngày"), required=False)
    introducer_2 = IntroducerField(label=_("Người giới thiệu thứ hai"), queryset=Member.objects.none(), required=False,
                                   empty_label="—")
    introducer_2_since = VNDateField(label=_("Cùng công tác, học tập, sinh sống từ ngày (người thứ hai)"), required=False)

    def __init__(self, *args, candidate=None, **kwargs):
        super().__init__(*args, candidate=candidate, **kwargs)
        if candidate is not None:
            self.fields["introducer_1"].queryset = introducer_choices(candidate)
            self.fields["introducer_2"].queryset = introducer_choices(candidate)


class CellVoteForm(StepForm):
    step = Step.CELL_VOTE
    cell_meeting_date = VNDateField(label=_("Ngày chi bộ họp xét"))
    full_members = _int(_("Số đảng viên chính thức của chi bộ"))
    votes_for = _int(_("Số tán thành"))
    cell_resolution_number = _text(_("Số nghị quyết"), 60)
    age_exception_decision = _text(_("Quyết định cho kết nạp người trên 60 tuổi"), 60,
                                   help_text=_("Chỉ khi người vào Đảng trên 60 tuổi: số quyết định của cấp ủy trực thuộc "
                                               "Trung ương."))
    age_exception_reason = _text(_("Lý do kết nạp người trên 60 tuổi"), rows=2)


class CommitteeVoteForm(StepForm):
    step = Step.COMMITTEE_VOTE
    committee_meeting_date = VNDateField(label=_("Ngày đảng ủy cơ sở họp xét"))
    committee_members = _int(_("Số cấp ủy viên"))
    votes_for = _int(_("Số tán thành"))


class DecisionForm(StepForm):
    step = Step.DECISION
    decision_number = _text(_("Số quyết định"), 60, required=True, widget=forms.TextInput(attrs={"placeholder": _("ví dụ 125-QĐ/ĐU")}))
    decision_date = VNDateField(label=_("Ngày quyết định"))
    deciding_body = _text(_("Cấp ủy quyết định"), 200,
                          help_text=_("Để trống: theo quy định tại ngày quyết định (trước QĐ 208: Ban Thường vụ cấp ủy cấp "
                                      "trên trực tiếp của tổ chức cơ sở đảng; từ QĐ 208: Ban Thường vụ đảng ủy cơ sở)."))
    decision_delegated = forms.BooleanField(label=_("Đảng ủy cơ sở được ủy quyền kết nạp"), required=False)
    decision_extension_reason = _text(_("Lý do gia hạn (quá thời hạn quyết định kết nạp)"), rows=2)


class CeremonyForm(StepForm):
    step = Step.CEREMONY
    ceremony_date = VNDateField(label=_("Ngày lễ kết nạp"))
    decision_received_date = VNDateField(label=_("Ngày chi bộ nhận quyết định kết nạp"), required=False,
                                         help_text=_("Thời hạn tổ chức lễ tính từ ngày này (để trống: tính từ ngày quyết định)."))
    ceremony_delay_consent = _text(_("Văn bản đồng ý tổ chức lễ muộn"), 255,
                                   help_text=_("Chỉ khi quá thời hạn tổ chức lễ kết nạp."))


STEP_FORMS: dict[str, type[StepForm]] = {f.step: f for f in (CertificateForm, ApplicationForm, BackgroundForm, VerificationForm,
                                                              IntroducersForm, CellVoteForm, CommitteeVoteForm, DecisionForm,
                                                              CeremonyForm)}


class WithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=WithdrawalKind.choices)
    on = VNDateField(label=_("Ngày"))
    reason = _text(_("Lý do"), required=True, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ProbationVoteForm(forms.Form):
    proposal = forms.ChoiceField(label=_("Nội dung biểu quyết"), choices=VoteProposal.choices)
    meeting_date = VNDateField(label=_("Ngày chi bộ họp xét"))
    full_members = _int(_("Số đảng viên chính thức của chi bộ"))
    votes_for = _int(_("Số tán thành"))
    resolution_number = _text(_("Số nghị quyết"), 60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class RecognitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision_number = _text(_("Số quyết định"), 60, required=True, widget=forms.TextInput(attrs={"placeholder": _("ví dụ 45-QĐ/ĐU")}))
    decision_date = VNDateField(label=_("Ngày quyết định"))
    deciding_body = _text(_("Cấp ủy quyết định"), 200, help_text=_("Để trống: theo quy định tại ngày quyết định."))
    delegated = forms.BooleanField(label=_("Đảng ủy cơ sở được ủy quyền"), required=False)
    extension_reason = _text(_("Lý do gia hạn (quá thời hạn quyết định công nhận chính thức)"), rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class StrikeOffForm(RecognitionForm):
    reason = _text(_("Lý do xóa tên"), required=True, rows=2)
