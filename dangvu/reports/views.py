"""The page "Báo cáo năm": pick an organization of one's scope, a year and a format, start the
report, watch its progress (htmx polling) and download it; one may leave and come back."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.numbers import format_number
from dangvu.jobs.views import file_response

from . import jobs, services
from .forms import ReportForm
from .models import Status
from .selectors import jobs_for


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            job = services.start_report(by=request.user, organization=d["organization"], year=d["year"],
                                        fmt=d["format"], rounding=d["rounding"])
        except PermissionDeniedInScope as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
        else:
            jobs.dispatch(job)
            return redirect("reports:job", pk=job.pk)
    recent = jobs_for(request.user).filter(requested_by=request.user)[:20]
    return render(request, "reports/index.html", {"form": form, "jobs": recent,
                                                   "inline_limit": format_number(jobs.inline_limit())})


def _job(request, pk):
    return get_object_or_404(jobs_for(request.user), pk=pk)


@login_required
def job_page(request, pk):
    return render(request, "reports/job.html", {"job": _job(request, pk)})


@login_required
def job_status(request, pk):
    """The progress fragment the job page polls (htmx) until the job is done or failed."""
    return render(request, "reports/_status.html", {"job": _job(request, pk)})


@login_required
def download(request, pk):
    job = _job(request, pk)
    if job.status != Status.DONE or not job.file:
        raise Http404("Báo cáo chưa lập xong")
    return file_response(job)
