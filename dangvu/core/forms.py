"""Form pieces shared by every app: dd/mm/yyyy dates, organization pickers, rule errors."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import ImpossibleDate, NotADate, out_of_range, parse_date
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]


class PolicyDateField(forms.DateField):
    """A date read by the one date policy (core.dates.parse_date): an impossible date ("31/06/2020")
    is refused as impossible, never rolled over; a date outside 1900–2100 is refused; the message
    names the field. Base of VNDateField and of the filters' dates."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                return parse_date(value)
            except NotADate as exc:  # the field's own (translated) message: "…: nhập ngày theo dạng dd/mm/yyyy"
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
            except ImpossibleDate as exc:  # in the request's language, naming the field
                message = (_("{label}: Ngày “{text}” nằm ngoài khoảng cho phép (từ 01/01/1900 đến 31/12/2100).") if exc.outside
                           else _("{label}: Ngày “{text}” không có thật: kiểm tra ngày và tháng (ví dụ 30/06/2020)."))
                raise forms.ValidationError(format_lazy(message, label=self.label or _("Ngày"), text=exc.text[:40]),
                                            code="invalid") from exc
        value = super().to_python(value)
        fault = out_of_range(value) if value else ""
        if fault:
            raise forms.ValidationError(f"{self.label}: {fault}" if self.label else fault, code="invalid")
        return value


class VNDateField(PolicyDateField):
    """A date typed as dd/mm/yyyy (a date picker helps); the error names the field."""

    def __init__(self, *, label: str, required: bool = True, **kwargs):
        super().__init__(
            label=label, required=required, input_formats=DATE_FORMATS,
            widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "form-control datepicker", "placeholder": "dd/mm/yyyy",
                                                             "autocomplete": "off"}),
            error_messages={
                # Lazy: the label and the sentence are put together in the language of each request.
                "required": format_lazy(_("{label}: bắt buộc nhập."), label=label),
                "invalid": format_lazy(_("{label}: nhập ngày theo dạng dd/mm/yyyy (ví dụ 31/12/2020)."), label=label),
            },
            **kwargs,
        )


class OrganizationChoiceField(forms.ModelChoiceField):
    """Choices are only organizations the user may act on; labels are indented by depth."""

    def label_from_instance(self, obj) -> str:
        return f"{'— ' * max(obj.depth - 1, 0)}{obj.name} ({obj.code})"


def bootstrapify(form: forms.Form) -> forms.Form:
    """Bootstrap classes on the widgets, and "<label>: bắt buộc nhập." instead of Django's
    anonymous "This field is required." (an error names its field)."""
    for field in form.fields.values():
        if field.error_messages.get("required") == forms.Field.default_error_messages["required"] and field.label:
            field.error_messages["required"] = format_lazy(_("{label}: bắt buộc nhập."), label=field.label)
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
    return form


def add_violations(form: forms.Form, exc: RuleViolation) -> None:
    """Put each violation on its field when the form has it, else on the form."""
    for field, messages in exc.by_field().items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


def run_service(form: forms.Form, call):
    """Call a service for a form view; refusals become messages on the form (rule violations on
    their fields, a concurrent edit on the form), a scope refusal becomes 403. Returns the
    service's result, or None when it refused."""
    try:
        return call()
    except RuleViolation as exc:
        add_violations(form, exc)
    except ConcurrentEditError as exc:
        form.add_error(None, str(exc))
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    return None
