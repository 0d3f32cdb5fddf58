"""Views shared by every app: the page of one form."""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control


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
