"""The to-do page ("Việc cần làm"): everything due or overdue in the user's scope, from every app
that has deadlines (dangvu.core.todo)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dangvu.core import todo
from dangvu.core.dates import parse_date, today


@login_required
def todo_page(request):
    errors = []
    try:
        on = parse_date(request.GET.get("ngay")) or today()
    except ValueError as exc:
        on, errors = today(), [str(exc)]
    items = todo.collect(request.user, on)
    # Groups in the order of their most urgent item (the items come overdue first, then by due date).
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.category_label, []).append(item)
    groups = list(grouped.items())
    return render(request, "core/todo.html", {
        "on": on, "errors": errors, "groups": groups, "total": len(items), "overdue": sum(i.overdue for i in items),
    })
