"""Forms of the review pages. They only read and shape input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.evaluations.kinds import CommendationLevel, Grade
from dangvu.organizations.models import Organization
from dangvu.rules.forms import VNDecimalField

GRADE_CHOICES = [("", "—")] + list(Grade.choices)


def _score(label, required=False):
    return VNDecimalField(label=label, required=required, max_digits=5, decimal_places=1, min_value=0, localize=True,
                          widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                          error_messages={"invalid": _("%(label)s: phải là một số (dùng dấu phẩy cho phần thập phân).")
                                          % {"label": label}})


class CampaignForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Tổ chức đảng"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100)
    reference_date = VNDateField(label=_("Ngày xác định quy định áp dụng"), required=False,
                                 help_text=_("Để trống: ngày 31/12 của năm đánh giá."))
    self_assessment_due = VNDateField(label=_("Hạn đảng viên tự đánh giá"), required=False)
    cell_due = VNDateField(label=_("Hạn chi bộ họp xét, đề xuất"), required=False)
    decision_due = VNDateField(label=_("Hạn cấp ủy quyết định"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations if organizations is not None else Organization.objects.none()
        bootstrapify(self)


class SelfAssessmentForm(forms.Form):
    self_text = forms.CharField(label=_("Bản tự kiểm điểm"), widget=forms.Textarea(attrs={"rows": 6}),
                                help_text=_("Ưu điểm, kết quả đạt được; hạn chế, khuyết điểm và nguyên nhân; phương "
                                            "hướng khắc phục."))
    criteria_score = _score(_("Tự chấm: tiêu chí chung"))
    results_score = _score(_("Tự chấm: kết quả thực hiện nhiệm vụ"))
    self_grade = forms.ChoiceField(label=_("Tự xếp loại"), choices=GRADE_CHOICES)

    def __init__(self, *args, scored: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not scored:
            del self.fields["criteria_score"], self.fields["results_score"]
        bootstrapify(self)


class CellRowForm(forms.Form):
    """One member's row on the cell's grading screen (prefix = the review's id)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    grade = forms.ChoiceField(label=_("Chi bộ đề xuất"), choices=GRADE_CHOICES, required=False)
    score = _score(_("Điểm"))
    comment = forms.CharField(label=_("Nhận xét của chi bộ"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    votes_present = forms.IntegerField(label=_("Số dự"), min_value=0, required=False)
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["grade"].widget.attrs["class"] = "form-select form-select-sm"


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decided_on = VNDateField(label=_("Ngày quyết định"))
    deciding_body = forms.CharField(label=_("Cấp ủy quyết định"), max_length=200, required=False,
                                    help_text=_("Để trống: cấp ủy của tổ chức đảng đang chọn."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class DecisionRowForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    grade = forms.ChoiceField(label=_("Quyết định xếp loại"), choices=GRADE_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].widget.attrs["class"] = "form-select form-select-sm"


class OrganizationDecisionForm(DecisionForm):
    grade = forms.ChoiceField(label=_("Xếp loại"), choices=GRADE_CHOICES)
    reason = forms.CharField(label=_("Lý do hủy kết quả, xếp loại lại"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["deciding_body"]
        bootstrapify(self)


class CommendationForm(forms.Form):
    """A commendation of a candidate of the campaign's year ("m<id>": a member's review, "o<id>": an
    organization's review); the years excellent in a row are shown with each candidate."""

    subject = forms.ChoiceField(label=_("Tập thể, cá nhân được khen thưởng"))
    level = forms.ChoiceField(label=_("Hình thức khen thưởng"), choices=CommendationLevel.choices)
    consecutive_years = forms.IntegerField(label=_("Số năm liền hoàn thành xuất sắc nhiệm vụ"), min_value=0, max_value=50,
                                           required=False, help_text=_("Để trống hoặc 0: khen thưởng không theo số năm "
                                                                       "liền."))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decided_on = VNDateField(label=_("Ngày quyết định"))
    deciding_body = forms.CharField(label=_("Cấp quyết định"), max_length=200, required=False,
                                    help_text=_("Để trống: cấp ủy của tổ chức mở đợt đánh giá."))
    reason = forms.CharField(label=_("Lý do khen thưởng"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "—")] + list(candidates)
        bootstrapify(self)


class QuotaGroupForm(forms.Form):
    name = forms.CharField(label=_("Tên nhóm"), max_length=200,
                           help_text=_("Ví dụ: Chi bộ thôn, tổ dân phố; Chi bộ cơ quan; Chi bộ trường học."))
    organizations = forms.ModelMultipleChoiceField(label=_("Tổ chức đảng trong nhóm"), queryset=Organization.objects.none(),
                                                   widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = organizations if organizations is not None else Organization.objects.none()
        bootstrapify(self)
