"""Forms of the account pages: they parse input; who may do what is decided by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.models import Role
from dangvu.core.forms import OrganizationChoiceField, bootstrapify
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization


def manageable_organizations(user):
    """The organizations where `user` may give accounts (today's subtrees, active ones)."""
    return Organization.objects.changeable_by(user, "accounts.manage").active().order_by("path")


class ScopeForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Tổ chức (phạm vi)"), queryset=Organization.objects.none(),
                                           empty_label=_("— Chọn —"))
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", _("— Chọn —")), *Role.choices])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = manageable_organizations(user)
        bootstrapify(self)


class AccountForm(ScopeForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               widget=forms.TextInput(attrs={"placeholder": _("VD: thangpv"), "autocomplete": "off"}))
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)

    field_order = ["username", "full_name", "email", "organization", "role"]


class BulkSecretaryForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Tổ chức"), queryset=Organization.objects.none(),
                                           empty_label=_("— Chọn —"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = manageable_organizations(user).exclude(kind__in=[Kind.CELL, Kind.PARTY_GROUP])
        bootstrapify(self)


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Lý do khóa tài khoản"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class LinkMemberForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Hồ sơ đảng viên"), queryset=None, required=False,
                                    empty_label=_("— Không gắn —"))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: f"{m.full_name} — {m.organization.name}"
        bootstrapify(self)
