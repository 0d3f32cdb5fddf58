"""The to-do page ("Việc cần làm"): everything due or overdue in the user's scope, from every app
that has deadlines (dangvu.core.todo)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from dangvu.core import params, todo
from dangvu.core.dates import today


@login_required
def todo_page(request):
    errors: list[str] = []
    on = params.or_message(lambda: params.date(request.GET, "as_of", label="Tính đến ngày", default=today()), errors, today())
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
