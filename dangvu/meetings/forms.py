"""Forms of the meeting pages. They only read and shape input; every rule is checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VNDateField, bootstrapify
from dangvu.meetings.kinds import Mark, MeetingKind
from dangvu.meetings.models import DocumentKind
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class MeetingForm(forms.Form):
    date = VNDateField(label=_("Ngày sinh hoạt"))
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=MeetingKind.choices, initial=MeetingKind.REGULAR)
    topic = forms.CharField(label=_("Chủ đề chuyên đề"), max_length=255, required=False,
                            help_text=_("Bắt buộc với sinh hoạt chuyên đề, thường kỳ kết hợp chuyên đề."))
    starts_at = forms.TimeField(label=_("Giờ bắt đầu"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Giờ kết thúc"), required=False, widget=TIME)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chair = MemberChoiceField(label=_("Chủ trì"), queryset=Member.objects.none(), required=False, empty_label="—")
    minute_taker = MemberChoiceField(label=_("Thư ký"), queryset=Member.objects.none(), required=False, empty_label="—")
    agenda = forms.CharField(label=_("Nội dung, chương trình"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    documents = forms.CharField(label=_("Tài liệu, dự thảo nghị quyết"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    materials_sent_on = VNDateField(label=_("Ngày gửi tài liệu cho đảng viên"), required=False,
                                    help_text=_("Nội dung, dự thảo nghị quyết gửi đảng viên trước buổi sinh hoạt (HD 42-HD/BTCTW)."))
    superior_notified_on = VNDateField(label=_("Ngày gửi thông báo cho cấp ủy viên cấp trên phụ trách"), required=False,
                                       help_text=_("Thông báo, tài liệu gửi cấp ủy viên cấp trên phụ trách, theo dõi chi bộ "
                                                   "trước buổi sinh hoạt (G3)."))
    party_group = forms.ModelChoiceField(label=_("Sinh hoạt theo tổ đảng"), queryset=Organization.objects.none(),
                                         required=False, empty_label=_("— Toàn chi bộ —"),
                                         help_text=_("Thí điểm: chi bộ có tổ đảng và từ 50 đảng viên, tối đa 3 lần một năm "
                                                     "(HD 03-HD/TW)."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, people=None, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = people if people is not None else Member.objects.none()
        self.fields["chair"].queryset = qs
        self.fields["minute_taker"].queryset = qs
        if groups is None or not groups.exists():
            del self.fields["party_group"]  # a cell without party groups meets as a whole (G6)
        else:
            self.fields["party_group"].queryset = groups
        bootstrapify(self)

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    day = forms.IntegerField(label=_("Ngày họp hằng tháng"), min_value=1, max_value=31, initial=5)
    starts_at = forms.TimeField(label=_("Giờ bắt đầu"), required=False, widget=TIME)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    topic_1 = forms.CharField(label=_("Chuyên đề quý I"), max_length=255, required=False)
    topic_2 = forms.CharField(label=_("Chuyên đề quý II"), max_length=255, required=False)
    topic_3 = forms.CharField(label=_("Chuyên đề quý III"), max_length=255, required=False)
    topic_4 = forms.CharField(label=_("Chuyên đề quý IV"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)

    def topics(self) -> list[str]:
        return [self.cleaned_data.get(f"topic_{q}") or "" for q in range(1, 5)]


class AttendanceForm(forms.Form):
    """The whole cell on one screen: one row per member expected on the meeting's date."""

    starts_at = forms.TimeField(label=_("Giờ bắt đầu"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Giờ kết thúc"), required=False, widget=TIME)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, expected=(), marks=None, group=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = list(expected)
        self.group = group  # G6: a party group's meeting: only its members are marked, the others "not in this group"
        marks = marks or {}
        choices = [("", _("Không thuộc tổ này")), *Mark.choices] if group else Mark.choices
        for e in self.expected:
            if e.member_id in marks:
                mark, reason = marks[e.member_id]
            elif group:
                mark, reason = "", ""
            elif e.optional:
                mark = Mark.EXCUSED
                reason = str(_("Đang sinh hoạt tạm thời nơi khác") if e.away else _("Được miễn sinh hoạt đảng"))
            else:
                mark, reason = Mark.PRESENT, ""
            self.fields[f"mark_{e.member_id}"] = forms.ChoiceField(label=e.full_name, choices=choices, initial=mark,
                                                                    widget=forms.RadioSelect, required=not group)
            self.fields[f"reason_{e.member_id}"] = forms.CharField(label=_("Lý do vắng"), max_length=255, required=False,
                                                                   initial=reason)
        bootstrapify(self)

    def rows(self):
        return [(e, self[f"mark_{e.member_id}"], self[f"reason_{e.member_id}"]) for e in self.expected]

    def attendance(self) -> list:
        d = self.cleaned_data
        rows = [(e.member_id, d.get(f"mark_{e.member_id}") or "", d.get(f"reason_{e.member_id}") or "") for e in self.expected]
        return [r for r in rows if r[1]] if self.group else rows


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Biên bản"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    results = forms.CharField(label=_("I. Kết quả thực hiện tháng trước"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    next_tasks = forms.CharField(label=_("II. Nhiệm vụ tháng tới"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    assignment = forms.CharField(label=_("III. Phân công tổ chức thực hiện"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    self_assessment = forms.CharField(label=_("IV. Tự đánh giá chất lượng buổi sinh hoạt"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(label=_("Tán thành"), required=False, min_value=0)
    votes_against = forms.IntegerField(label=_("Không tán thành"), required=False, min_value=0)
    votes_abstain = forms.IntegerField(label=_("Không biểu quyết"), required=False, min_value=0)
    complete = forms.BooleanField(label=_("Hoàn thành biên bản (không sửa được nữa)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class QualityForm(forms.Form):
    """G7: one field per criterion of the province's scoring sheet in force on the meeting's date."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sheet=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = list(sheet)
        for key, label, most in self.sheet:
            self.fields[f"quality_{key}"] = forms.IntegerField(label=label, required=False,
                                                               help_text=_("Tối đa %(n)s điểm") % {"n": most})
        bootstrapify(self)

    def scores(self) -> dict:
        return {key: self.cleaned_data.get(f"quality_{key}") for key, _, _ in self.sheet}


class TaskForm(forms.Form):
    description = forms.CharField(label=_("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = MemberChoiceField(label=_("Người thực hiện"), queryset=Member.objects.none(), required=False, empty_label="—")
    owner_label = forms.CharField(label=_("Hoặc ghi tên người, bộ phận thực hiện"), max_length=200, required=False)
    due_on = VNDateField(label=_("Hạn hoàn thành"))

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people if people is not None else Member.objects.none()
        bootstrapify(self)


class TaskDoneForm(forms.Form):
    done_on = VNDateField(label=_("Ngày hoàn thành"))
    result = forms.CharField(label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices, initial=DocumentKind.AGENDA)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, required=False,
                            help_text=_("Bỏ trống: lấy tên tệp."))
    file = forms.FileField(label=_("Tệp"), help_text=_("PDF, Word, Excel, OpenDocument, văn bản hoặc ảnh; tối đa 10 MB."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class GroupsForm(forms.Form):
    """The party group of every member of the cell from a date (G6): one choice per member, "—" for no group."""

    on = VNDateField(label=_("Từ ngày"))

    def __init__(self, *args, expected=(), groups=None, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = list(expected)
        current = current or {}
        self.names = {e.member_id: (groups or {}).get(current.get(e.member_id), "") for e in self.expected}
        choices = [("", _("— Không thuộc tổ nào —")), *((str(pk), name) for pk, name in (groups or {}).items())]
        for e in self.expected:
            group = current.get(e.member_id)
            self.fields[f"group_{e.member_id}"] = forms.ChoiceField(label=e.full_name, choices=choices, required=False,
                                                                     initial=str(group) if group else "")
        bootstrapify(self)

    def rows(self):
        return [(e, self[f"group_{e.member_id}"], self.names[e.member_id]) for e in self.expected]

    def assignments(self) -> list[tuple[int, int | None]]:
        d = self.cleaned_data
        return [(e.member_id, int(d[f"group_{e.member_id}"]) if d.get(f"group_{e.member_id}") else None)
                for e in self.expected]
