"""Serializers: the shapes of the API's requests and answers. No rule lives here.

Input serializers only check the form of a request (types, lengths, dates as dd/mm/yyyy or ISO)
and resolve ids; the services decide whether the change is allowed. Ids of organizations in a
request resolve only among those the user may see: any other id is "không tồn tại hoặc ngoài
phạm vi quyền", whether it exists or not, so the answer never tells that it exists.

Every input message is Vietnamese and starts with the field's label ("Mã tổ chức: bắt buộc."),
like the messages the rules return.
"""

import datetime as dt
import string

from rest_framework import serializers
from rest_framework.fields import BooleanField, CharField, DateField, IntegerField

from dangvu.audit.masking import mask_entry
from dangvu.audit.models import AuditEntry
from dangvu.core import dates

VERSION_REQUIRED = "version: bắt buộc để phát hiện sửa đồng thời"

# DRF's stock messages by error code, in Vietnamese, without the label (added in front).
_VI_MESSAGES = {
    "required": "bắt buộc.",
    "null": "không được để trống.",
    "blank": "không được để trống.",
    "max_length": "tối đa {max_length} ký tự.",
    "min_length": "tối thiểu {min_length} ký tự.",
    "invalid_choice": "“{input}” không phải là lựa chọn hợp lệ.",
    "does_not_exist": "không tồn tại hoặc ngoài phạm vi quyền (id {pk_value}).",
    "incorrect_type": "phải là id (số nguyên), nhận được {data_type}.",
    "not_a_list": "phải là một danh sách, nhận được {input_type}.",
    "empty": "danh sách không được rỗng.",
    "max_value": "không được lớn hơn {max_value}.",
    "min_value": "không được nhỏ hơn {min_value}.",
    "max_string_length": "giá trị quá lớn.",
    "datetime": "cần một ngày, không phải ngày giờ.",
    "surrogate_characters_not_allowed": "chứa ký tự không hợp lệ.",
    "null_characters_not_allowed": "không được chứa ký tự điều khiển (U+0000).",
    "max_digits": "tối đa {max_digits} chữ số.",
    "max_decimal_places": "tối đa {max_decimal_places} chữ số sau dấu phẩy.",
    "max_whole_digits": "tối đa {max_whole_digits} chữ số trước dấu phẩy.",
    "overflow": "giá trị quá lớn.",
    "date": "cần một ngày giờ, không phải một ngày.",
    "make_aware": "ngày giờ không hợp lệ ở múi giờ {timezone}.",
    "not_a_dict": "phải là một đối tượng JSON, nhận được {input_type}.",
    "no_name": "không đọc được tên tệp.",
    "empty_file": "tệp rỗng.",
    "not_a_file": "không phải là một tệp.",
}
_VI_INVALID = [
    (DateField, "ngày không đúng dạng; dùng dd/mm/yyyy hoặc yyyy-mm-dd."),
    (BooleanField, "phải là true hoặc false."),
    (IntegerField, "phải là số nguyên."),
    (CharField, "phải là chuỗi ký tự."),
]


def vietnamese_defaults() -> None:
    """DRF's stock messages in Vietnamese at its base field classes, once (DRF's own catalogue
    translates 21 of them): a serializer that is not a VietnameseSerializer (a ModelSerializer, a
    field declared in a view) answers in Vietnamese too, without the label (the answer is keyed by
    the field's name)."""
    from rest_framework import fields, relations

    classes = {cls for module in (fields, relations) for cls in vars(module).values()
               if isinstance(cls, type) and issubclass(cls, fields.Field | relations.RelatedField)}
    for cls in classes:
        own = cls.__dict__.get("default_error_messages")
        if not own:
            continue
        for code in own:
            text = _VI_MESSAGES.get(code)
            if code == "invalid":
                text = next((t for base, t in _VI_INVALID if issubclass(cls, base)), "giá trị không hợp lệ.")
            if text and _placeholders(text) <= _placeholders(str(own[code])):
                own[code] = text[:1].upper() + text[1:]


def date_policy() -> None:
    """The one date policy (dangvu.core.dates) at DRF's DateField, the base of every date a request
    carries: an impossible date ("2020-06-31") is refused as impossible, a date outside 1900–2100
    as out of range, both naming the value; the field's own parsing (its input formats) is kept."""
    from rest_framework import fields

    parse = fields.DateField.to_internal_value
    if getattr(parse, "dangvu_policy", False):
        return

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                dates.parse_date(value)
            except dates.ImpossibleDate as exc:
                raise serializers.ValidationError(f"{self.label}: {exc}" if self.label else str(exc), code="invalid") from exc
            except dates.NotADate:
                pass  # the field's own formats and message
        result = parse(self, value)
        fault = dates.out_of_range(result) if isinstance(result, dt.date) else ""
        if fault:
            raise serializers.ValidationError(f"{self.label}: {fault}" if self.label else fault[:1].upper() + fault[1:],
                                              code="invalid")
        return result

    to_internal_value.dangvu_policy = True
    fields.DateField.to_internal_value = to_internal_value


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _default_messages(field) -> dict:
    messages: dict = {}
    for cls in reversed(field.__class__.__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def vietnamese_messages(field, label: str) -> None:
    """Replace the stock (English) messages of `field` by Vietnamese ones that name it.

    Messages given explicitly to the field (e.g. the one for `version`) are left as they are.
    """
    defaults = _default_messages(field)
    for code, message in list(field.error_messages.items()):
        if code in defaults and str(message) != str(defaults[code]):
            continue  # set explicitly by the field's declaration
        text = _VI_MESSAGES.get(code)
        if code == "invalid":
            text = next((t for cls, t in _VI_INVALID if isinstance(field, cls)), "giá trị không hợp lệ.")
        if text:
            field.error_messages[code] = f"{label}: {text}"
    if isinstance(field, serializers.ManyRelatedField):
        vietnamese_messages(field.child_relation, label)


class VietnameseSerializer(serializers.Serializer):
    default_error_messages = {"invalid": "Dữ liệu không hợp lệ: cần một đối tượng JSON, nhận được {datatype}."}

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if not field.read_only:
                vietnamese_messages(field, str(field.label or name))
        return fields


class VersionField(serializers.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "version")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("help_text", "Số phiên bản của tổ chức khi bạn đọc nó (trường `version`); "
                                       "nếu người khác đã sửa sau đó, yêu cầu bị từ chối (409).")
        kwargs.setdefault("error_messages", {"required": VERSION_REQUIRED, "null": VERSION_REQUIRED})
        super().__init__(**kwargs)


class AuditEntrySerializer(serializers.ModelSerializer):
    """An audit entry, sensitive values masked as on the pages (dangvu/audit/masking.py)."""

    action_label = serializers.CharField(read_only=True)

    class Meta:
        model = AuditEntry
        fields = ["id", "timestamp", "actor_label", "action", "action_label", "object_label", "changes", "note", "request_id"]
        read_only_fields = fields

    def to_representation(self, instance):
        return super().to_representation(mask_entry(instance))


class ViolationSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã ổn định của quy tắc, ví dụ org.placement.")
    field = serializers.CharField(help_text="Trường liên quan; non_field_errors nếu không gắn với trường nào.")
    message = serializers.CharField()
    source = serializers.CharField(help_text="Văn bản quy định (Điều lệ, quy định, hướng dẫn).")


class ValidationErrorSerializer(serializers.Serializer):
    """400: `{trường: [thông báo…]}`; khi quy tắc nghiệp vụ từ chối, thêm `violations`."""

    violations = ViolationSerializer(many=True, required=False)
    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField(help_text="Phiên bản hiện tại: tải lại rồi gửi lại với giá trị này.")
