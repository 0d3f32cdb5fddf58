"""API views: organizations, their lifecycle, committees, history.

Scope: every queryset starts from `Organization.objects.visible_to(request.user)`, so an object
outside the user's scope is a 404 (its existence does not leak). Writes go through the same
services as the HTML views; the services check the rules and the user's right to change a
visible organization (403 when the user may only read it), and write the audit entries.
"""

import datetime as dt

from django.db.models import Case, IntegerField, Value, When
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.accounts import permissions
from dangvu.api.responses import FORBIDDEN, INVALID, NOT_FOUND, write_responses
from dangvu.api.serializers import AuditEntrySerializer
from dangvu.api.viewsets import RestrictedGenericViewSet, RestrictedViewSet
from dangvu.audit.services import entries_for
from dangvu.core import params
from dangvu.core.dates import today
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation
from dangvu.organizations import committees, selectors, services
from dangvu.organizations import serializers as s
from dangvu.organizations.filters import CommitteeTermFilterSet, OrganizationFilterSet, OrganizationVersionFilterSet
from dangvu.organizations.models import (
    POSITION_RANK,
    CommitteeMember,
    CommitteeTerm,
    Organization,
    OrganizationVersion,
)

AS_OF = OpenApiParameter(
    "as_of", OpenApiTypes.STR, OpenApiParameter.QUERY,
    description="Ngày (dd/mm/yyyy hoặc yyyy-mm-dd): trả lời theo cây tổ chức vào ngày đó, với tên, loại hình và "
                "tổ chức cấp trên khi ấy.",
)
TREE_PARENT = OpenApiParameter(
    "parent", OpenApiTypes.INT, OpenApiParameter.QUERY,
    description="Id tổ chức cấp trên: trả về cấp ngay dưới nó. Bỏ trống: cấp cao nhất mà bạn được xem.",
)

def _renamed(exc: RuleViolation, fields: dict[str, str]) -> RuleViolation:
    """The same violations, with the service's field names turned into this request's names."""
    return RuleViolation([Violation(v.code, v.message, fields.get(v.field, v.field), v.source) for v in exc.violations])


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách tổ chức đảng trong phạm vi quyền",
        description="Lọc theo q, kind, unit_type, status, within, parent. Với `as_of`, trả lời theo cây vào ngày đó.",
        parameters=[AS_OF],
    ),
    retrieve=extend_schema(summary="Chi tiết một tổ chức", responses={200: s.OrganizationSerializer, 404: NOT_FOUND}),
)
class OrganizationViewSet(RestrictedViewSet):
    serializer_class = s.OrganizationSerializer
    filterset_class = OrganizationFilterSet
    model = Organization
    select_related = ("parent",)
    ordering = ("name_key", "id")
    answer_outside_scope = True  # a dissolved or moved organization is answered too


    # ------------------------------------------------------------------------ reads

    def list(self, request, *args, **kwargs):
        on = params.date(request.query_params, "as_of", label="Ngày")
        if on is not None:
            return self._list_as_of(on)
        return super().list(request, *args, **kwargs)

    def _list_as_of(self, on: dt.date) -> Response:
        visible = Organization.objects.visible_to(self.request.user)
        versions = (OrganizationVersion.objects.valid_on(on).filter(organization__in=visible)
                    .select_related("organization").order_by("name_key", "organization_id"))
        filterset = OrganizationVersionFilterSet(self.request.query_params, versions, on=on, request=self.request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        page = self.paginate_queryset(filterset.qs)
        parent_ids = {v.parent_id for v in page if v.parent_id}
        parent_names = dict(OrganizationVersion.objects.valid_on(on).filter(organization_id__in=parent_ids)
                            .values_list("organization_id", "name"))
        context = {**self.get_serializer_context(), "parent_names": parent_names}
        return self.get_paginated_response(s.OrganizationAsOfSerializer(page, many=True, context=context).data)

    @extend_schema(summary="Các sự kiện (thành lập, đổi tên, chuyển, sáp nhập, hợp nhất…) của tổ chức",
                   responses={200: s.OrganizationEventSerializer(many=True), 404: NOT_FOUND})
    @action(detail=True, methods=["get"], filter_backends=[])
    def events(self, request, pk=None):
        org = self.get_object()
        events = org.events.select_related("related").order_by("effective_date", "id")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(s.OrganizationEventSerializer(page, many=True).data)

    @extend_schema(summary="Nhật ký thay đổi của tổ chức (mới nhất trước)",
                   responses={200: AuditEntrySerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND})
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, pk=None):
        org = self.get_object()
        if not permissions.can(request.user, "audit.view", org):
            raise PermissionDeniedInScope(f"Bạn không có quyền xem nhật ký thay đổi của “{org.name}”.")
        entries = entries_for(org).order_by("-timestamp", "-id")
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(AuditEntrySerializer(page, many=True).data)

    @extend_schema(methods=["GET"], summary="Cấp ủy viên cấp trên phụ trách, theo dõi chi bộ (lịch sử, mới nhất trước)",
                   responses={200: s.CellFollowerSerializer(many=True), 404: NOT_FOUND})
    @extend_schema(methods=["POST"], summary="Phân công cấp ủy viên cấp trên phụ trách chi bộ từ một ngày (G3)",
                   request=s.CellFollowerAssignSerializer, responses=write_responses(201, s.CellFollowerSerializer, conflict=False))
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def followers(self, request, pk=None):
        org = self.get_object()
        if request.method == "POST":
            d = s.CellFollowerAssignSerializer(data=request.data)
            d.is_valid(raise_exception=True)
            v = d.validated_data
            seat = CommitteeMember.objects.filter(pk=v["seat"], term__in=_terms_visible_to(request.user)).first()
            if seat is None:
                raise RuleViolation([Violation("follower.seat_unknown", "Cấp ủy viên cấp trên phụ trách: không tìm thấy "
                                               "cấp ủy viên này.", "seat")])
            assignment = committees.assign_follower(by=request.user, cell=org, seat=seat, start_date=v["start_date"],
                                                    note=v["note"])
            return Response(s.CellFollowerSerializer(assignment).data, status=status.HTTP_201_CREATED)
        rows = org.followers.select_related("seat__term__organization").order_by("-start_date", "-id")
        return Response(s.CellFollowerSerializer(rows, many=True).data)

    @extend_schema(summary="Một cấp của cây tổ chức vào một ngày", parameters=[AS_OF, TREE_PARENT],
                   responses={200: s.TreeNodeSerializer(many=True), 400: INVALID})
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def tree(self, request):
        on, parent = params.collect(lambda: params.date(request.query_params, "as_of", label="Ngày", default=today()),
                                    lambda: params.object_id(request.query_params, "parent", label="Tổ chức cấp trên"))
        nodes = selectors.tree_level(request.user, on, parent)
        return Response(s.TreeNodeSerializer(nodes, many=True).data)

    # ------------------------------------------------------------------------ writes

    @extend_schema(summary="Thành lập tổ chức", request=s.OrganizationCreateSerializer,
                   responses=write_responses(201, s.OrganizationSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = self._input(s.OrganizationCreateSerializer)
        v = d.validated_data
        org = services.establish(
            by=request.user, parent=v["parent"], code=v["code"], name=v["name"], kind=v["kind"],
            effective_date=v["effective_date"], short_name=v["short_name"], unit_type=v["unit_type"],
            address=v["address"], has_youth_union=v["has_youth_union"], decision=d.decision(),
        )
        return self._answer(org, status.HTTP_201_CREATED)

    @extend_schema(summary="Đính chính thông tin (không phải đổi tên)", request=s.OrganizationUpdateSerializer,
                   responses=write_responses(200, s.OrganizationSerializer))
    def update(self, request, *args, **kwargs):
        org = self.get_object()
        d = self._input(s.OrganizationUpdateSerializer, partial=kwargs.get("partial", False))
        org = services.correct(by=request.user, org=org, expected_version=d.validated_data["version"], **d.changes())
        return self._answer(org)

    @extend_schema(summary="Đính chính một phần thông tin", request=s.OrganizationUpdateSerializer,
                   responses=write_responses(200, s.OrganizationSerializer))
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def _lifecycle(self, serializer_class, call, fields: dict[str, str] | None = None, code: int = status.HTTP_200_OK):
        org = self.get_object()
        d = self._input(serializer_class)
        try:
            result = call(org, d.validated_data, d.decision())
        except RuleViolation as exc:
            raise _renamed(exc, fields or {}) from exc
        return self._answer(result, code)

    @extend_schema(summary="Đổi tên (sự kiện có ngày hiệu lực)", request=s.RenameSerializer,
                   responses=write_responses(200, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def rename(self, request, pk=None):
        return self._lifecycle(s.RenameSerializer, lambda org, v, decision: services.rename(
            by=request.user, org=org, name=v["name"], short_name=v["short_name"], effective_date=v["effective_date"],
            decision=decision, expected_version=v["version"]))

    @extend_schema(summary="Đổi mã số (sự kiện có ngày hiệu lực, theo quyết định)", request=s.RenumberSerializer,
                   responses=write_responses(200, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def renumber(self, request, pk=None):
        return self._lifecycle(s.RenumberSerializer, lambda org, v, decision: services.renumber(
            by=request.user, org=org, code=v["code"], effective_date=v["effective_date"], decision=decision,
            expected_version=v["version"]))

    @extend_schema(summary="Chuyển trực thuộc (cùng các tổ chức cấp dưới)", request=s.MoveSerializer,
                   responses=write_responses(200, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def move(self, request, pk=None):
        return self._lifecycle(s.MoveSerializer, lambda org, v, decision: services.move(
            by=request.user, org=org, new_parent=v["new_parent"], effective_date=v["effective_date"], decision=decision,
            expected_version=v["version"]), fields={"parent": "new_parent"})

    @extend_schema(summary="Sáp nhập vào tổ chức khác đã có; trả về tổ chức sáp nhập vào", request=s.MergeSerializer,
                   responses=write_responses(200, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def merge(self, request, pk=None):
        return self._lifecycle(s.MergeSerializer, lambda org, v, decision: services.merge(
            by=request.user, source=org, target=v["target"], effective_date=v["effective_date"], decision=decision,
            expected_version=v["version"]))

    @extend_schema(summary="Hợp nhất tổ chức này với các tổ chức khác thành tổ chức mới; trả về tổ chức mới",
                   request=s.ConsolidateSerializer, responses=write_responses(201, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def consolidate(self, request, pk=None):
        return self._lifecycle(s.ConsolidateSerializer, lambda org, v, decision: services.consolidate(
            by=request.user, sources=[org, *v["sources"]], parent=v["parent"] or org.parent, code=v["code"], name=v["name"],
            kind=v["kind"], short_name=v["short_name"], effective_date=v["effective_date"], decision=decision,
            expected_versions={org.pk: v["version"]} if v.get("version") is not None else None),
            code=status.HTTP_201_CREATED)

    @extend_schema(summary="Chia tách: thành lập tổ chức mới từ tổ chức này; trả về tổ chức mới", request=s.SplitSerializer,
                   responses=write_responses(201, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def split(self, request, pk=None):
        return self._lifecycle(s.SplitSerializer, lambda org, v, decision: services.split(
            by=request.user, source=org, code=v["code"], name=v["name"], kind=v["kind"], short_name=v["short_name"],
            children=v["children"], dissolve_source=v["dissolve_source"], effective_date=v["effective_date"],
            decision=decision, expected_version=v["version"]), fields={"parent": "kind"}, code=status.HTTP_201_CREATED)

    @extend_schema(summary="Giải thể", request=s.LifecycleSerializer, responses=write_responses(200, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def dissolve(self, request, pk=None):
        return self._lifecycle(s.LifecycleSerializer, lambda org, v, decision: services.dissolve(
            by=request.user, org=org, effective_date=v["effective_date"], decision=decision, expected_version=v["version"]))

    @extend_schema(summary="Đổi loại hình (các tổ chức trực thuộc đổi theo)", request=s.ChangeKindSerializer,
                   responses=write_responses(200, s.OrganizationSerializer))
    @action(detail=True, methods=["post"], url_path="change-kind", url_name="change-kind", filter_backends=[])
    def change_kind(self, request, pk=None):
        return self._lifecycle(s.ChangeKindSerializer, lambda org, v, decision: services.change_kind(
            by=request.user, org=org, kind=v["kind"], effective_date=v["effective_date"], decision=decision,
            expected_version=v["version"], exception_consent=v["exception_consent"]))


def _terms_visible_to(user):
    return CommitteeTerm.objects.filter(organization__in=Organization.objects.visible_to(user))


@extend_schema_view(
    list=extend_schema(summary="Các nhiệm kỳ cấp ủy trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết một nhiệm kỳ", responses={200: s.CommitteeTermSerializer, 404: NOT_FOUND}),
)
class CommitteeTermViewSet(RestrictedViewSet):
    serializer_class = s.CommitteeTermSerializer
    filterset_class = CommitteeTermFilterSet
    model = CommitteeTerm
    select_related = ("organization",)
    ordering = ("organization__name_key", "organization_id", "-start_date", "id")

    def restricted_queryset(self, user):
        return self._related(_terms_visible_to(user))

    @extend_schema(summary="Mở nhiệm kỳ mới (nhiệm kỳ trước đang mở sẽ kết thúc)", request=s.CommitteeTermCreateSerializer,
                   responses=write_responses(201, s.CommitteeTermSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = s.CommitteeTermCreateSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        term = committees.create_term(by=request.user, organization=v["organization"], name=v["name"],
                                      start_date=v["start_date"], end_date=v["end_date"],
                                      congress_resolution=v["congress_resolution"],
                                      extension_decision=v["extension_decision"], size=v["size"])
        term = self.get_queryset().get(pk=term.pk)
        return Response(self.get_serializer(term).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="Các cấp ủy viên của nhiệm kỳ (bí thư trước)",
                   responses={200: s.CommitteeSeatSerializer(many=True), 404: NOT_FOUND})
    @extend_schema(methods=["POST"], summary="Bổ sung cấp ủy viên", request=s.CommitteeSeatCreateSerializer,
                   responses=write_responses(201, s.CommitteeSeatSerializer, conflict=False))
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def seats(self, request, pk=None):
        term = self.get_object()
        if request.method == "POST":
            d = s.CommitteeSeatCreateSerializer(data=request.data, context=self.get_serializer_context())
            d.is_valid(raise_exception=True)
            v = d.validated_data
            seat = committees.add_seat(by=request.user, term=term, member=v["member"], full_name=v["full_name"],
                                       position=v["position"], start_date=v["start_date"],
                                       decision_number=v["decision_number"])
            return Response(s.CommitteeSeatSerializer(seat).data, status=status.HTTP_201_CREATED)
        rank = Case(*[When(position=p, then=Value(r)) for p, r in POSITION_RANK.items()], output_field=IntegerField())
        ended = Case(When(end_date__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
        seats = term.seats.annotate(rank=rank, ended=ended).order_by("ended", "rank", "start_date", "name_key", "id")
        return Response(s.CommitteeSeatSerializer(seats, many=True).data)


@extend_schema_view(
    retrieve=extend_schema(summary="Chi tiết một cấp ủy viên", responses={200: s.CommitteeSeatSerializer, 404: NOT_FOUND}),
)
class CommitteeSeatViewSet(mixins.RetrieveModelMixin, RestrictedGenericViewSet):
    serializer_class = s.CommitteeSeatSerializer
    model = CommitteeMember
    filter_backends = []

    def restricted_queryset(self, user):
        return CommitteeMember.objects.filter(term__in=_terms_visible_to(user))

    @extend_schema(summary="Ghi nhận thôi giữ chức vụ", request=s.CommitteeSeatEndSerializer,
                   responses=write_responses(200, s.CommitteeSeatSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        seat = self.get_object()
        d = s.CommitteeSeatEndSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        seat = committees.end_seat(by=request.user, seat=seat, end_date=v["end_date"], reason=v["reason"], ground=v["ground"],
                                   decision_number=v["decision_number"], decision_date=v["decision_date"])
        return Response(s.CommitteeSeatSerializer(seat).data)
