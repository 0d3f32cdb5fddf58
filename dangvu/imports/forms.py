from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, bootstrapify
from dangvu.imports.kinds import KINDS
from dangvu.organizations.models import Organization


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=[(k, v.label) for k, v in KINDS.items()])
    organization = OrganizationChoiceField(label=_("Nhập vào tổ chức"), queryset=Organization.objects.none())
    file = forms.FileField(label=_("Tệp (.xlsx hoặc .csv)"),
                           help_text=_("Dùng tệp mẫu; dòng tiêu đề có thể nằm dưới các dòng tiêu đề chung."))
    at_once = forms.BooleanField(
        label=_("Nhập luôn nếu không có dòng lỗi"), required=False,
        help_text=_("Kiểm tra và nhập trong một lần (tệp lớn: nhanh gấp đôi), không dừng ở bước xem trước. Có một dòng "
                    "lỗi thì vẫn không ghi gì và các dòng lỗi được liệt kê như khi kiểm tra."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.changeable_by(user, "members.change").active()
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"
        bootstrapify(self)
