"""Forms of the register. They parse input; the rules live in rules.py and services.py.

The record form is built from the model's fields (labels, lengths, reference lists), grouped as
in the member record form (phiếu đảng viên, mẫu 2-HSĐV), with dd/mm/yyyy dates.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.members import services
from dangvu.members.exports import mask
from dangvu.members.kinds import GROUNDS_FOR, DocumentType, EventType
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.references.models import ReferenceItem

# The record grouped as in mẫu 2-HSĐV; every field of Member.RECORD_FIELDS exactly once.
FIELDSETS: list[tuple[str, list[str]]] = [
    (_("Sơ yếu lý lịch"), ["full_name", "other_names", "sex", "date_of_birth", "place_of_birth", "home_town", "permanent_address",
                            "current_address", "ethnicity", "religion", "citizen_id", "party_card_number", "record_number"]),
    (_("Trình độ"), ["general_education", "professional", "academic_degree", "academic_title", "theory_level", "foreign_language",
                     "it_level"]),
    (_("Công tác"), ["occupation", "workplace", "position", "youth_union_date"]),
    (_("Kết nạp vào Đảng"), ["admission_decision_date", "ceremony_date", "admitted_in", "admission_age_exception",
                             "introducer_1", "introducer_2", "recognition_date"]),
    (_("Gia đình, chính sách, sức khỏe"), ["is_army", "is_police", "is_retired", "health", "war_invalid_grade", "martyr_family",
                                          "merit_family"]),
]
# Checked by the rules (12 digits, province code…), so the form sets no length of its own.
_RULE_CHECKED = {"citizen_id", "party_card_number"}
# Sensitive text fields: the edit form never prints their value (that would be an unlogged reveal).
MASKED_ON_EDIT = [f for f in Member.SENSITIVE_FIELDS if f in Member.RECORD_FIELDS]


def field_label(name: str) -> str:
    label = str(Member._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _required_messages(label) -> dict:
    return {"required": format_lazy(_("{label}: bắt buộc nhập."), label=label)}


def _form_field(name: str) -> forms.Field:
    f = Member._meta.get_field(name)
    label = field_label(name)
    required = not f.blank
    if isinstance(f, models.DateField):
        return VNDateField(label=label, required=required)
    if isinstance(f, models.BooleanField):
        return forms.BooleanField(label=label, required=False)
    if isinstance(f, models.ForeignKey):
        list_code = f.remote_field.limit_choices_to["list_code"]
        return forms.ModelChoiceField(label=label, required=required, empty_label="—",
                                      queryset=ReferenceItem.objects.filter(list_code=list_code, active=True))
    if f.choices:
        return forms.ChoiceField(label=label, required=required, choices=[("", "—"), *f.choices],
                                 error_messages=_required_messages(label))
    return forms.CharField(label=label, required=required, max_length=None if name in _RULE_CHECKED else f.max_length,
                           error_messages=_required_messages(label))


class CellChoiceField(OrganizationChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


def changeable_cells(user):
    """Cells (and grassroots cells) in which the user may place and manage members today."""
    return (Organization.objects.changeable_by(user, services.CHANGE).active()
            .filter(kind__in=services.MEMBER_ORG_KINDS).order_by("path"))


class RecordForm(forms.Form):
    """All fields of the record (phiếu đảng viên)."""

    def __init__(self, *args, member: Member | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        for name in Member.RECORD_FIELDS:
            self.fields[name] = _form_field(name)
        if member is not None:
            for name in Member.RECORD_FIELDS:
                field = self.fields[name]
                current = getattr(member, f"{name}_id", None) if isinstance(field, forms.ModelChoiceField) else None
                if current:  # keep a value taken from a list item retired since
                    field.queryset = field.queryset.model.objects.filter(Q(pk__in=field.queryset.values("pk")) | Q(pk=current))
            for name in MASKED_ON_EDIT:
                current = getattr(member, name)
                field = self.fields[name]
                field.required = False
                if current:
                    field.widget.attrs["placeholder"] = format_lazy(_("Đang có: {value}"), value=mask(name, current))
                    field.help_text = _("Để trống để giữ nguyên giá trị đang có.")
        bootstrapify(self)

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in FIELDSETS]

    def record(self) -> dict:
        """The record's values; on edit, an empty masked field keeps the value it has."""
        values = {name: self.cleaned_data.get(name) for name in Member.RECORD_FIELDS}
        if self.member is not None:
            for name in MASKED_ON_EDIT:
                if not values.get(name):
                    values.pop(name)
        return values

    @classmethod
    def initial_for(cls, member: Member) -> dict:
        initial = {}
        for name in Member.RECORD_FIELDS:
            if name in MASKED_ON_EDIT:
                continue
            f = Member._meta.get_field(name)
            initial[name] = getattr(member, f.attname)
        return initial | {"version": member.version}


class CreateForm(RecordForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = CellChoiceField(
            label=_("Chi bộ sinh hoạt"), queryset=changeable_cells(user), empty_label=None,
            error_messages=_required_messages(_("Chi bộ sinh hoạt")))
        self.fields["joined_on"] = VNDateField(label=_("Ngày đến sinh hoạt tại chi bộ"), required=False)
        self.fields["joined_on"].help_text = _("Để trống nếu được kết nạp tại chi bộ này (ngày lễ kết nạp).")
        bootstrapify(self)

    def fieldsets(self):
        return [(_("Nơi sinh hoạt"), [self["organization"], self["joined_on"]]), *super().fieldsets()]


class EditForm(RecordForm):
    """A correction of the record: the card number is shown but not editable (the card register owns it)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    OWNED_ELSEWHERE = ("party_card_number",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.OWNED_ELSEWHERE:
            self.fields[name].disabled = True
            self.fields[name].help_text = services.OWNED_BY_CARD_REGISTER

    def record(self) -> dict:
        values = super().record()
        for name in self.OWNED_ELSEWHERE:
            values.pop(name, None)
        return values


class EventForm(forms.Form):
    event_type = forms.ChoiceField(label=_("Sự kiện"), error_messages=_required_messages(_("Sự kiện")),
                                   choices=[("", "—"), *[(v, label) for v, label in EventType.choices if v != EventType.ADMITTED]])
    effective_date = VNDateField(label=_("Ngày hiệu lực"))
    organization = CellChoiceField(label=_("Tổ chức đảng đến"), queryset=Organization.objects.none(), required=False,
                                   empty_label="—",
                                   help_text=_("Bắt buộc khi kết nạp lại, chuyển sinh hoạt đến, chuyển nội bộ, sinh hoạt tạm thời."))
    external_place = forms.CharField(label=_("Nơi đến / nơi đi ngoài hệ thống"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False,
                                      widget=forms.TextInput(attrs={"placeholder": _("ví dụ 125-QĐ/HU")}))
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)
    deciding_body = forms.CharField(label=_("Cơ quan quyết định"), max_length=200, required=False,
                                    widget=forms.TextInput(attrs={"placeholder": _("ví dụ Ban Thường vụ Huyện ủy")}))
    ground = forms.ChoiceField(
        label=_("Căn cứ ra khỏi Đảng"), required=False,
        choices=lambda: [("", "—"), *[(EventType(t).label, [(g.value, g.label) for g in grounds])
                                      for t, grounds in GROUNDS_FOR.items()]],  # read when shown: language, R1's months
        help_text=_("Bắt buộc khi xóa tên, khai trừ, ra khỏi Đảng; người ra khỏi Đảng vì tự ý bỏ sinh hoạt, xin ra khỏi Đảng, "
                    "gây mất đoàn kết, tham nhũng hoặc tội nghiêm trọng không được kết nạp lại."))
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Khi xóa tên: ghi các sự việc làm căn cứ (các tháng bỏ sinh hoạt, chưa đóng đảng phí…)."))
    record_cleared_on = VNDateField(label=_("Ngày được xóa án tích (khi kết nạp lại)"), required=False,
                                    help_text=_("Người từng bị kết án về tội ít nghiêm trọng: kết nạp lại sau một thời gian kể "
                                                "từ ngày được xóa án tích. Kết nạp lại do cấp ủy cấp trên quyết định: ghi số "
                                                "quyết định và cơ quan quyết định."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = changeable_cells(user)
        bootstrapify(self)

    def decision(self) -> services.Decision:
        d = self.cleaned_data
        return services.Decision(number=d.get("decision_number", ""), date=d.get("decision_date"), body=d.get("deciding_body", ""),
                                 reason=d.get("reason", ""), ground=d.get("ground", ""),
                                 record_cleared_on=d.get("record_cleared_on"))


# ---------------------------------------------------------------- member file: documents and photo

def _file_field(label, help_text, accept: str) -> forms.FileField:
    return forms.FileField(label=label, help_text=help_text, widget=forms.FileInput(attrs={"accept": accept}), error_messages={
        "required": format_lazy(_("{label}: bắt buộc chọn tệp."), label=label),
        "empty": format_lazy(_("{label}: tệp rỗng."), label=label),
        "invalid": format_lazy(_("{label}: không đọc được tệp đã gửi."), label=label),
    })


class DocumentForm(forms.Form):
    """A document of the member file; its type, size and content are checked by services.add_document."""

    doc_type = forms.ChoiceField(label=_("Loại tài liệu"), choices=[("", "—"), *DocumentType.choices],
                                 error_messages=_required_messages(_("Loại tài liệu")))
    title = forms.CharField(label=_("Tiêu đề"), max_length=255, error_messages=_required_messages(_("Tiêu đề")),
                            widget=forms.TextInput(attrs={"placeholder": _("ví dụ Quyết định kết nạp đảng viên")}))
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False,
                                      widget=forms.TextInput(attrs={"placeholder": _("ví dụ 125-QĐ/ĐU")}))
    document_date = VNDateField(label=_("Ngày văn bản"), required=False)
    file = _file_field(_("Tệp"), _("PDF, JPEG hoặc PNG, tối đa 10 MB."),
                       "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class RemoveDocumentForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gỡ bỏ"), max_length=1000, error_messages=_required_messages(_("Lý do gỡ bỏ")),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class PhotoForm(forms.Form):
    photo = _file_field(_("Ảnh 3×4"), _("JPEG hoặc PNG, tối đa 2 MB."), "image/jpeg,image/png,.jpg,.jpeg,.png")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
