"""The page of a job, the progress fragment every page includes (htmx polling until the job is done, then the download
link or the error) and the download of a job's file. Only who asked, and administrators, reach them;
anyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from dangvu.core.http import content_disposition, local_next

from .models import Job, Status


def _job(request, pk):
    return get_object_or_404(Job.objects.asked_by(request.user).select_related("organization"), pk=pk)


@login_required
def index(request):
    """"Công việc của tôi": the user's recent background jobs (exports, reports, imports), to come back to."""
    jobs = Job.objects.asked_by(request.user).filter(requested_by=request.user).select_related("organization")
    return render(request, "jobs/index.html", {"jobs": jobs[:RECENT]})


RECENT = 50


@login_required
def detail(request, pk):
    """The page a large export (or an import) sends its user to: what the job is, its progress, the link."""
    return render(request, "jobs/job.html", {"job": _job(request, pk), "back": local_next(request)})


@login_required
def status(request, pk):
    return render(request, "jobs/_progress.html", {"job": _job(request, pk)})


@login_required
def download(request, pk):
    job = _job(request, pk)
    if job.status != Status.DONE or not job.file:
        raise Http404("Công việc chưa xong")
    return file_response(job)


def file_response(job):
    """The job's file as an attachment, never cached."""
    response = FileResponse(job.file.open("rb"), content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(job.filename)
    response["Cache-Control"] = "private, no-store"
    return response
