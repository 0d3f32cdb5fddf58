"""Forms of the badge and card pages. They only read and shape input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.awards.models import MILESTONE_CHOICES, AwardKind, CardExchangeCampaign, CardKind
from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.organizations.models import Organization


class AwardForm(forms.Form):
    milestone = forms.TypedChoiceField(label=_("Mốc huy hiệu (năm tuổi đảng)"), choices=MILESTONE_CHOICES, coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=AwardKind.choices, initial=AwardKind.REGULAR)
    presentation_on = VNDateField(label=_("Ngày trao tặng"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = VNDateField(label=_("Ngày quyết định"))
    deciding_body = forms.CharField(label=_("Cơ quan quyết định"), max_length=200, required=False)
    badge_number = forms.CharField(label=_("Số huy hiệu"), max_length=30, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class CardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại cấp thẻ"), choices=[c for c in CardKind.choices if c[0] != CardKind.EXCHANGE])
    number = forms.CharField(label=_("Số thẻ"), max_length=12, help_text=_("8 chữ số (thẻ theo CT 29-CT/TW) hoặc 12 chữ số "
                                                                           "(thẻ mới theo CT 51-CT/TW)."))
    issued_on = VNDateField(label=_("Ngày cấp thẻ"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Bắt buộc khi cấp lại thẻ bị mất hoặc đổi thẻ bị hỏng."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ExchangeForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Tổ chức đảng"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Tên đợt"), max_length=200, initial=_("Đổi thẻ đảng viên theo Chỉ thị 51-CT/TW"))
    numbering = forms.ChoiceField(label=_("Cách đánh số thẻ mới"), choices=CardExchangeCampaign.NUMBERING_CHOICES,
                                  initial=CardExchangeCampaign.NUMBERING_CITIZEN_ID,
                                  help_text=_("Thẻ mới theo CT 51-CT/TW có thể dùng số định danh cá nhân (chưa được xác nhận "
                                              "bằng văn bản); nếu cấp trên phát số riêng, chọn số liên tiếp."))
    start_number = forms.CharField(label=_("Số bắt đầu (khi cấp số liên tiếp)"), max_length=12, required=False)
    issued_on = VNDateField(label=_("Ngày cấp thẻ mới"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = VNDateField(label=_("Ngày quyết định"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.restrict(user, "awards.change").filter(ended_on__isnull=True)
        self.fields["organization"].queryset = orgs.order_by("path")
        bootstrapify(self)
