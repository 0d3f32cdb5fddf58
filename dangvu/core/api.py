"""The to-do list in the API: the same items as the page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.core import params, todo
from dangvu.core.dates import today


class TodoItemSerializer(serializers.Serializer):
    category = serializers.CharField()
    category_label = serializers.CharField()
    title = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    url = serializers.CharField()
    organization = serializers.CharField()
    rule = serializers.CharField()


class TodoView(APIView):
    @extend_schema(summary="Việc cần làm trong phạm vi của người dùng",
                   parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                                                description="Tính đến ngày, dd/mm/yyyy hoặc yyyy-mm-dd (mặc định hôm nay).")],
                   responses=TodoItemSerializer(many=True))
    def get(self, request):
        on = params.date(request.query_params, "as_of", label="Tính đến ngày", default=today())
        return Response(TodoItemSerializer(todo.collect(request.user, on), many=True).data)
