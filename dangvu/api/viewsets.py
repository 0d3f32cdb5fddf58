"""The one base of the API's restricted viewsets: rows come from the model's restricted queryset for the
requesting user, anything outside it is a 404, ids are `<int:pk>`, lists are paginated (page, page_size).

How an app uses it (its api.py):

    class CaseViewSet(RestrictedViewSet):          # list + retrieve; writes are the app's own actions
        model = Case
        serializer_class = CaseSerializer
        visible = "visible_to"                     # the manager method taking the user (default)
        select_related = ("body",)                 # optional
        prefetch_related = ("steps",)              # optional (names or Prefetch objects)
        ordering = ("-decision_date", "-id")       # optional

        def may_change(self, user, case) -> bool:  # optional: the 403 of `self._changeable()`
            return services.may_change(user, case.body)

        def change_denied(self, case) -> str:      # the Vietnamese 403 detail
            return f"Bạn không có quyền ghi … của {case.body.name}."

- `restricted_queryset(user)` builds the rows from these attributes; override it when the rows are not
  one manager call (`get_queryset()` stays the place for request filters; `_answer` ignores those);
- `queryset` is `model.objects.none()` (for the schema); requests read `get_queryset()`;
- `self._changeable()`: the object (404 outside the scope), or 403 with `change_denied(obj)` when the
  user sees it but `may_change` says no; the services keep refusing a stale `version` (409);
- `self._answer(obj, code)`: the object re-read through the restricted queryset, serialized with
  `serializer_class`: what a write action answers (`answer_outside_scope = True`: re-read without the
  restriction, with the same related rows, for writes that may move the object out of the user's scope);
- `self._require_scope(permission, message)`: 403 unless the user holds that permission somewhere (a create);
  a tuple of permissions: any one of them (discipline: the officers' or the cell secretary's);
- `may_change` may read `self.action` when the steps differ in who may record them (discipline: `CELL_STEPS`);
- `self._validated(InputSerializer)` (ServiceInputMixin): 400 naming the field, else the values.

`RestrictedGenericViewSet` is the same without the list/retrieve actions (a viewset with only one of them
adds the DRF mixin it wants). Every app's API viewsets stand on it (tests/api/test_viewsets.py checks each route).
"""

from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from dangvu.accounts import permissions
from dangvu.api.mixins import ServiceInputMixin
from dangvu.api.pagination import Pagination
from dangvu.core.errors import PermissionDeniedInScope


class RestrictedGenericViewSet(ServiceInputMixin, viewsets.GenericViewSet):
    model = None
    visible = "visible_to"
    select_related: tuple = ()
    prefetch_related: tuple = ()
    ordering: tuple = ()
    answer_outside_scope = False  # `_answer` re-reads without the restriction (the write may move it out of scope)
    pagination_class = Pagination
    lookup_value_converter = "int"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None and "queryset" not in cls.__dict__:
            cls.queryset = cls.model.objects.none()  # the model, for the schema

    def restricted_queryset(self, user):
        return self._related(getattr(self.model.objects, self.visible)(user))

    def _related(self, qs):
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        if self.ordering:
            qs = qs.order_by(*self.ordering)
        return qs

    def get_queryset(self):
        return self.restricted_queryset(self.request.user)

    def may_change(self, user, obj) -> bool:
        return True

    def change_denied(self, obj) -> str:
        return "Bạn không có quyền thực hiện thao tác này."

    def _require_scope(self, permission: str | tuple[str, ...], message: str) -> None:
        """403 with `message` unless the user holds `permission` (or one of a tuple of them) somewhere (what a
        create needs first)."""
        wanted = (permission,) if isinstance(permission, str) else permission
        if not any(permissions.has_scope(self.request.user, p) for p in wanted):
            raise PermissionDeniedInScope(message)

    def _changeable(self):
        obj = self.get_object()
        if not self.may_change(self.request.user, obj):
            raise PermissionDeniedInScope(self.change_denied(obj))
        return obj

    def _answer(self, obj, code=status.HTTP_200_OK):
        rows = self._related(self.model.objects.all()) if self.answer_outside_scope else \
            self.restricted_queryset(self.request.user)
        fresh = rows.get(pk=obj.pk)
        return Response(self.serializer_class(fresh, context=self.get_serializer_context()).data, status=code)


# List and retrieve within the scope; the app adds its write actions. (No docstring: drf-spectacular would
# print it as every endpoint's description.)
class RestrictedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedGenericViewSet):
    pass
