"""`/api/accounts/…`: the account pages as an API (the same services: accounts.administration,
accounts.services, access.services). Generated passwords are returned once, in the answer of the
request that generated them."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from dangvu.access import services
from dangvu.accounts import administration
from dangvu.accounts import services as account_services
from dangvu.accounts.models import Role, Scope, User
from dangvu.api.responses import write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField


class ScopeSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    organization_code = serializers.CharField(source="organization.code", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Scope
        fields = ["id", "organization", "organization_name", "organization_code", "role", "role_label", "granted_at"]


class AccountSerializer(serializers.ModelSerializer):
    scopes = serializers.SerializerMethodField()
    manageable = serializers.SerializerMethodField(help_text="Bạn có được đặt lại mật khẩu, khóa, cấp và thu hồi quyền của "
                                                             "tài khoản này không.")

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "is_active", "must_change_password", "last_login", "scopes",
                  "manageable"]

    @extend_schema_field(ScopeSerializer(many=True))
    def get_scopes(self, user) -> list[dict]:
        visible = self.context["visible_scopes"]
        return ScopeSerializer([s for s in user.scopes.all() if s.pk in visible], many=True).data

    def get_manageable(self, user) -> bool:
        return administration.may_manage(self.context["request"].user, user)


class CredentialsSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="user.pk")
    username = serializers.CharField(source="user.username")
    full_name = serializers.CharField(source="user.full_name")
    organization = serializers.IntegerField(source="organization.pk", allow_null=True)
    organization_name = serializers.CharField(source="organization.name", allow_null=True)
    role = serializers.CharField()
    password = serializers.CharField(help_text="Mật khẩu tạm thời, chỉ trả về một lần; phải đổi ở lần đăng nhập đầu.")


class AccountCreateSerializer(VietnameseSerializer):
    username = serializers.CharField(label="Tên đăng nhập", max_length=150)
    full_name = serializers.CharField(label="Họ và tên", max_length=120)
    email = serializers.EmailField(label="Thư điện tử", required=False, allow_blank=True, default="")
    organization = VisibleOrganizationField(label="Tổ chức")
    role = serializers.ChoiceField(label="Vai trò", choices=Role.choices)


class GrantSerializer(VietnameseSerializer):
    organization = VisibleOrganizationField(label="Tổ chức")
    role = serializers.ChoiceField(label="Vai trò", choices=Role.choices)


class RevokeSerializer(VietnameseSerializer):
    scope = serializers.IntegerField(label="Phạm vi quyền (id)")


class DeactivateSerializer(VietnameseSerializer):
    reason = serializers.CharField(label="Lý do khóa tài khoản", max_length=300)


class LinkSerializer(VietnameseSerializer):
    member = VisibleMemberField(label="Đảng viên", allow_null=True)


class BulkSerializer(VietnameseSerializer):
    organization = VisibleOrganizationField(label="Tổ chức")


class AccountViewSet(RestrictedViewSet):
    """Accounts holding a scope inside your subtree (officers of organizations; administrators: all)."""

    serializer_class = AccountSerializer
    model = User

    def get_queryset(self):
        if not administration.may_manage_accounts(self.request.user):
            raise NotFound("Bạn không quản lý tài khoản nào.")
        return administration.managed_users(self.request.user).prefetch_related("scopes__organization")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False) or not self.request.user.is_authenticated:
            context["visible_scopes"] = set()
        else:
            context["visible_scopes"] = set(administration.managed_scopes(self.request.user).values_list("pk", flat=True))
        return context

    def _account(self, pk) -> User:
        return get_object_or_404(self.get_queryset(), pk=pk)

    def _detail(self, user, code=status.HTTP_200_OK):
        return Response(AccountSerializer(user, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=AccountCreateSerializer, responses=write_responses(201, CredentialsSerializer, conflict=False),
                   summary="Tạo tài khoản (mật khẩu tạm thời trả về một lần)")
    def create(self, request):
        self.get_queryset()
        d = self._validated(AccountCreateSerializer)
        credentials = administration.create_account(by=request.user, **d)
        return Response(CredentialsSerializer(credentials).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GrantSerializer, responses=write_responses(200, AccountSerializer, conflict=False),
                   summary="Cấp phạm vi quyền")
    @action(detail=True, methods=["post"])
    def grant(self, request, pk=None):
        user = self._account(pk)
        d = self._validated(GrantSerializer)
        account_services.grant_scope(by=request.user, user=user, **d)
        return self._detail(user)

    @extend_schema(request=RevokeSerializer, responses=write_responses(200, AccountSerializer, conflict=False),
                   summary="Thu hồi phạm vi quyền")
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        user = self._account(pk)
        d = self._validated(RevokeSerializer)
        scope = get_object_or_404(administration.managed_scopes(request.user).filter(user=user), pk=d["scope"])
        account_services.revoke_scope(by=request.user, scope=scope)
        return self._detail(user)

    @extend_schema(request=None, responses=write_responses(200, CredentialsSerializer, conflict=False),
                   summary="Đặt lại mật khẩu (mật khẩu tạm thời trả về một lần)")
    @action(detail=True, methods=["post"], url_path="reset-password")
    def reset_password(self, request, pk=None):
        credentials = administration.reset_password(by=request.user, user=self._account(pk))
        return Response(CredentialsSerializer(credentials).data)

    @extend_schema(request=DeactivateSerializer, responses=write_responses(200, AccountSerializer, conflict=False),
                   summary="Khóa tài khoản")
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        user = self._account(pk)
        d = self._validated(DeactivateSerializer)
        return self._detail(administration.set_active(by=request.user, user=user, active=False, reason=d["reason"]))

    @extend_schema(request=None, responses=write_responses(200, AccountSerializer, conflict=False), summary="Mở khóa tài khoản")
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        return self._detail(administration.set_active(by=request.user, user=self._account(pk), active=True))

    @extend_schema(request=LinkSerializer, responses=write_responses(200, AccountSerializer, conflict=False),
                   summary="Gắn tài khoản với hồ sơ đảng viên (null: bỏ gắn)")
    @action(detail=True, methods=["post"], url_path="link-member")
    def link_member(self, request, pk=None):
        user = self._account(pk)
        d = self._validated(LinkSerializer)
        return self._detail(services.link_member(by=request.user, user=user, member=d["member"]))

    @extend_schema(request=BulkSerializer, responses=write_responses(201, CredentialsSerializer(many=True), conflict=False),
                   summary="Tạo tài khoản bí thư cho mọi chi bộ chưa có (mật khẩu trả về một lần)")
    @action(detail=False, methods=["post"], url_path="bulk-secretaries")
    def bulk_secretaries(self, request):
        self.get_queryset()
        d = self._validated(BulkSerializer)
        created = services.create_secretary_accounts(by=request.user, organization=d["organization"])
        return Response(CredentialsSerializer(created, many=True).data, status=status.HTTP_201_CREATED)

