"""The dashboard ("Tổng quan", `/tong-quan/`, `GET /api/dashboard/`): the key figures of a user's scope
with their trend over five years, the make-up charts, the to-do count and the panels other apps add.

Every number comes from the figure engine (`dangvu.statistics.engine.compute` on `Window.year(org, y)`),
so it is the number the statistics page, the API and the year-end report print for the same
organization and year, and each one links to its drill-down list (`/thong-ke/chi-tieu/<code>/`).
"Members by organization" is one GROUP BY over the organization's subtree (each member placed under
the direct child whose subtree holds their cell on the date), never a compute per child.

The query count does not grow with the tree: five computes of the key figures (a few aggregates
each), one compute of the make-up of the chosen year, one GROUP BY for the children, the to-do
providers (the API; the page fetches the to-do count after it has loaded, from
`/tong-quan/viec-can-lam/`, since it is the slowest part) and the panels (`PANEL_PROVIDERS`, modules of apps above statistics with a
`dashboard_panel(user, organization, year, on)` function, e.g. the congress targets).
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.accounts import permissions
from dangvu.core import params, todo
from dangvu.core.dates import today
from dangvu.core.figures import Window, registry
from dangvu.core.numbers import format_number, percent
from dangvu.members.figures import AGE_BANDS
from dangvu.members.kinds import Sex
from dangvu.organizations.models import Organization, OrganizationVersion
from dangvu.statistics.engine import compute

VIEW = "members.view"  # who sees figures: officers, secretaries, viewers (leaders), not the member role
YEARS = 5  # the trend: the chosen year and the four before it

KEY_FIGURES = ["members.total", "members.admitted", "members.probationary", "members.recognized",
               "organizations.grassroots.total"]
AGE_CODES = [f"members.by_age.{code}" for code, *_ in AGE_BANDS]
SEX_CODES = [f"members.by_sex.{code}" for code in Sex.values]
KINH = "members.by_ethnicity.01"
ETHNICITY_PREFIX = "members.by_ethnicity."

# Modules with `dashboard_panel(user, organization, year, on) -> dict | None` (apps above statistics).
PANEL_PROVIDERS = [
    "dangvu.targets.dashboard",
]


def drill_url(code: str, organization, year: int) -> str:
    """The drill-down page of a figure (the statistics app's `/thong-ke/chi-tieu/<code>/`)."""
    return f"/thong-ke/chi-tieu/{code}/?" + urlencode({"organization": organization.pk, "year": year})


# ---------------------------------------------------------------- scope

def visible_organizations(user):
    """The organizations a user may open the dashboard for (today's subtrees of their scopes)."""
    return Organization.objects.restrict(user, VIEW)


def top_organizations(user) -> list:
    """The user's top organizations: their scope organizations (roots of the tree for an administrator)."""
    if permissions.is_system_admin(user):
        return list(Organization.objects.restrict(user, VIEW).filter(parent__isnull=True, ended_on__isnull=True))
    tops = {o.pk: o for o in permissions.scope_orgs(user, VIEW)}
    # A scope inside another scope of the same user is not a top.
    # Active ones first (the default is the first): a scope kept on an abolished district comes last.
    return sorted((o for o in tops.values() if not any(o.pk != p.pk and o.path.startswith(p.path) for p in tops.values())),
                  key=lambda o: (o.ended_on is not None, o.depth, o.name_key))


def picker_choices(user, tops: list) -> list:
    """The picker: the top organizations and the organizations directly under them today."""
    children = (visible_organizations(user).filter(parent__in=[o.pk for o in tops], ended_on__isnull=True)
                .only("id", "name", "parent_id", "path"))
    by_parent: dict[int, list] = {}
    for child in children:
        by_parent.setdefault(child.parent_id, []).append(child)
    out = []
    for top in tops:
        out.append((top, 0))
        out.extend((child, 1) for child in by_parent.get(top.pk, []))
    return out


def picker(user, tops: list, organization) -> dict:
    """The picker's context: its choices, and whether the organization shown is not among them."""
    choices = picker_choices(user, tops)
    return {"choices": choices, "picked_elsewhere": all(o.pk != organization.pk for o, _depth in choices)}


def resolve(user, raw_org: str | None, raw_year: str | None):
    """The organization and year asked for: the organization among those `user` may see (404 otherwise,
    and for a user without a scope that reads figures), the year a whole number (this year by default)."""
    if not permissions.has_scope(user, VIEW):
        raise Http404
    tops = top_organizations(user)
    if raw_org:
        try:
            pk = params.object_id({"organization": raw_org}, "organization", label="Tổ chức")
        except params.BadParameter as exc:
            raise Http404 from exc
        org = visible_organizations(user).filter(pk=pk).first()
    else:
        org = tops[0] if tops else None
    if org is None:
        raise Http404
    year = today().year
    if raw_year:
        try:
            year = params.integer({"year": raw_year}, "year", label="Năm", minimum=1930, maximum=today().year)
        except params.BadParameter as exc:
            raise ValueError(f"Năm “{raw_year}” không hợp lệ: nhập năm từ 1930 đến {today().year}.") from exc
    return org, year, tops


def resolve_page(request):
    """`resolve` for a page: a bad year is a message on the page (this year is shown instead)."""
    try:
        return (*resolve(request.user, request.GET.get("organization"), request.GET.get("year")), [])
    except ValueError as exc:
        return (*resolve(request.user, request.GET.get("organization"), None), [str(exc)])


# ---------------------------------------------------------------- the numbers

def members_by_child(organization, year: int) -> list[dict]:
    """Members in the party on the year's reporting date, by the organization directly under
    `organization` whose subtree held their cell then (the tree as of that date), plus those placed
    at `organization` itself. One GROUP BY over the subtree; the counts add up to members.total."""
    window = Window.year(organization, year)
    on = window.end
    children = list(OrganizationVersion.objects.valid_on(on).filter(parent_id=organization.pk)
                    .order_by("name_key").values("organization_id", "name", "path"))
    base = registry().bases["members.state_end"]
    rows = base.rows(window).order_by()
    # The member's cell as placed on the date (the rows are MemberState intervals: organization_id).
    placed = OrganizationVersion.objects.valid_on(on).filter(organization_id=OuterRef("organization_id")).values("path")[:1]
    branch = Case(*[When(member_path__tree_prefix=c["path"], then=Value(c["organization_id"])) for c in children],
                  default=Value(0), output_field=IntegerField()) if children else Value(0, output_field=IntegerField())
    counted = {row["branch"]: row["n"] for row in rows.annotate(member_path=Subquery(placed)).annotate(branch=branch)
               .values("branch").annotate(n=Count(base.key, distinct=base.distinct)).order_by()}
    out = [{"organization": c["organization_id"], "label": c["name"], "value": counted.get(c["organization_id"], 0)}
           for c in children]
    if counted.get(0):
        out.append({"organization": organization.pk, "label": "Trực tiếp tại " + organization.name, "value": counted[0],
                    "direct": True})
    return out


def _figure(v, organization, year) -> dict:
    return {"code": v.code, "label": str(v.label), "value": v.value, "display": format_number(v.value),
            "denominator": v.denominator, "percent": v.percent, "url": drill_url(v.code, organization, year)}


def todo_count(user, on: dt.date) -> dict:
    """The to-do count of the user's scope on `on` (every provider of dangvu.core.todo: the slowest part of
    the dashboard, so the page asks for it after it has loaded, from `todo_count_view`)."""
    count = len(todo.collect(user, on))
    return {"count": count, "display": format_number(count), "url": reverse("todo")}


def build(user, organization, year: int, *, on: dt.date | None = None, with_todo: bool = True) -> dict:
    """Everything the dashboard shows, as plain data (the page renders it, the API returns it). The page
    leaves the to-do count out (`with_todo=False`, "todo" is None) and loads it afterwards."""
    on = on or today()
    years = list(range(year - YEARS + 1, year + 1))
    trend = {y: {v.code: v for v in compute(Window.year(organization, y), KEY_FIGURES)} for y in years}
    ethnic_codes = [c for c in registry().figures if c.startswith(ETHNICITY_PREFIX)]
    current = {v.code: v for v in compute(Window.year(organization, year), AGE_CODES + SEX_CODES + ethnic_codes)}
    total = trend[year]["members.total"].value

    key_figures = []
    for code in KEY_FIGURES:
        latest = trend[year][code]
        key_figures.append({**_figure(latest, organization, year), "definition": registry()[code].definition,
                            "trend": [{"year": y, "value": trend[y][code].value, "display": format_number(trend[y][code].value),
                                       "url": drill_url(code, organization, y)} for y in years]})

    def share(label, value, url):
        return {"label": label, "value": value, "display": format_number(value), "percent": percent(value, total),
                "url": url}

    kinh = current[KINH].value
    minorities = sum(current[c].value for c in ethnic_codes if c != KINH)
    ethnicity = [share("Dân tộc Kinh", kinh, drill_url(KINH, organization, year)),
                 share("Dân tộc thiểu số", minorities, "")]
    if total - kinh - minorities:
        ethnicity.append(share("Chưa ghi dân tộc", total - kinh - minorities, ""))
    children = members_by_child(organization, year)
    for row in children:
        row.update(display=format_number(row["value"]), percent=percent(row["value"], total),
                   url="" if row.get("direct") else drill_url("members.total", Organization(pk=row["organization"]), year))
    panels = []
    for name in PANEL_PROVIDERS:
        panel = import_module(name).dashboard_panel(user, organization, year, on)
        if panel:
            panels.append(panel)
    return {
        "organization": {"id": organization.pk, "name": organization.name, "code": organization.code},
        "year": year,
        "years": years,
        "on": on.isoformat(),
        "key_figures": key_figures,
        "admissions": [{"year": y, "value": trend[y]["members.admitted"].value,
                        "display": format_number(trend[y]["members.admitted"].value),
                        "url": drill_url("members.admitted", organization, y)} for y in years],
        "age": [share(str(current[c].label).removeprefix("Đảng viên "), current[c].value, drill_url(c, organization, year))
                for c in AGE_CODES],
        "sex": [share(str(label), current[f"members.by_sex.{code}"].value,
                      drill_url(f"members.by_sex.{code}", organization, year)) for code, label in Sex.choices],
        "ethnicity": ethnicity,
        "by_organization": children,
        "todo": todo_count(user, on) if with_todo else None,
        "panels": panels,
    }


# ---------------------------------------------------------------- pages

@login_required
def dashboard_page(request):
    org, year, tops, errors = resolve_page(request)
    data = build(request.user, org, year, with_todo=False)
    return render(request, "statistics/dashboard.html", {
        "data": data, "organization": org, "year": year, "errors": errors,
        "year_choices": list(range(today().year, today().year - 10, -1)), **picker(request.user, tops, org),
    })


@login_required
def todo_count_view(request):
    """`/tong-quan/viec-can-lam/`: the dashboard's to-do count as JSON, fetched by the page after it loads
    (`{"count": 12, "display": "12", "url": "/viec-can-lam/"}`), the user's own scope, as of today."""
    return JsonResponse(todo_count(request.user, today()))


# ---------------------------------------------------------------- API

class DashboardShareSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.IntegerField()
    display = serializers.CharField()
    percent = serializers.CharField()
    url = serializers.CharField(help_text="Danh sách chi tiết (rỗng nếu không có).")


class DashboardPointSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.IntegerField()
    display = serializers.CharField()
    url = serializers.CharField()


_DASHBOARD = inline_serializer("Dashboard", {
    "organization": inline_serializer("DashboardOrganization", {
        "id": serializers.IntegerField(), "name": serializers.CharField(), "code": serializers.CharField()}),
    "year": serializers.IntegerField(),
    "years": serializers.ListField(child=serializers.IntegerField()),
    "on": serializers.DateField(),
    "key_figures": inline_serializer("DashboardKeyFigure", {
        "code": serializers.CharField(), "label": serializers.CharField(), "definition": serializers.CharField(),
        "value": serializers.IntegerField(), "display": serializers.CharField(),
        "denominator": serializers.IntegerField(allow_null=True), "percent": serializers.CharField(allow_null=True),
        "url": serializers.CharField(), "trend": DashboardPointSerializer(many=True)}, many=True),
    "admissions": DashboardPointSerializer(many=True),
    "age": DashboardShareSerializer(many=True),
    "sex": DashboardShareSerializer(many=True),
    "ethnicity": DashboardShareSerializer(many=True),
    "by_organization": inline_serializer("DashboardChild", {
        "organization": serializers.IntegerField(), "label": serializers.CharField(), "value": serializers.IntegerField(),
        "display": serializers.CharField(), "percent": serializers.CharField(), "url": serializers.CharField(),
        "direct": serializers.BooleanField(required=False)}, many=True),
    "todo": inline_serializer("DashboardTodo", {"count": serializers.IntegerField(), "display": serializers.CharField(),
                                                "url": serializers.CharField()}),
    "panels": serializers.ListField(child=serializers.DictField(), help_text="Các phần do ứng dụng khác bổ sung "
                                                                            "(chỉ tiêu nghị quyết: code = \"targets\")."),
})


class DashboardAPI(APIView):
    """Tổng quan của một tổ chức trong phạm vi quyền: các số liệu chính, xu hướng 5 năm, cơ cấu, số việc cần làm."""

    @extend_schema(
        summary="Tổng quan (dashboard)",
        parameters=[
            OpenApiParameter("organization", OpenApiTypes.INT, description="Id tổ chức (mặc định: tổ chức cao nhất "
                                                                          "trong phạm vi của bạn)."),
            OpenApiParameter("year", OpenApiTypes.INT, description="Năm (mặc định: năm nay); xu hướng là 5 năm đến năm này."),
        ],
        responses={200: _DASHBOARD},
    )
    def get(self, request):
        try:
            org, year, _tops = resolve(request.user, request.query_params.get("organization"),
                                       request.query_params.get("year"))
        except ValueError as exc:
            raise serializers.ValidationError({"year": [str(exc)]}) from exc
        return Response(build(request.user, org, year))
