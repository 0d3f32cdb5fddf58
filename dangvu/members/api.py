"""The member register API: /api/members/ and /api/members/{id}/events/.

Same conventions as the organizations API (dangvu/organizations/api.py):
- scope: every queryset starts from `Member.objects.visible_to(request.user)`, so a member outside
  the user's scope is a 404; a user with the `member` role sees only their own linked record;
- ids in a request resolve only among what the user may see (organizations through
  `Organization.objects.visible_to`, reference items within their list), anything else is
  "không tồn tại hoặc ngoài phạm vi quyền";
- writes go through dangvu.members.services (rules → 400 naming the field, stale `version` → 409,
  visible but read-only → 403), which write the events, the derived state and the audit entries.

Sensitive fields (`Member.SENSITIVE_FIELDS`: CCCD, card number, photo, addresses) are masked in
every answer. The detail answer shows them only to a user who may reveal them (role allowing
"members.reveal" over the member's organization, a system administrator, or the member
themself) and who asks for them with `?reveal=citizen_id,party_card_number`; each reveal is
audited.
"""

from django.db.models import BooleanField as ModelBooleanField
from django.db.models import CharField as ModelCharField
from django.db.models import DateField as ModelDateField
from django.db.models import ForeignKey
from django.utils.text import capfirst
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from dangvu.accounts import permissions
from dangvu.api.pagination import Pagination
from dangvu.api.responses import FORBIDDEN, INVALID, NOT_FOUND, write_responses
from dangvu.api.serializers import VERSION_REQUIRED, VersionField, VietnameseSerializer
from dangvu.api.viewsets import RestrictedGenericViewSet
from dangvu.core import masking
from dangvu.core.dates import today
from dangvu.core.numbers import format_number
from dangvu.core.pagination import COUNT_BOUND, BoundedPaginator
from dangvu.members import rules, services
from dangvu.members.filters import MemberFilterSet
from dangvu.members.kinds import IN_PARTY, EventType, RemovalGround, Sex, Status
from dangvu.members.models import Member, MembershipEvent
from dangvu.members.querysets import attach_references
from dangvu.organizations.serializers import VisibleOrganizationField
from dangvu.references.models import ListCode, ReferenceItem


class VisibleMemberField(serializers.PrimaryKeyRelatedField):
    """A member id, resolved among the members the requesting user may see (others: "does not exist").
    The one definition: the lifecycle apps' APIs import it from here."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Member.objects.all())  # the model, for the schema
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return Member.objects.restrict(getattr(request, "user", None)).select_related("organization")


REFERENCE_FIELDS = ("ethnicity", "religion", "general_education", "professional", "academic_degree", "academic_title",
                    "theory_level", "occupation")
# Only the organization is joined; the reference items (REFERENCE_FIELDS) come from one query for the
# whole page (querysets.attach_references, in MemberViewSet.paginate_queryset): nine joins exceed PostgreSQL's join_collapse_limit.
SELECT_RELATED = ("organization",)
# Record fields a request may write: all of the form except the photo (a file, not JSON).
WRITABLE_FIELDS = [f for f in Member.RECORD_FIELDS if f != "photo"]
# Derived from the events, never written directly.
DERIVED_ONLY = {
    "status": "trạng thái suy ra từ các sự kiện; dùng POST …/events/ để ghi sự kiện.",
    "organization": "dùng POST …/events/ (chuyển sinh hoạt) để đổi tổ chức đảng.",
    "is_exempted": "dùng POST …/events/ (exempted, exemption_ended).",
    "is_suspended": "dùng POST …/events/ (suspended, reinstated).",
    "first_admission_date": "lấy theo ngày quyết định kết nạp (admission_decision_date).",
    "days_outside": "suy ra từ các sự kiện.",
}
# Record fields another service owns: shown in answers, written only through that service.
OWNED_ELSEWHERE = {"party_card_number": services.OWNED_BY_CARD_REGISTER}


# ---------------------------------------------------------------------------- masking and revealing

def mask(field: str, value) -> str | None:
    """The shared masking rule (dangvu/core/masking.py); a missing value stays null in JSON."""
    return None if value is None and field != "photo" else masking.mask(field, value)


def reveal(user, member: Member, field: str) -> str:
    """The unmasked value; services.reveal audits it (and refuses those who may not see it)."""
    return services.reveal(by=user, member=member, field=field)


def _reveal_request(request) -> list[str]:
    raw = request.query_params.get("reveal", "")
    fields = [f.strip() for f in raw.split(",") if f.strip()]
    unknown = [f for f in fields if f not in Member.SENSITIVE_FIELDS]
    if unknown:
        raise ValidationError({"reveal": [f"reveal: “{', '.join(unknown)}” không phải trường được che; chọn trong "
                                          f"{', '.join(Member.SENSITIVE_FIELDS)}."]})
    return list(dict.fromkeys(fields))


# ---------------------------------------------------------------------------- filters

class MemberApiFilterSet(MemberFilterSet):
    """The register's FilterSet (the HTML list uses the same), plus `search` as another name for `q`."""

    search = filters.CharFilter(label="Tìm kiếm (như q)", method="filter_q",
                                help_text="Như `q`: họ tên (không phân biệt hoa thường và dấu), hoặc số CCCD, số thẻ đầy đủ; "
                                          "một phần số chỉ với người được xem số đó. Mỗi lần tìm theo số được ghi nhật ký.")

    class Meta(MemberFilterSet.Meta):
        fields = [*MemberFilterSet.Meta.fields, "search"]


# ---------------------------------------------------------------------------- answers

def _label(name: str) -> str:
    return capfirst(str(Member._meta.get_field(name).verbose_name))


def _ref_name(name: str):
    return serializers.CharField(source=f"{name}.name", read_only=True, allow_null=True, label=_label(name),
                                 help_text="Tên mục trong danh mục.")


def _sensitive(name: str):
    return serializers.CharField(read_only=True, allow_null=True, label=_label(name),
                                 help_text="Được che một phần; xem đầy đủ ở trang chi tiết với ?reveal=… nếu có quyền.")


class MemberSerializer(serializers.Serializer):
    """A row of the register. Sensitive fields are masked."""

    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True, label=_label("full_name"))
    other_names = serializers.CharField(read_only=True, label=_label("other_names"))
    sex = serializers.ChoiceField(choices=Sex.choices, read_only=True, label=_label("sex"))
    sex_label = serializers.CharField(source="get_sex_display", read_only=True)
    date_of_birth = serializers.DateField(read_only=True, label=_label("date_of_birth"))
    ethnicity = _ref_name("ethnicity")
    religion = _ref_name("religion")
    organization = serializers.IntegerField(source="organization_id", read_only=True, allow_null=True,
                                            label="Tổ chức đảng (id)",
                                            help_text="Chi bộ đang sinh hoạt; với người đã ra khỏi Đảng: chi bộ cuối cùng.")
    organization_name = serializers.CharField(source="organization.name", read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True, label=_label("status"),
                                     help_text="Suy ra từ các sự kiện.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_exempted = serializers.BooleanField(read_only=True, label=_label("is_exempted"))
    is_suspended = serializers.BooleanField(read_only=True, label=_label("is_suspended"))
    first_admission_date = serializers.DateField(read_only=True, allow_null=True, label=_label("first_admission_date"))
    party_age_years = serializers.SerializerMethodField(
        help_text="Tuổi đảng hôm nay (năm tròn, từ ngày quyết định kết nạp, trừ thời gian ra khỏi Đảng); "
                  "null nếu không còn là đảng viên.")
    general_education = _ref_name("general_education")
    professional = _ref_name("professional")
    academic_degree = _ref_name("academic_degree")
    academic_title = _ref_name("academic_title")
    theory_level = _ref_name("theory_level")
    occupation = _ref_name("occupation")
    citizen_id = _sensitive("citizen_id")
    party_card_number = _sensitive("party_card_number")
    photo = _sensitive("photo")
    permanent_address = _sensitive("permanent_address")
    current_address = _sensitive("current_address")
    version = serializers.IntegerField(read_only=True, help_text="Gửi lại giá trị này khi sửa, để phát hiện sửa đồng thời.")
    can_change = serializers.SerializerMethodField(help_text="Người dùng hiện tại có được sửa hồ sơ, ghi sự kiện không.")

    def get_party_age_years(self, obj) -> int | None:
        if obj.status not in IN_PARTY:
            return None
        return rules.party_age_years(obj.first_admission_date, obj.days_outside, today())

    def get_can_change(self, obj) -> bool:
        request = self.context.get("request")
        return (request is not None and obj.organization is not None
                and permissions.can(request.user, services.CHANGE, obj.organization))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        revealed = self.context.get("revealed") or {}
        for field in Member.SENSITIVE_FIELDS:
            data[field] = revealed[field] if field in revealed else mask(field, getattr(instance, field))
        return data


def _plain(name: str, cls, **kwargs):
    return cls(read_only=True, label=_label(name), **kwargs)


class MemberDetailSerializer(MemberSerializer):
    """The whole record form (mẫu 2-HSĐV) and the state derived from the events."""

    place_of_birth = _plain("place_of_birth", serializers.CharField)
    home_town = _plain("home_town", serializers.CharField)
    record_number = _plain("record_number", serializers.CharField)
    foreign_language = _plain("foreign_language", serializers.CharField)
    it_level = _plain("it_level", serializers.CharField)
    workplace = _plain("workplace", serializers.CharField)
    position = _plain("position", serializers.CharField)
    youth_union_date = _plain("youth_union_date", serializers.DateField, allow_null=True)
    admission_decision_date = _plain("admission_decision_date", serializers.DateField, allow_null=True)
    ceremony_date = _plain("ceremony_date", serializers.DateField, allow_null=True)
    admitted_in = _plain("admitted_in", serializers.CharField)
    introducer_1 = _plain("introducer_1", serializers.CharField)
    introducer_2 = _plain("introducer_2", serializers.CharField)
    recognition_date = _plain("recognition_date", serializers.DateField, allow_null=True)
    is_army = _plain("is_army", serializers.BooleanField)
    is_police = _plain("is_police", serializers.BooleanField)
    is_retired = _plain("is_retired", serializers.BooleanField)
    health = _plain("health", serializers.CharField)
    war_invalid_grade = _plain("war_invalid_grade", serializers.CharField)
    martyr_family = _plain("martyr_family", serializers.BooleanField)
    merit_family = _plain("merit_family", serializers.BooleanField)
    ethnicity_id = serializers.IntegerField(read_only=True, allow_null=True, help_text="Id mục danh mục dân tộc (để sửa).")
    religion_id = serializers.IntegerField(read_only=True, allow_null=True)
    general_education_id = serializers.IntegerField(read_only=True, allow_null=True)
    professional_id = serializers.IntegerField(read_only=True, allow_null=True)
    academic_degree_id = serializers.IntegerField(read_only=True, allow_null=True)
    academic_title_id = serializers.IntegerField(read_only=True, allow_null=True)
    theory_level_id = serializers.IntegerField(read_only=True, allow_null=True)
    occupation_id = serializers.IntegerField(read_only=True, allow_null=True)
    days_outside = serializers.IntegerField(read_only=True, help_text="Số ngày ngoài Đảng (trừ vào tuổi đảng).")
    revealed = serializers.SerializerMethodField(help_text="Các trường được che đã hiện đầy đủ theo yêu cầu ?reveal=… "
                                                           "(mỗi lần xem được ghi nhật ký).")

    def get_revealed(self, obj) -> list[str]:
        return sorted(self.context.get("revealed") or {})


class MembershipEventSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_event_type_display", read_only=True, help_text="Tên sự kiện bằng tiếng Việt.")
    organization_name = serializers.CharField(source="organization.name", read_only=True, allow_null=True)
    from_organization_name = serializers.CharField(source="from_organization.name", read_only=True, allow_null=True)

    class Meta:
        model = MembershipEvent
        fields = ["id", "member", "event_type", "label", "effective_date", "organization", "organization_name",
                  "from_organization", "from_organization_name", "external_place", "decision_number", "decision_date",
                  "deciding_body", "reason", "ground", "recorded_by_label", "recorded_at"]
        read_only_fields = fields


# ---------------------------------------------------------------------------- requests

class ReferenceItemField(serializers.PrimaryKeyRelatedField):
    """The id of an item of one reference list (dân tộc, tôn giáo, …)."""

    def __init__(self, list_code: str, **kwargs):
        self.list_code = list_code
        kwargs.setdefault("queryset", ReferenceItem.objects.filter(list_code=list_code))
        label = kwargs.get("label", list_code)
        kwargs.setdefault("error_messages", {
            "does_not_exist": f"{label}: không có mục id {{pk_value}} trong danh mục “{ListCode(list_code).label}”.",
        })
        kwargs.setdefault("help_text", f"Id một mục của danh mục “{ListCode(list_code).label}” (list_code={list_code}).")
        super().__init__(**kwargs)


def _input(name: str, required: bool = False):
    """The request field for the record field `name`, typed after the model field."""
    model_field = Member._meta.get_field(name)
    label = _label(name)
    if isinstance(model_field, ForeignKey):
        return ReferenceItemField(model_field.remote_field.limit_choices_to["list_code"], label=label, required=False,
                                  allow_null=True)
    if name == "sex":
        return serializers.ChoiceField(label=label, choices=Sex.choices, required=required)
    if isinstance(model_field, ModelDateField):
        return serializers.DateField(label=label, required=required, allow_null=not required)
    if isinstance(model_field, ModelBooleanField):
        return serializers.BooleanField(label=label, required=False)
    if isinstance(model_field, ModelCharField):
        return serializers.CharField(label=label, max_length=model_field.max_length, required=required,
                                     allow_blank=not required, allow_null=model_field.null, trim_whitespace=True)
    raise TypeError(name)  # pragma: no cover


REQUIRED_ON_CREATE = ("full_name", "sex", "date_of_birth")


class _MemberRecordInput(VietnameseSerializer):
    """Fields absent from a request are left out (create: empty; update: unchanged)."""

    def record(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k in WRITABLE_FIELDS}


def _record_serializer(name: str, base, extra: dict, doc: str, exclude=()):
    fields = {field: _input(field, required=field in REQUIRED_ON_CREATE) for field in WRITABLE_FIELDS if field not in exclude}
    return type(base)(name, (base,), {**fields, **extra, "__doc__": doc, "__module__": __name__})


class _MemberCreateBase(_MemberRecordInput):
    def validate(self, attrs):
        _refuse_derived(self.initial_data, exclude=("organization",))
        return attrs


class _MemberUpdateBase(_MemberRecordInput):
    def validate(self, attrs):
        errors = _derived_errors(self.initial_data) | _owned_errors(self.initial_data)
        if "version" not in attrs:  # a PATCH skips "required": the version is required all the same
            errors["version"] = [VERSION_REQUIRED]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def _derived_errors(data, exclude=()) -> dict:
    if not isinstance(data, dict):
        return {}
    return {key: [f"{key}: {hint}"] for key, hint in DERIVED_ONLY.items() if key in data and key not in exclude}


def _owned_errors(data) -> dict:
    if not isinstance(data, dict):
        return {}
    return {key: [text] for key, text in OWNED_ELSEWHERE.items() if key in data}


def _refuse_derived(data, exclude=()) -> None:
    errors = _derived_errors(data, exclude)
    if errors:
        raise serializers.ValidationError(errors)


MemberCreateSerializer = _record_serializer("MemberCreateSerializer", _MemberCreateBase, {
    "organization": VisibleOrganizationField(label="Tổ chức đảng", help_text="Id chi bộ nơi đảng viên sinh hoạt (bạn phải "
                                                                             "được quản lý đảng viên của chi bộ này)."),
    "joined_on": serializers.DateField(label="Ngày đến sinh hoạt", required=False, allow_null=True, default=None,
                                       help_text="Bỏ trống: kết nạp tại chi bộ này (ngày lễ kết nạp). Muộn hơn ngày lễ "
                                                 "kết nạp: kết nạp nơi khác (“chi bộ kết nạp”), chuyển đến ngày này."),
}, "Vào sổ một đảng viên: hồ sơ (mẫu 2-HSĐV) và chi bộ; các sự kiện kết nạp, chuyển đến, công nhận chính thức "
   "được ghi theo các ngày trong hồ sơ.")

MemberUpdateSerializer = _record_serializer("MemberUpdateSerializer", _MemberUpdateBase, {
    "version": VersionField(help_text="Số phiên bản của hồ sơ khi bạn đọc nó (trường `version`); nếu người khác đã sửa "
                                      "sau đó, yêu cầu bị từ chối (409)."),
}, "Đính chính hồ sơ. Trạng thái và chi bộ không sửa ở đây: chúng thay đổi qua các sự kiện (…/events/); số thẻ đảng "
   "viên thay đổi khi cấp thẻ (POST /api/party-cards/); ngày công nhận chính thức chỉ sửa được khi đã có sự kiện công "
   "nhận.", exclude=tuple(OWNED_ELSEWHERE))


# Named like the answer's component (its request half is "MembershipEventRequest"): the schema then
# names the enum of member event types after it, apart from the organizations' event types.
@extend_schema_serializer(component_name="MembershipEvent")
class MembershipEventCreateSerializer(VietnameseSerializer):
    event_type = serializers.ChoiceField(label="Sự kiện", choices=EventType.choices)
    effective_date = serializers.DateField(label="Ngày hiệu lực")
    organization = VisibleOrganizationField(label="Tổ chức đảng", required=False, allow_null=True, default=None,
                                            help_text="Chi bộ đến (kết nạp, chuyển đến, chuyển nội bộ, sinh hoạt tạm thời).")
    external_place = serializers.CharField(label="Nơi đến/nơi đi ngoài hệ thống", max_length=255, required=False,
                                           allow_blank=True, default="")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(label="Ngày quyết định", required=False, allow_null=True, default=None)
    deciding_body = serializers.CharField(label="Cơ quan quyết định", max_length=200, required=False, allow_blank=True,
                                          default="")
    reason = serializers.CharField(label="Lý do", required=False, allow_blank=True, default="")
    ground = serializers.ChoiceField(label="Căn cứ ra khỏi Đảng", choices=RemovalGround.choices, required=False,
                                     allow_blank=True, default="",
                                     help_text="Bắt buộc khi xóa tên (5 trường hợp), khai trừ, ra khỏi Đảng; quyết định "
                                               "việc kết nạp lại sau này.")
    version = VersionField(required=False, allow_null=True, default=None,
                           help_text="Tùy chọn: số phiên bản hồ sơ khi bạn đọc nó; nếu đã đổi, yêu cầu bị từ chối (409).")

    def decision(self) -> services.Decision:
        v = self.validated_data
        return services.Decision(v["decision_number"], v["decision_date"], v["deciding_body"], v["reason"], v["ground"])


# ---------------------------------------------------------------------------- views

class MemberPagination(Pagination):
    """Page numbers as elsewhere, with a bounded count: a list of more than COUNT_BOUND members answers
    `"count": 10000, "count_exact": false` ("more than 10,000") instead of counting a whole province.
    `next` keeps working past the bound."""

    django_paginator_class = BoundedPaginator

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response({"count": paginator.shown_count, "count_exact": paginator.exact, "next": self.get_next_link(),
                         "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        properties = response["properties"]
        bound = format_number(COUNT_BOUND)
        properties["count"]["description"] = (
            f"Số đảng viên phù hợp nếu `count_exact` là true; nếu không, danh sách có hơn {bound} người "
            f"(`count` = {COUNT_BOUND}) và không được đếm hết: dùng `next` để đi tiếp.")
        response["properties"] = {"count": properties["count"], "count_exact": {
            "type": "boolean", "example": True,
            "description": f"false khi danh sách có hơn {bound} người: khi đó `count` chỉ là ngưỡng đó.",
        }, **{k: v for k, v in properties.items() if k != "count"}}
        response["required"] = [*response.get("required", []), "count_exact"]
        return response


REVEAL = OpenApiParameter(
    "reveal", OpenApiTypes.STR, OpenApiParameter.QUERY,
    description="Các trường được che cần xem đầy đủ, cách nhau bởi dấu phẩy (citizen_id, party_card_number, photo, "
                "permanent_address, current_address). Cần quyền xem (cán bộ tổ chức, kiểm tra; quản trị; chính đảng viên "
                "đó); mỗi lần xem được ghi nhật ký. Không có quyền: 403.",
)


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách đảng viên trong phạm vi quyền",
        description="Sắp xếp theo tên (kiểu Việt Nam). Lọc theo q/search (không dấu), status, sex, age_band, party_age_band, "
                    "ethnicity, religion, theory_level, general_education, professional, organization; với `as_of`: những "
                    "người là đảng viên vào ngày đó. Các trường nhạy cảm luôn được che. Tổng số (`count`) được đếm tới "
                    "10.000 người; danh sách dài hơn trả `count_exact: false` và `next` vẫn đi tiếp.",
    ),
)
class MemberViewSet(mixins.ListModelMixin, RestrictedGenericViewSet):
    pagination_class = MemberPagination
    serializer_class = MemberSerializer
    filterset_class = MemberApiFilterSet
    model = Member

    def get_queryset(self):
        return self._rows().restrict(self.request.user)

    @staticmethod
    def _rows():
        return Member.objects.select_related(*SELECT_RELATED).order_by("name_key", "id")

    def filter_queryset(self, queryset):
        if self.action != "list":
            return super().filter_queryset(queryset)
        # The list: its own filters first, then the scope in the form that suits a list read a page at
        # a time (or a search): MemberQuerySet.restrict(form=…). As DjangoFilterBackend does otherwise.
        filterset = DjangoFilterBackend().get_filterset(self.request, self._rows(), self)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset.qs.restrict(self.request.user, form=filterset.scope_form)

    def get_object(self):
        member = super().get_object()
        attach_references([member], REFERENCE_FIELDS)
        return member

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":  # a page of members (the events action pages events)
            attach_references(page, REFERENCE_FIELDS)
        return page

    def _detail(self, member: Member, code: int = status.HTTP_200_OK, revealed: dict | None = None) -> Response:
        fresh = Member.objects.select_related(*SELECT_RELATED).get(pk=member.pk)
        attach_references([fresh], REFERENCE_FIELDS)
        context = {**self.get_serializer_context(), "revealed": revealed or {}}
        return Response(MemberDetailSerializer(fresh, context=context).data, status=code)


    @extend_schema(summary="Chi tiết hồ sơ đảng viên", parameters=[REVEAL],
                   responses={200: MemberDetailSerializer, 400: INVALID, 403: FORBIDDEN,
                              404: NOT_FOUND})
    def retrieve(self, request, *args, **kwargs):
        member = self.get_object()
        fields = _reveal_request(request)
        # services.reveal checks and audits each field, a refusal too (as on the page): 403 at the first.
        revealed = {field: reveal(request.user, member, field) for field in fields}
        context = {**self.get_serializer_context(), "revealed": revealed}
        return Response(MemberDetailSerializer(member, context=context).data)

    @extend_schema(summary="Vào sổ đảng viên (kết nạp tại chi bộ hoặc chuyển đến)", request=MemberCreateSerializer,
                   responses=write_responses(201, MemberDetailSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = self._input(MemberCreateSerializer)
        v = d.validated_data
        member = services.register_member(by=request.user, organization=v["organization"], joined_on=v["joined_on"],
                                          **d.record())
        return self._detail(member, status.HTTP_201_CREATED)

    @extend_schema(summary="Đính chính hồ sơ (thay toàn bộ các trường gửi lên)", request=MemberUpdateSerializer,
                   responses=write_responses(200, MemberDetailSerializer))
    def update(self, request, *args, **kwargs):
        member = self.get_object()
        d = self._input(MemberUpdateSerializer, partial=kwargs.get("partial", False))
        member = services.update_member(by=request.user, member=member, expected_version=d.validated_data["version"],
                                        **d.record())
        return self._detail(member)

    @extend_schema(summary="Đính chính một phần hồ sơ", request=MemberUpdateSerializer,
                   responses=write_responses(200, MemberDetailSerializer))
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(methods=["GET"], summary="Các sự kiện của đảng viên (theo ngày hiệu lực)",
                   responses={200: MembershipEventSerializer(many=True), 404: NOT_FOUND})
    @extend_schema(methods=["POST"], summary="Ghi một sự kiện (kết nạp lại, công nhận chính thức, chuyển sinh hoạt, miễn "
                                             "sinh hoạt, xóa tên, từ trần…)", request=MembershipEventCreateSerializer,
                   responses=write_responses(201, MembershipEventSerializer))
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def events(self, request, pk=None):
        member = self.get_object()
        if request.method == "POST":
            d = self._input(MembershipEventCreateSerializer)
            v = d.validated_data
            event = services.record_event(by=request.user, member=member, event_type=v["event_type"],
                                          effective_date=v["effective_date"], organization=v["organization"],
                                          external_place=v["external_place"], decision=d.decision(),
                                          expected_version=v["version"])
            event = MembershipEvent.objects.select_related("organization", "from_organization").get(pk=event.pk)
            return Response(MembershipEventSerializer(event).data, status=status.HTTP_201_CREATED)
        events = member.events.select_related("organization", "from_organization").order_by("effective_date", "id")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(MembershipEventSerializer(page, many=True).data)
