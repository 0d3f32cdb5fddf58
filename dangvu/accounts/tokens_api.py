"""/api/tokens/: your own API tokens (list, create through the login door, revoke)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed, NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.accounts import login, tokens
from dangvu.accounts.models import ApiToken


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at"]
        read_only_fields = fields


class TokenCreateSerializer(serializers.Serializer):
    username = serializers.CharField(label="Tên đăng nhập")
    password = serializers.CharField(label="Mật khẩu", style={"input_type": "password"}, trim_whitespace=False)
    name = serializers.CharField(label="Tên gợi nhớ", required=False, allow_blank=True, max_length=100)


class TokenCreatedSerializer(TokenSerializer):
    key = serializers.CharField(read_only=True)

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


class TokenListView(APIView):
    """GET: your own active tokens. POST (username, password[, name]): a new token, through the login
    throttle (429 when locked out); the key is in this answer only."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(responses=TokenSerializer(many=True))
    def get(self, request):
        return Response(TokenSerializer(tokens.active(request.user), many=True).data)

    @extend_schema(request=TokenCreateSerializer, responses={201: TokenCreatedSerializer})
    def post(self, request):
        form = TokenCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        outcome = login.attempt(request, form.validated_data["username"], form.validated_data["password"],
                                channel="api_token")
        if outcome.locked:
            return Response({"detail": str(login.LockedOut())}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if outcome.user is None:
            raise AuthenticationFailed("Tên đăng nhập hoặc mật khẩu không đúng.")
        token, key = tokens.create(by=outcome.user, name=form.validated_data.get("name", ""), channel="api")
        data = TokenSerializer(token).data | {"key": key}
        return Response(data, status=status.HTTP_201_CREATED)


class TokenDetailView(APIView):
    """DELETE: revoke one of your own tokens."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        token = ApiToken.objects.filter(pk=pk, user=request.user, revoked_at__isnull=True).first()
        if token is None:
            raise NotFound("Không có mã truy cập này trong các mã của bạn.")
        tokens.revoke(token, by=request.user, reason="owner")
        return Response(status=status.HTTP_204_NO_CONTENT)
