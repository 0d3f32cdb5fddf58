"""The shapes of the organizations API's requests and answers (dangvu.organizations.api). No rule lives here.

Ids of organizations in a request resolve only among those the user may see: any other id is "không
tồn tại hoặc ngoài phạm vi quyền", whether it exists or not. Messages are Vietnamese and start with the
field's label (dangvu.api.serializers.VietnameseSerializer).
"""

from rest_framework import serializers

from dangvu.accounts import permissions
from dangvu.api.serializers import VERSION_REQUIRED, VersionField, VietnameseSerializer
from dangvu.organizations import hooks, services
from dangvu.organizations.committees import ACTION as COMMITTEE_CHANGE
from dangvu.organizations.kinds import EndReason, Kind, UnitType
from dangvu.organizations.models import (
    CommitteeMember,
    CommitteePosition,
    CommitteeTerm,
    Organization,
    OrganizationEvent,
    SeatEndGround,
)


class VisibleOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organization id, resolved among the organizations the requesting user may see."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organization.objects.all())  # the model, for the schema
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return Organization.objects.visible_to(getattr(request, "user", None))


class ActiveOrganizationField(serializers.PrimaryKeyRelatedField):
    """Any organization of the system that exists today: a letter or an introduction is addressed
    outside one's own scope."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organization.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        return Organization.objects.active().exclude(kind__in=[Kind.PARTY_GROUP, Kind.CENTRAL])


class SeatMemberField(serializers.PrimaryKeyRelatedField):
    """A member id for a committee seat, resolved among the members the requesting user may see (asked of
    the member register through organizations.hooks: the register sits above the tree)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", hooks.register().visible_members(None).none())  # the model, for the schema
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return hooks.register().visible_members(getattr(request, "user", None))


# ---------------------------------------------------------------------------- answers

YOUTH_UNION_LABEL = ("Đơn vị có tổ chức Đoàn TNCS Hồ Chí Minh (A9: người vào Đảng trong độ tuổi thanh niên do BCH Đoàn cơ sở "
                     "và một đảng viên chính thức giới thiệu)")


class OrganizationSerializer(serializers.Serializer):
    """An organization as it stands today (or, once ended, as it last stood)."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True, label="Mã tổ chức")
    name = serializers.CharField(read_only=True, label="Tên tổ chức")
    short_name = serializers.CharField(read_only=True, label="Tên viết tắt")
    kind = serializers.ChoiceField(choices=Kind.choices, read_only=True, label="Loại hình tổ chức")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    unit_type = serializers.ChoiceField(choices=UnitType.choices, read_only=True, label="Loại hình đơn vị")
    unit_type_label = serializers.CharField(source="get_unit_type_display", read_only=True)
    address = serializers.CharField(read_only=True, label="Địa chỉ")
    has_youth_union = serializers.BooleanField(read_only=True, label=YOUTH_UNION_LABEL)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True, label="Trực thuộc (id)")
    parent_name = serializers.SerializerMethodField()
    path = serializers.CharField(read_only=True, help_text="Đường dẫn trong cây, dạng /1/12/340/.")
    depth = serializers.IntegerField(read_only=True, label="Cấp")
    established_on = serializers.DateField(read_only=True, label="Ngày thành lập")
    ended_on = serializers.DateField(read_only=True, allow_null=True, label="Ngày kết thúc")
    end_reason = serializers.ChoiceField(choices=EndReason.choices, read_only=True, allow_blank=True, label="Lý do kết thúc")
    successor = serializers.IntegerField(source="successor_id", read_only=True, allow_null=True,
                                         label="Tổ chức kế tục: sáp nhập, hợp nhất vào (id)")
    version = serializers.IntegerField(read_only=True, help_text="Gửi lại giá trị này khi sửa, để phát hiện sửa đồng thời.")
    is_active = serializers.BooleanField(read_only=True)
    can_change = serializers.SerializerMethodField(help_text="Người dùng hiện tại có được thay đổi tổ chức này không.")

    def get_parent_name(self, obj) -> str | None:
        return obj.parent.name if obj.parent_id else None

    def get_can_change(self, obj) -> bool:
        request = self.context.get("request")
        return request is not None and permissions.can(request.user, services.CHANGE, obj)


class OrganizationAsOfSerializer(OrganizationSerializer):
    """Same shape, read from an `OrganizationVersion`: name, kind, parent and place held on a date.

    `context["parent_names"]` maps parent ids to the names the parents had on that date.
    """

    id = serializers.IntegerField(source="organization_id", read_only=True)
    address = serializers.CharField(source="organization.address", read_only=True)
    established_on = serializers.DateField(source="organization.established_on", read_only=True)
    ended_on = serializers.DateField(source="organization.ended_on", read_only=True, allow_null=True)
    end_reason = serializers.ChoiceField(choices=EndReason.choices, source="organization.end_reason", read_only=True)
    successor = serializers.IntegerField(source="organization.successor_id", read_only=True, allow_null=True)
    version = serializers.IntegerField(source="organization.version", read_only=True)
    is_active = serializers.BooleanField(source="organization.is_active", read_only=True)

    def get_parent_name(self, obj) -> str | None:
        return self.context.get("parent_names", {}).get(obj.parent_id) if obj.parent_id else None

    def get_can_change(self, obj) -> bool:
        return super().get_can_change(obj.organization)


class OrganizationEventSerializer(serializers.ModelSerializer):
    event_type_label = serializers.CharField(source="get_event_type_display", read_only=True)
    related_name = serializers.SerializerMethodField()
    description = serializers.CharField(source="describe", read_only=True, help_text="Câu mô tả sự kiện bằng tiếng Việt.")

    class Meta:
        model = OrganizationEvent
        fields = [
            "id", "organization", "event_type", "event_type_label", "effective_date", "decision_number", "decision_date",
            "deciding_body", "note", "related", "related_name", "description", "data", "recorded_by_label", "recorded_at",
        ]
        read_only_fields = fields

    def get_related_name(self, obj) -> str | None:
        return obj.related.name if obj.related_id else None


class TreeNodeSerializer(serializers.Serializer):
    """One row of the tree on a date; `context` rows are ancestors outside the user's scope."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    code = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=Kind.choices, read_only=True)
    kind_label = serializers.CharField(read_only=True)
    kind_short = serializers.CharField(read_only=True)
    depth = serializers.IntegerField(read_only=True)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    context = serializers.BooleanField(read_only=True, help_text="Chỉ hiển thị để định vị; ngoài phạm vi quyền.")
    child_count = serializers.IntegerField(read_only=True)
    descendant_count = serializers.IntegerField(read_only=True)


class CommitteeTermSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    can_change = serializers.SerializerMethodField(help_text="Người dùng hiện tại có được thay đổi cấp ủy này không.")

    class Meta:
        model = CommitteeTerm
        fields = ["id", "organization", "organization_name", "name", "start_date", "end_date", "congress_resolution",
                  "size", "extension_decision", "version", "can_change"]
        read_only_fields = fields

    def get_can_change(self, obj) -> bool:
        request = self.context.get("request")
        return request is not None and permissions.can(request.user, COMMITTEE_CHANGE, obj.organization)


class CommitteeSeatSerializer(serializers.ModelSerializer):
    position_label = serializers.CharField(source="get_position_display", read_only=True)
    member = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True,
                                                help_text="Id đảng viên giữ ghế; null nếu là người ngoài sổ đảng viên.")
    outside_register = serializers.BooleanField(read_only=True, help_text="Người giữ ghế không có trong sổ đảng viên.")
    end_ground_label = serializers.CharField(source="get_end_ground_display", read_only=True)

    class Meta:
        model = CommitteeMember
        fields = ["id", "term", "member", "outside_register", "full_name", "position", "position_label", "start_date",
                  "end_date", "end_reason", "end_ground", "end_ground_label", "end_decision_number", "end_decision_date",
                  "decision_number"]
        read_only_fields = fields


# ---------------------------------------------------------------------------- requests

class DecisionSerializer(VietnameseSerializer):
    """The decision behind a change: number, date, deciding body, note (all optional)."""

    decision_number = serializers.CharField(label="Số quyết định", max_length=60, required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(label="Ngày quyết định", required=False, allow_null=True, default=None)
    deciding_body = serializers.CharField(label="Cơ quan quyết định", max_length=200, required=False, allow_blank=True,
                                          default="")
    note = serializers.CharField(label="Ghi chú", required=False, allow_blank=True, default="")

    def decision(self) -> services.Decision:
        d = self.validated_data
        return services.Decision(d.get("decision_number", ""), d.get("decision_date"), d.get("deciding_body", ""),
                                 d.get("note", ""))


class OrganizationCreateSerializer(DecisionSerializer):
    parent = VisibleOrganizationField(label="Tổ chức cấp trên", required=False, allow_null=True, default=None,
                                      help_text="Id tổ chức cấp trên; bỏ trống chỉ khi quản trị hệ thống tạo tổ chức gốc.")
    code = serializers.CharField(label="Mã tổ chức", max_length=40)
    name = serializers.CharField(label="Tên tổ chức", max_length=255)
    short_name = serializers.CharField(label="Tên viết tắt", max_length=100, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(label="Loại hình tổ chức", choices=Kind.choices)
    unit_type = serializers.ChoiceField(label="Loại hình đơn vị", choices=UnitType.choices, required=False,
                                        default=UnitType.OTHER)
    address = serializers.CharField(label="Địa chỉ", max_length=255, required=False, allow_blank=True, default="")
    has_youth_union = serializers.BooleanField(label=YOUTH_UNION_LABEL, required=False, default=True)
    effective_date = serializers.DateField(label="Ngày thành lập")


LIFECYCLE_ONLY = {
    "kind": "dùng POST …/change-kind/ để đổi loại hình.",
    "parent": "dùng POST …/move/ để chuyển trực thuộc.",
    "established_on": "không sửa được; ngày thành lập là ngày của sự kiện thành lập.",
    "ended_on": "dùng POST …/dissolve/, …/merge/ (sáp nhập) hoặc …/consolidate/ (hợp nhất).",
}


class OrganizationUpdateSerializer(VietnameseSerializer):
    """Correction of data-entry errors (no dated event). A real rename goes through …/rename/."""

    code = serializers.CharField(label="Mã tổ chức", max_length=40)
    name = serializers.CharField(label="Tên tổ chức", max_length=255)
    short_name = serializers.CharField(label="Tên viết tắt", max_length=100, required=False, allow_blank=True, default="")
    unit_type = serializers.ChoiceField(label="Loại hình đơn vị", choices=UnitType.choices)
    address = serializers.CharField(label="Địa chỉ", max_length=255, required=False, allow_blank=True, default="")
    has_youth_union = serializers.BooleanField(label=YOUTH_UNION_LABEL, required=False)
    version = VersionField()

    def validate(self, attrs):
        errors = {}
        if "version" not in attrs:  # a PATCH skips "required": the version is required all the same
            errors["version"] = [VERSION_REQUIRED]
        for key, hint in LIFECYCLE_ONLY.items():
            if isinstance(self.initial_data, dict) and key in self.initial_data:
                errors[key] = [f"{key}: {hint}"]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def changes(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k in services.CORRECTABLE_FIELDS}


class LifecycleSerializer(DecisionSerializer):
    effective_date = serializers.DateField(label="Ngày hiệu lực")
    version = VersionField()


class RenameSerializer(LifecycleSerializer):
    name = serializers.CharField(label="Tên mới", max_length=255)
    short_name = serializers.CharField(label="Tên viết tắt mới", max_length=100, required=False, allow_blank=True,
                                       allow_null=True, default=None, help_text="Bỏ qua để giữ tên viết tắt hiện tại.")


class RenumberSerializer(LifecycleSerializer):
    code = serializers.CharField(label="Mã số mới", max_length=40)


class MoveSerializer(LifecycleSerializer):
    new_parent = VisibleOrganizationField(label="Tổ chức cấp trên mới")


class MergeSerializer(LifecycleSerializer):
    target = VisibleOrganizationField(label="Tổ chức sáp nhập vào")


class ConsolidateSerializer(LifecycleSerializer):
    sources = VisibleOrganizationField(label="Các tổ chức hợp nhất cùng tổ chức này", many=True)
    code = serializers.CharField(label="Mã tổ chức mới", max_length=40)
    name = serializers.CharField(label="Tên tổ chức mới", max_length=255)
    kind = serializers.ChoiceField(label="Loại hình tổ chức mới", choices=Kind.choices)
    parent = VisibleOrganizationField(label="Tổ chức mới trực thuộc", required=False, allow_null=True, default=None,
                                      help_text="Bỏ qua để đặt tổ chức mới ở cùng cấp trên với tổ chức này.")
    short_name = serializers.CharField(label="Tên viết tắt", max_length=100, required=False, allow_blank=True, default="")


class SplitSerializer(LifecycleSerializer):
    code = serializers.CharField(label="Mã tổ chức mới", max_length=40)
    name = serializers.CharField(label="Tên tổ chức mới", max_length=255)
    kind = serializers.ChoiceField(label="Loại hình tổ chức mới", choices=Kind.choices, required=False, allow_null=True,
                                   default=None, help_text="Bỏ qua để dùng loại hình của tổ chức bị chia tách.")
    short_name = serializers.CharField(label="Tên viết tắt", max_length=100, required=False, allow_blank=True, default="")
    children = VisibleOrganizationField(label="Tổ chức trực thuộc chuyển sang", many=True, required=False, default=list)
    dissolve_source = serializers.BooleanField(label="Giải thể tổ chức bị chia tách", required=False, default=False)


class ChangeKindSerializer(LifecycleSerializer):
    kind = serializers.ChoiceField(label="Loại hình mới", choices=Kind.choices)
    exception_consent = serializers.CharField(
        label="Văn bản đồng ý của cấp ủy cấp trên", max_length=200, required=False, allow_blank=True, default="",
        help_text="Chỉ khi đổi giữa chi bộ cơ sở và đảng bộ cơ sở trái với số đảng viên (O2, ngưỡng 30): số, ngày văn bản.")


class CommitteeTermCreateSerializer(VietnameseSerializer):
    organization = VisibleOrganizationField(label="Tổ chức")
    name = serializers.CharField(label="Nhiệm kỳ", max_length=60, help_text="Ví dụ 2025–2030.")
    start_date = serializers.DateField(label="Ngày bắt đầu")
    end_date = serializers.DateField(label="Ngày kết thúc", required=False, allow_null=True, default=None)
    congress_resolution = serializers.CharField(label="Nghị quyết đại hội", max_length=100, required=False,
                                                allow_blank=True, default="")
    size = serializers.IntegerField(label="Số lượng cấp ủy viên", required=False, allow_null=True, default=None, min_value=1,
                                    max_value=500, help_text="Ban Thường vụ không quá một phần ba số này (O7).")
    extension_decision = serializers.CharField(label="Văn bản cho phép kéo dài nhiệm kỳ", max_length=200, required=False,
                                               allow_blank=True, default="",
                                               help_text="Chỉ khi ngày kết thúc quá thời hạn nhiệm kỳ (O6).")


class CommitteeSeatCreateSerializer(VietnameseSerializer):
    member = SeatMemberField(label="Đảng viên", required=False, allow_null=True, default=None,
                                help_text="Id đảng viên chính thức sinh hoạt trong tổ chức (hoặc tổ chức trực thuộc). Bỏ "
                                          "trống khi người giữ ghế ngoài sổ đảng viên, rồi ghi full_name.")
    full_name = serializers.CharField(label="Họ và tên", max_length=120, required=False, allow_blank=True, default="",
                                      help_text="Chỉ với người ngoài sổ đảng viên (không có member).")
    position = serializers.ChoiceField(label="Chức vụ", choices=CommitteePosition.choices)
    start_date = serializers.DateField(label="Từ ngày")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, required=False, allow_blank=True, default="")


class CommitteeSeatEndSerializer(VietnameseSerializer):
    end_date = serializers.DateField(label="Đến ngày")
    reason = serializers.CharField(label="Lý do thôi", max_length=200, required=False, allow_blank=True, default="")
    ground = serializers.ChoiceField(label="Căn cứ thôi giữ chức vụ", choices=SeatEndGround.choices, required=False,
                                     allow_blank=True, default="")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, required=False, allow_blank=True, default="",
                                            help_text="Bắt buộc khi nghỉ hưu, miễn nhiệm, xin thôi (O12).")
    decision_date = serializers.DateField(label="Ngày quyết định", required=False, allow_null=True, default=None)


# ---------------------------------------------------------------------------- the superior committee member following a cell

class CellFollowerSerializer(serializers.Serializer):
    """Who of a superior committee follows the cell (phụ trách, theo dõi chi bộ), from when to when (G3)."""

    id = serializers.IntegerField(read_only=True)
    cell = serializers.IntegerField(source="cell_id", read_only=True, label="Chi bộ (id)")
    seat = serializers.IntegerField(source="seat_id", read_only=True, label="Ghế cấp ủy viên (id)")
    full_name = serializers.CharField(source="seat.full_name", read_only=True, label="Họ và tên")
    committee = serializers.CharField(source="seat.term.organization.name", read_only=True, label="Cấp ủy")
    start_date = serializers.DateField(read_only=True, label="Từ ngày")
    end_date = serializers.DateField(read_only=True, allow_null=True, label="Đến ngày")
    note = serializers.CharField(read_only=True, label="Ghi chú")


class CellFollowerAssignSerializer(VietnameseSerializer):
    seat = serializers.IntegerField(label="Cấp ủy viên cấp trên phụ trách",
                                    help_text="Id ghế cấp ủy viên (committee-seats) của một cấp ủy cấp trên của chi bộ.")
    start_date = serializers.DateField(label="Từ ngày")
    note = serializers.CharField(label="Ghi chú", max_length=255, required=False, allow_blank=True, default="")
