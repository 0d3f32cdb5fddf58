"""API of Party badges and party cards: /api/badges/… and /api/party-cards/….

Same conventions as the member register API (dangvu/members/api.py): every read starts from
`Member.objects.visible_to(request.user)` (404 outside), ids in a request resolve only among what
the user may see, writes go through dangvu.awards.services (rules → 400 naming the field, visible
but not changeable → 403). Card numbers are masked for whoever may not reveal them.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from dangvu.api.responses import FORBIDDEN, INVALID, NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.awards import rules, services
from dangvu.awards.filters import BadgeAwardFilterSet, DueFilterForm, PartyCardFilterSet
from dangvu.awards.models import MILESTONE_CHOICES, AwardKind, BadgeAward, CardExchangeCampaign, CardKind, PartyCard
from dangvu.core import masking
from dangvu.core.dates import today
from dangvu.members import services as member_services
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField


def inline_choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field shown in the schema as a string listing its values: a third enum named `kind`
    (after the organizations' and the cards') would get a hashed name ("Kind4d8Enum")."""
    values = ", ".join(str(value) for value, _label in choices)
    kwargs["help_text"] = f"{kwargs.get('help_text', '')} Một trong: {values}.".strip()

    @extend_schema_field({"type": "string"})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


# ---------------------------------------------------------------------------- badges

class BadgeAwardSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    milestone_label = serializers.SerializerMethodField()
    kind = inline_choice(AwardKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = BadgeAward
        fields = ["id", "member", "member_name", "milestone", "milestone_label", "kind", "kind_label", "presentation_on",
                  "decision_number", "decision_date", "deciding_body", "badge_number", "note", "organization",
                  "recorded_by_label", "recorded_at"]
        read_only_fields = fields

    def get_milestone_label(self, obj) -> str:
        return rules.milestone_label(obj.milestone)


class BadgeAwardCreateSerializer(VietnameseSerializer):
    member = VisibleMemberField(label="Đảng viên")
    milestone = serializers.ChoiceField(label="Mốc huy hiệu", choices=MILESTONE_CHOICES)
    kind = inline_choice(AwardKind.choices, label="Hình thức", required=False, default=AwardKind.REGULAR)
    presentation_on = serializers.DateField(label="Ngày trao tặng")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, allow_blank=True)
    decision_date = serializers.DateField(label="Ngày quyết định", allow_null=True)
    deciding_body = serializers.CharField(label="Cơ quan quyết định", max_length=200, required=False, allow_blank=True,
                                          default="")
    badge_number = serializers.CharField(label="Số huy hiệu", max_length=30, required=False, allow_blank=True, default="")
    note = serializers.CharField(label="Ghi chú", required=False, allow_blank=True, default="")


class DueSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member.pk")
    member_name = serializers.CharField(source="member.full_name")
    date_of_birth = serializers.DateField(source="member.date_of_birth")
    first_admission_date = serializers.DateField(source="member.first_admission_date")
    organization = serializers.IntegerField(source="member.organization_id", allow_null=True)
    organization_name = serializers.CharField(source="member.organization.name", allow_null=True)
    milestone = serializers.IntegerField()
    kind = serializers.CharField(help_text="regular hoặc posthumous (truy tặng).")
    reached_on = serializers.DateField(help_text="Ngày tuổi đảng đủ mốc.")
    presentation_on = serializers.DateField(help_text="Dịp trao tặng đầu tiên từ ngày đủ tuổi đảng.")
    overdue = serializers.BooleanField(help_text="Dịp trao tặng theo quy định đã qua mà chưa ghi nhận.")
    party_age = serializers.IntegerField(help_text="Tuổi đảng (năm tròn) vào ngày được hỏi (khi từ trần với truy tặng).")
    is_exempted = serializers.BooleanField(source="member.is_exempted")
    died_on = serializers.DateField(allow_null=True)
    blocked = serializers.CharField(help_text="Lý do chưa xét được (đang đình chỉ sinh hoạt), rỗng nếu không có.")


DUE_PARAMS = [
    OpenApiParameter("presentation_on", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                     description="Dịp trao tặng (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định dịp tới (3/2, 19/5, 2/9, 7/11)."),
    OpenApiParameter("organization", OpenApiTypes.INT, OpenApiParameter.QUERY,
                     description="Chỉ đảng viên thuộc tổ chức này (id, trong phạm vi quyền)."),
]


@extend_schema_view(
    list=extend_schema(summary="Huy hiệu Đảng đã tặng (trong phạm vi quyền)"),
    retrieve=extend_schema(summary="Một lần tặng Huy hiệu Đảng", responses={200: BadgeAwardSerializer, 404: NOT_FOUND}),
)
class BadgeAwardViewSet(RestrictedViewSet):
    serializer_class = BadgeAwardSerializer
    model = BadgeAward
    filterset_class = BadgeAwardFilterSet
    select_related = ("member",)
    ordering = ("-presentation_on", "member__name_key", "id")

    @extend_schema(summary="Ghi nhận tặng Huy hiệu Đảng (mỗi mốc một lần)", request=BadgeAwardCreateSerializer,
                   responses=write_responses(201, BadgeAwardSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = BadgeAwardCreateSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        award = services.record_award(by=request.user, member=v["member"], milestone=int(v["milestone"]), kind=v["kind"],
                                      presentation_on=v["presentation_on"], decision_number=v["decision_number"],
                                      decision_date=v["decision_date"], deciding_body=v["deciding_body"],
                                      badge_number=v["badge_number"], note=v["note"])
        return Response(BadgeAwardSerializer(award).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Đảng viên đến hạn tặng Huy hiệu Đảng vào một dịp trao tặng", parameters=DUE_PARAMS,
                   responses={200: DueSerializer(many=True), 400: INVALID, 404: NOT_FOUND})
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def due(self, request):
        form = DueFilterForm(request.query_params, user=request.user)
        if not form.is_valid():
            raise ValidationError(form.api_errors())
        on = form.cleaned_data["presentation_on"] or rules.next_presentation_date(today())
        rows = services.due_list(request.user, on, form.cleaned_data["organization"])
        return Response({"presentation_on": on, "count": len(rows), "results": DueSerializer(rows, many=True).data})


# ---------------------------------------------------------------------------- party cards

class PartyCardSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    number = serializers.SerializerMethodField(help_text="Luôn được che một phần; xem đầy đủ ở chi tiết với ?reveal=number "
                                                         "nếu có quyền (mỗi lần xem được ghi nhật ký).")
    previous_number = serializers.SerializerMethodField(help_text="Như `number` (?reveal=previous_number).")

    class Meta:
        model = PartyCard
        fields = ["id", "member", "member_name", "number", "kind", "kind_label", "issued_on", "decision_number", "decision_date",
                  "reason", "previous_number", "campaign", "recorded_by_label", "recorded_at"]
        read_only_fields = fields

    def _shown(self, obj, name: str) -> str:
        """Masked as the register masks the card number, unless revealed (the audited step, retrieve)."""
        revealed = self.context.get("revealed") or {}
        return revealed[name] if name in revealed else masking.mask("party_card_number", getattr(obj, name))

    def get_number(self, obj) -> str:
        return self._shown(obj, "number")

    def get_previous_number(self, obj) -> str:
        return self._shown(obj, "previous_number")


CARD_REVEAL_FIELDS = ("number", "previous_number")
CARD_REVEAL = OpenApiParameter(
    "reveal", OpenApiTypes.STR, OpenApiParameter.QUERY,
    description="number, previous_number (cách nhau bởi dấu phẩy): xem đầy đủ số thẻ. Cần quyền xem thông tin được che "
                "của đảng viên (như ?reveal= của /api/members/{id}/); mỗi lần xem, và mỗi lần bị từ chối (403), được ghi "
                "nhật ký.",
)


class PartyCardCreateSerializer(VietnameseSerializer):
    member = VisibleMemberField(label="Đảng viên")
    kind = serializers.ChoiceField(choices=[c for c in CardKind.choices if c[0] != CardKind.EXCHANGE], label="Loại cấp thẻ",
                                   help_text="issue (lần đầu), reissue_lost (cấp lại thẻ mất), replace_damaged (đổi thẻ hỏng). "
                                             "Đổi thẻ theo đợt: POST …/exchange/.")
    number = serializers.CharField(label="Số thẻ", max_length=12, allow_blank=True)
    issued_on = serializers.DateField(label="Ngày cấp thẻ")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(label="Ngày quyết định", required=False, allow_null=True, default=None)
    reason = serializers.CharField(label="Lý do", required=False, allow_blank=True, default="")


class ExchangeSerializer(VietnameseSerializer):
    organization = VisibleOrganizationField(label="Tổ chức đảng")
    name = serializers.CharField(label="Tên đợt", max_length=200, allow_blank=True)
    numbering = serializers.ChoiceField(label="Cách đánh số", choices=CardExchangeCampaign.NUMBERING_CHOICES)
    start_number = serializers.CharField(label="Số bắt đầu", max_length=12, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(label="Ngày cấp thẻ mới")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, allow_blank=True)
    decision_date = serializers.DateField(label="Ngày quyết định", allow_null=True)
    dry_run = serializers.BooleanField(label="Chỉ xem trước", required=False, default=False,
                                       help_text="true: trả về danh sách và số thẻ mới dự kiến, không ghi gì.")


class ExchangeResultSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(allow_null=True)
    cards = serializers.IntegerField()
    rows = serializers.ListField(child=serializers.DictField())
    violations = serializers.ListField(child=serializers.DictField())


@extend_schema_view(
    list=extend_schema(summary="Lịch sử cấp thẻ đảng viên (trong phạm vi quyền)"),
    retrieve=extend_schema(summary="Một lần cấp thẻ đảng viên", parameters=[CARD_REVEAL],
                           responses={200: PartyCardSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}),
)
class PartyCardViewSet(RestrictedViewSet):
    serializer_class = PartyCardSerializer
    model = PartyCard
    filterset_class = PartyCardFilterSet
    select_related = ("member__organization",)
    ordering = ("member_id", "issued_on", "id")

    def retrieve(self, request, *args, **kwargs):
        card = self.get_object()
        raw = request.query_params.get("reveal", "")
        fields = list(dict.fromkeys(f.strip() for f in raw.split(",") if f.strip()))
        unknown = [f for f in fields if f not in CARD_REVEAL_FIELDS]
        if unknown:
            raise ValidationError({"reveal": [f"reveal: “{', '.join(unknown)}” không phải trường được che; chọn trong "
                                              f"{', '.join(CARD_REVEAL_FIELDS)}."]})
        # The register's one reveal path: checked and audited (a refusal too) by members.services.reveal.
        revealed = {f: member_services.reveal(by=request.user, member=card.member, field="party_card_number",
                                              value=getattr(card, f), source="lịch sử cấp thẻ") for f in fields}
        return Response(PartyCardSerializer(card, context={**self.get_serializer_context(), "revealed": revealed}).data)

    @extend_schema(summary="Cấp thẻ, cấp lại thẻ bị mất, đổi thẻ bị hỏng", request=PartyCardCreateSerializer,
                   responses=write_responses(201, PartyCardSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = PartyCardCreateSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        card = services.issue_card(by=request.user, member=v["member"], number=v["number"], kind=v["kind"],
                                   issued_on=v["issued_on"], decision_number=v["decision_number"],
                                   decision_date=v["decision_date"], reason=v["reason"])
        card = PartyCard.objects.select_related("member__organization").get(pk=card.pk)
        return Response(PartyCardSerializer(card, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Đổi thẻ đảng viên theo đợt (CT 51-CT/TW) cho các đảng viên chính thức của một tổ chức",
                   request=ExchangeSerializer, responses=write_responses(201, ExchangeResultSerializer, conflict=False))
    @action(detail=False, methods=["post"])
    def exchange(self, request):
        d = ExchangeSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        services.require_org_change(request.user, v["organization"])
        if v["dry_run"]:
            rows, violations = services.plan_exchange(organization=v["organization"], numbering=v["numbering"],
                                                      start_number=v["start_number"], issued_on=v["issued_on"],
                                                      directive_date=services.CT51_DATE)
            return Response({"campaign": None, "cards": 0, "rows": [_plan_row(r) for r in rows],
                             "violations": [{"code": x.code, "field": x.field, "message": x.message, "source": x.source}
                                            for x in violations]})
        campaign = services.exchange_cards(by=request.user, organization=v["organization"], name=v["name"],
                                           issued_on=v["issued_on"], decision_number=v["decision_number"],
                                           decision_date=v["decision_date"], numbering=v["numbering"],
                                           start_number=v["start_number"])
        rows = [{"member": c.member_id, "member_name": c.member.full_name, "new_number": c.number}
                for c in campaign.cards.select_related("member").order_by("member__name_key")]
        return Response({"campaign": campaign.pk, "cards": campaign.card_count, "rows": rows, "violations": []},
                        status=status.HTTP_201_CREATED)


def _plan_row(row) -> dict:
    return {"member": row.member.pk, "member_name": row.member.full_name, "new_number": row.new_number, "problem": row.problem}
