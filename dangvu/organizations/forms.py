"""Forms parse input; the rules live in services and rules.py, not here."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.organizations import hooks
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.organizations.models import CommitteeMember, CommitteePosition, Organization, SeatEndGround
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
        self.fields["has_youth_union"] = _youth_union_field()
        self.fields["parent"] = OrganizationChoiceField(label=_("Trực thuộc"), queryset=_choices_for(self.user),
                                                        empty_label=None)
        self.fields["effective_date"].label = _("Ngày thành lập")


def _youth_union_field() -> forms.BooleanField:
    return forms.BooleanField(label=_("Đơn vị có tổ chức Đoàn TNCS Hồ Chí Minh"), required=False, initial=True,
                              help_text=_("Bỏ chọn nếu đơn vị không có tổ chức Đoàn: khi đó người vào Đảng trong độ tuổi "
                                          "thanh niên do hai đảng viên chính thức giới thiệu (Điều lệ Đảng, Điều 4)."))


class CorrectForm(forms.Form):
    name = forms.CharField(label=_("Tên tổ chức"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    code = forms.CharField(label=_("Mã tổ chức"), max_length=40)
    unit_type = forms.ChoiceField(label=_("Loại hình đơn vị"), choices=UnitType.choices)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["has_youth_union"] = _youth_union_field()
        self.order_fields([n for n in self.fields if n != "version"] + ["version"])
        bootstrapify(self)


class RenameForm(DecisionForm):
    def setup(self):
        self.fields["name"] = forms.CharField(label=_("Tên mới"), max_length=255)
        self.fields["short_name"] = forms.CharField(label=_("Tên viết tắt mới"), max_length=100, required=False)


class RenumberForm(DecisionForm):
    def setup(self):
        self.fields["code"] = forms.CharField(label=_("Mã số mới"), max_length=40,
                                              widget=forms.TextInput(attrs={"placeholder": _("VD: 38.701.000.000.012")}))


class MoveForm(DecisionForm):
    def setup(self):
        self.fields["new_parent"] = OrganizationChoiceField(label=_("Chuyển sang trực thuộc"),
                                                            queryset=_choices_for(self.user, exclude=self.org))


class MergeForm(DecisionForm):
    """Sáp nhập: this organization into an existing one."""

    def setup(self):
        self.fields["target"] = OrganizationChoiceField(label=_("Sáp nhập vào tổ chức"),
                                                        queryset=_choices_for(self.user, exclude=self.org))
        self.fields["effective_date"].label = _("Ngày sáp nhập")


class ConsolidateForm(DecisionForm):
    """Hợp nhất: this organization and one or more others combine into a new organization."""

    def setup(self):
        others = _choices_for(self.user, exclude=self.org)
        self.fields["sources"] = forms.ModelMultipleChoiceField(
            label=_("Hợp nhất cùng các tổ chức"), queryset=others, widget=forms.SelectMultiple(attrs={"size": 6}),
            help_text=_("Chọn một hoặc nhiều tổ chức hợp nhất với tổ chức này thành tổ chức mới."))
        self.fields["name"] = forms.CharField(label=_("Tên tổ chức mới"), max_length=255)
        self.fields["code"] = forms.CharField(label=_("Mã tổ chức mới"), max_length=40)
        self.fields["kind"] = forms.ChoiceField(label=_("Loại hình tổ chức mới"), choices=Kind.choices,
                                                initial=self.org.kind if self.org else None)
        self.fields["parent"] = OrganizationChoiceField(label=_("Tổ chức mới trực thuộc"), queryset=_choices_for(self.user),
                                                        initial=self.org.parent_id if self.org else None)
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
        self.fields["exception_consent"] = forms.CharField(
            label=_("Văn bản đồng ý của cấp ủy cấp trên (trường hợp đặc biệt)"), required=False, max_length=200,
            help_text=_("Chỉ khi đổi giữa chi bộ cơ sở và đảng bộ cơ sở trái với số đảng viên (dưới 30 là chi bộ cơ sở, "
                        "từ 30 trở lên là đảng bộ cơ sở; Điều lệ Đảng Điều 21): số, ngày văn bản."))


class TermForm(forms.Form):
    name = forms.CharField(label=_("Nhiệm kỳ"), max_length=60, widget=forms.TextInput(attrs={"placeholder": _("ví dụ 2025–2030")}))
    start_date = VNDateField(label=_("Ngày bắt đầu"))
    end_date = VNDateField(label=_("Ngày kết thúc"), required=False)
    congress_resolution = forms.CharField(label=_("Nghị quyết đại hội"), max_length=100, required=False)
    size = forms.IntegerField(label=_("Số lượng cấp ủy viên"), required=False, min_value=1, max_value=500,
                              help_text=_("Theo nghị quyết đại hội hoặc quyết định chỉ định; Ban Thường vụ không quá một phần "
                                          "ba số này."))
    extension_decision = forms.CharField(
        label=_("Văn bản cho phép kéo dài nhiệm kỳ"), max_length=200, required=False,
        help_text=_("Chỉ khi ngày kết thúc quá thời hạn nhiệm kỳ (chi bộ: 2,5 năm; từ 1/7/2025 thí điểm 5 năm; cấp ủy khác: "
                    "5 năm)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        born = f"{obj.date_of_birth:%Y}" if obj.date_of_birth else ""
        place = obj.organization.name if obj.organization_id else ""
        return " – ".join(x for x in (obj.full_name, born, place) if x)


SEAT_SEARCH_SCRIPT = "members/org_filter.js"


def _searchable(field: forms.ModelChoiceField, org: Organization, on) -> None:
    """The member of a seat is typed and searched (name, diacritics optional) among the seat's
    candidates (seat_member_search, the same queryset that validates the choice), instead of a
    select listing every member of a large organization. Without JavaScript the member's id is typed."""
    url = reverse("organizations:seat_member_search", args=[org.pk])
    field.widget = forms.NumberInput(attrs={
        "min": 1, "placeholder": _("id đảng viên"), "data-search": f"{url}?{urlencode({'on': on.isoformat()})}",
        "data-placeholder": _("Gõ họ tên đảng viên (có dấu hoặc không dấu)"), "data-search-testid": "member-search"})


class SeatForm(forms.Form):
    """A seat goes to a full member of the organization (or below), chosen among those the user may see;
    a person outside the register is written by name instead."""

    member = MemberChoiceField(label=_("Đảng viên"), queryset=None, required=False,
                               help_text=_("Đảng viên chính thức sinh hoạt trong tổ chức hoặc tổ chức trực thuộc (đảng viên dự "
                                           "bị không ứng cử cấp ủy: Điều lệ Đảng Điều 3)."))
    full_name = forms.CharField(label=_("Hoặc: họ và tên người ngoài sổ đảng viên"), max_length=120, required=False,
                                help_text=_("Chỉ khi người giữ chức vụ không có trong sổ đảng viên của hệ thống."))
    position = forms.ChoiceField(label=_("Chức vụ"), choices=CommitteePosition.choices)
    start_date = VNDateField(label=_("Từ ngày"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)

    def __init__(self, *args, user=None, org: Organization | None = None, on=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and org is not None and on is not None:
            self.fields["member"].queryset = hooks.register().seat_candidates(user, org, on).select_related("organization")
            _searchable(self.fields["member"], org, on)
        bootstrapify(self)

    def clean(self):
        d = super().clean()
        if d.get("member") is not None and (d.get("full_name") or "").strip():
            self.add_error("full_name", _("Họ và tên: để trống khi đã chọn đảng viên (tên lấy theo sổ đảng viên)."))
        return d


class LinkSeatForm(forms.Form):
    member = MemberChoiceField(label=_("Đảng viên"), queryset=None)

    def __init__(self, *args, user=None, org: Organization | None = None, on=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and org is not None and on is not None:
            self.fields["member"].queryset = hooks.register().seat_candidates(user, org, on).select_related("organization")
            _searchable(self.fields["member"], org, on)
        bootstrapify(self)


class EndSeatForm(forms.Form):
    end_date = VNDateField(label=_("Thôi giữ chức vụ từ ngày"),
                           help_text=_("Nghỉ hưu: ngày nghỉ hưu ghi trong quyết định; miễn nhiệm, xin thôi: ngày quyết định có "
                                       "hiệu lực (QĐ 294-QĐ/TW điểm 16.4)."))
    ground = forms.ChoiceField(label=_("Căn cứ"), choices=[("", "—")] + list(SeatEndGround.choices), required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class FollowerForm(forms.Form):
    seat = forms.ModelChoiceField(label=_("Cấp ủy viên cấp trên phụ trách"), queryset=CommitteeMember.objects.none(),
                                  help_text=_("Cấp ủy viên của cấp ủy cấp trên đang giữ chức vụ; thông báo, tài liệu sinh hoạt "
                                              "chi bộ gửi cả đồng chí này (G3)."))
    start_date = VNDateField(label=_("Từ ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, seats=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seats if seats is not None else CommitteeMember.objects.none()
        self.fields["seat"].label_from_instance = lambda s: f"{s.full_name} — {s.get_position_display()} {s.term.organization.name}"
        bootstrapify(self)
