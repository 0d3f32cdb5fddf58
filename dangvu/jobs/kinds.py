"""The registry of job kinds (dangvu.jobs.runner documents how to write one): a kind is a function
`fn(job) -> dict | None` registered with `@job_kind(label, exclusive=…)`, named by its dotted path. A result's
`link` (a path inside the site, e.g. the run an import checked) is shown on the job's page as "Xem kết quả"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


class JobError(Exception):
    """A failure the job function explains to the user (in Vietnamese): recorded as it is written, with `result`
    (what the job leaves to look at: an import refused keeps its run) recorded as a done job's would be."""

    def __init__(self, message, *, result: dict | None = None):
        super().__init__(message)
        self.result = result or {}


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    function: Callable[..., dict | None]
    exclusive: bool


KINDS: dict[str, Kind] = {}


def job_kind(label, *, exclusive: bool = False):
    """Register the decorated function `fn(job) -> dict | None` as a job kind named by its dotted path."""

    def register(fn):
        name = f"{fn.__module__}.{fn.__qualname__}"
        KINDS[name] = Kind(name=name, label=label, function=fn, exclusive=exclusive)
        fn.job_kind = name
        return fn

    return register


def kind(name: str) -> Kind:
    """The registered kind `name` (its module is imported if need be: a worker started cold)."""
    if name not in KINDS:
        try:
            import_string(name)
        except ImportError:
            pass
    if name not in KINDS:
        raise JobError(_("Loại công việc “%(kind)s” không được đăng ký.") % {"kind": name})
    return KINDS[name]


def label_of(name: str) -> str:
    try:
        return str(kind(name).label)
    except JobError:
        return name
