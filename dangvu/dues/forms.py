"""Forms of the dues pages. They only read and shape input; the services decide."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VNDateField, bootstrapify
from dangvu.dues.models import ZONE_CHOICES, Category, Channel


def parse_money(raw) -> Decimal | None:
    """"80.000", "80 000", "80000" → 80000; "" → None; anything else raises ValueError."""
    text = str(raw or "").strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if text.count(",") == 1 and text.endswith(",0"):  # "80.000,0"
        text = text[:-2]
    text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


class MoneyField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_money(value)
        except ValueError as exc:
            raise forms.ValidationError(_("Nhập số tiền bằng chữ số, ví dụ 80.000.")) from exc


class BasisForm(forms.Form):
    valid_from = VNDateField(label=_("Áp dụng từ tháng (ngày bất kỳ trong tháng)"))
    category = forms.ChoiceField(label=_("Đối tượng đóng đảng phí"), choices=Category.choices)
    income = MoneyField(label=_("Thu nhập làm căn cứ (đồng/tháng)"), required=False,
                        help_text=_("Tiền lương đóng BHXH của tháng trước, trợ cấp ốm đau, thai sản hoặc lương hưu."))
    zone = forms.TypedChoiceField(label=_("Vùng lương tối thiểu"), choices=[("", "—")] + ZONE_CHOICES, coerce=int,
                                  empty_value=None, required=False,
                                  help_text=_("Cho đảng viên không tham gia bảo hiểm xã hội."))
    reduction_percent = forms.TypedChoiceField(label=_("Mức giảm (hoàn cảnh khó khăn)"), coerce=int, required=False,
                                               empty_value=0)
    relief_until = VNDateField(label=_("Miễn, giảm đến tháng"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reduction_percent"].choices = [(0, _("Không giảm"))] + [(x, f"{x}%") for x in levels]
        bootstrapify(self)


class PaymentForm(forms.Form):
    first_month = VNDateField(label=_("Từ tháng (ngày bất kỳ trong tháng)"))
    last_month = VNDateField(label=_("Đến tháng"), required=False,
                             help_text=_("Đóng trước hoặc đóng bù nhiều tháng: mỗi tháng ghi một khoản bằng mức phải đóng."))
    amount_per_month = MoneyField(label=_("Số tiền mỗi tháng"), required=False,
                                  help_text=_("Để trống: đúng mức phải đóng của từng tháng."))
    extra = MoneyField(label=_("Đóng thêm tự nguyện"), required=False)
    paid_on = VNDateField(label=_("Ngày đóng"))
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=Channel.choices)
    receipt_number = forms.CharField(label=_("Số biên lai"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class VoidForm(forms.Form):
    void_reason = forms.CharField(label=_("Lý do hủy"), max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput)
