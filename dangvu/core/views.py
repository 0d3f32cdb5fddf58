"""The to-do page ("Việc cần làm"): everything due or overdue in the user's scope, from every app
that has deadlines (dangvu.core.todo)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from dangvu.core import todo
from dangvu.core.dates import parse_date, today


@login_required
def todo_page(request):
    errors = []
    try:
        on = parse_date(request.GET.get("as_of")) or today()
    except ValueError as exc:
        on, errors = today(), [f"as_of: {exc} hoặc yyyy-mm-dd."]
    items = todo.collect(request.user, on)
    # Groups in the order of their most urgent item (the items come overdue first, then by due date).
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.category_label, []).append(item)
    groups = list(grouped.items())
    return render(request, "core/todo.html", {
        "on": on, "errors": errors, "groups": groups, "total": len(items), "overdue": sum(i.overdue for i in items),
    })


def form_page(request, form, *, title: str, back: str, back_label: str = "", submit: str = "", intro: str = "", lead: str = "",
              danger: bool = False, template: str = "form_page.html", **context):
    """The page of one form (dangvu/templates/form_page.html), the same in every app.

    `back` is where the back link and “Hủy” go (`back_label` names it, “Quay lại” if empty); `lead` is a
    line about the object under the title, `intro` a note before the fields; a form with `fieldsets`
    is laid out in them; `danger` outlines the submit button of an irreversible action."""
    return render(request, template, {"form": form, "title": title, "back": back, "back_label": back_label or _("Quay lại"),
                                      "submit": submit or _("Lưu"), "intro": intro, "lead": lead, "danger": danger, **context})


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on every page: the star of the brand (static SVG)."""
    return redirect(static("dangvu/favicon.svg"), permanent=True)
