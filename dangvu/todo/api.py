"""The to-do list in the API: the same items and filters as the page (GET /api/todo/, and its groups at
GET /api/todo/groups/), and the "handled elsewhere" marks (/api/todo/handled/: list, mark, bring back).

Items are read through each provider's `restrict` (dangvu.core.todo); marks through
`HandledItem.objects.restrict(user)`; writes go through dangvu.todo.services (rules → 400 naming the field,
outside the user's right → 403, stale `version` → 409)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.api.fields import version_field
from dangvu.api.responses import write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.core.dates import today
from dangvu.todo import selectors, services
from dangvu.todo.models import HandledItem
from dangvu.todo.views import filters

PARAMETERS = [
    OpenApiParameter("as_of", OpenApiTypes.DATE, description="Tính đến ngày, dd/mm/yyyy hoặc yyyy-mm-dd (mặc định hôm nay)."),
    OpenApiParameter("organization", OpenApiTypes.INT, description="Chỉ việc của tổ chức này và các tổ chức trực thuộc (id)."),
    OpenApiParameter("kind", OpenApiTypes.STR, description="Chỉ một loại việc (mã `category`)."),
    OpenApiParameter("horizon", OpenApiTypes.STR, enum=[c for c, _ in selectors.HORIZONS if c],
                     description="overdue: chỉ việc quá hạn; 7, 30, 90: việc quá hạn, chưa có hạn hoặc đến hạn trong số ngày đó."),
    OpenApiParameter("handled", OpenApiTypes.BOOL, description="true: gồm cả việc đã đánh dấu xử lý ở nơi khác."),
]


class MarkSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    handled_by_label = serializers.CharField(source="handled_by.__str__", read_only=True)

    class Meta:
        model = HandledItem
        fields = ["id", "key", "category", "category_label", "title", "due", "organization", "organization_name", "reason",
                  "handled_on", "handled_by_label", "reopened_at", "version"]
        read_only_fields = fields


class TodoItemSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Mã của việc (để đánh dấu đã xử lý ở nơi khác).")
    category = serializers.CharField()
    category_label = serializers.CharField()
    title = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    url = serializers.CharField()
    organization = serializers.CharField()
    organization_id = serializers.IntegerField(allow_null=True)
    rule = serializers.CharField()
    may_handle = serializers.BooleanField(help_text="Người dùng được đánh dấu việc này là đã xử lý ở nơi khác.")
    handled = MarkSerializer(allow_null=True, help_text="Dấu “đã xử lý ở nơi khác” (chỉ khi handled=true).")


class GroupSerializer(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    overdue = serializers.IntegerField()


def _worklist(request):
    form, on, org, kind, horizon, handled = filters(request.user, request.query_params)
    if form.errors:
        # Each message names the query parameter first, as every API parameter error does (core.params).
        raise ValidationError({f: [f"{f}: {m}" for m in ms] for f, ms in form.errors.items()})
    return selectors.worklist(request.user, on, organization=org, kind=kind, horizon=horizon, include_handled=handled)


def _item(row) -> dict:
    i = row.item
    return {"key": i.key, "category": i.category, "category_label": i.category_label, "title": i.title, "due": i.due,
            "overdue": i.overdue, "url": i.url, "organization": i.organization, "organization_id": i.organization_id,
            "rule": i.rule, "may_handle": row.may_handle, "handled": row.mark}


class TodoView(APIView):
    @extend_schema(summary="Việc cần làm trong phạm vi của người dùng (khẩn nhất trước)", parameters=PARAMETERS,
                   responses=TodoItemSerializer(many=True))
    def get(self, request):
        work = _worklist(request)
        rows = [r for g in work.groups for r in g.rows]
        rows.sort(key=lambda r: selectors.todo.urgency(r.item))
        return Response(TodoItemSerializer([_item(r) for r in rows], many=True).data)


class TodoGroupsView(APIView):
    @extend_schema(summary="Việc cần làm theo nhóm: số việc và số việc quá hạn của mỗi loại", parameters=PARAMETERS,
                   responses=GroupSerializer(many=True))
    def get(self, request):
        work = _worklist(request)
        return Response(GroupSerializer([{"category": g.category, "label": g.label, "count": g.count, "overdue": g.overdue}
                                         for g in work.groups], many=True).data)


class MarkInputSerializer(VietnameseSerializer):
    """Đánh dấu một việc trong danh sách việc cần làm là đã xử lý ở nơi khác."""

    key = serializers.CharField(label="Mã việc", max_length=500)
    reason = serializers.CharField(label="Lý do", max_length=1000)
    as_of = serializers.DateField(label="Tính đến ngày", required=False, allow_null=True, default=None)


class ReopenInputSerializer(VietnameseSerializer):
    version = version_field()


@extend_schema_view(
    list=extend_schema(summary="Việc đã đánh dấu xử lý ở nơi khác (đang có hiệu lực; all=true: cả dấu đã bỏ)",
                       parameters=[OpenApiParameter("all", OpenApiTypes.BOOL)]),
    retrieve=extend_schema(summary="Một dấu “đã xử lý ở nơi khác”"),
    create=extend_schema(summary="Đánh dấu việc đã xử lý ở nơi khác", request=MarkInputSerializer,
                         responses=write_responses(201, MarkSerializer, conflict=False)),
    reopen=extend_schema(summary="Đưa việc trở lại danh sách việc cần làm", request=ReopenInputSerializer,
                         responses=write_responses(200, MarkSerializer)),
)
class HandledViewSet(RestrictedViewSet):
    serializer_class = MarkSerializer
    model = HandledItem
    filter_backends: list = []
    http_method_names = ["get", "post", "head", "options"]

    visible = "restrict"
    select_related = ("organization", "handled_by")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list" and self.request.query_params.get("all") not in ("true", "1"):
            qs = qs.open()
        return qs.order_by("-created_at", "-id")

    def create(self, request):
        d = self._validated(MarkInputSerializer)
        mark = services.mark_handled(by=request.user, key=d["key"], reason=d["reason"], on=d["as_of"] or today())
        return Response(MarkSerializer(mark).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        mark = self.get_object()
        d = self._validated(ReopenInputSerializer)
        return Response(MarkSerializer(services.reopen(by=request.user, mark=mark, expected_version=d.get("version"))).data)
