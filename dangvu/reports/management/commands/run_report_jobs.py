"""`manage.py run_report_jobs`: the former name of `manage.py run_jobs` (dangvu.jobs), the worker of every
background job, the year-end reports included. Kept so that existing services and cron lines work."""

from dangvu.jobs.management.commands.run_jobs import Command as RunJobs


class Command(RunJobs):
    help = "Tên cũ của `run_jobs`: chạy các công việc nền đang chờ (báo cáo năm, xuất lớn, nhập dữ liệu)."
